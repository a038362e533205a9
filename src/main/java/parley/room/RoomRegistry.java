package parley.room;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Every live room by canonical name. A room is created by the first join and removed at
 * its last leave; a removed room is marked closed under the map's lock, so that a join
 * that found it just before is retried against the registry. The names of meetings ended
 * for everyone or moved away are remembered (as keyed hashes, {@link PastNames}) so that
 * they are not opened again by accident. Thread-safe.
 */
public final class RoomRegistry<C> {
    /**
     * What a join finds under a name: the live room, or none with the reason the name is
     * remembered ({@code gone}, null when it is simply not open).
     */
    public record Lookup<C>(Room<C> room, PastNames.Reason gone) {}

    private final ConcurrentHashMap<String, Room<C>> rooms = new ConcurrentHashMap<>();
    private final Function<String, Room<C>> factory;
    private final PastNames past;

    /** {@code factory} makes a new room for a canonical name; it must be cheap (it runs under the map's lock). */
    public RoomRegistry(Function<String, Room<C>> factory) {
        this(factory, new PastNames());
    }

    public RoomRegistry(Function<String, Room<C>> factory, PastNames past) {
        this.factory = factory;
        this.past = past;
    }

    /**
     * The live room named {@code canonical}; else a new one if {@code mayCreate} and the
     * name is not remembered as ended or moved, or if {@code mayReopen} (then it is
     * forgotten); else none, with the reason the name is remembered, if it is.
     */
    public Lookup<C> find(String canonical, boolean mayCreate, boolean mayReopen, long nowMs) {
        PastNames.Reason[] gone = new PastNames.Reason[1];
        Room<C> room = rooms.compute(canonical, (k, r) -> {
            if (r != null && !r.isClosed()) return r;
            if (!mayCreate) return null;
            gone[0] = past.reason(k, nowMs);
            if (gone[0] == null) return factory.apply(k);
            if (!mayReopen) return null;
            past.forget(k);
            gone[0] = null;
            return factory.apply(k);
        });
        if (room == null && gone[0] == null) gone[0] = past.reason(canonical, nowMs);
        return new Lookup<>(room, gone[0]);
    }

    /** Remembers that {@code room} was ended for everyone: its name opens no new room for a while. Room's executor. */
    public void ended(Room<C> room, long nowMs) {
        past.remember(room.name(), PastNames.Reason.ENDED, nowMs);
    }

    /**
     * Moves {@code room} to the new name {@code canonical}, remembering the old one as moved;
     * false (nothing changed) if that name is taken. Call on the room's executor.
     */
    public boolean rename(Room<C> room, String canonical, long nowMs) {
        if (rooms.putIfAbsent(canonical, room) != null) return false;
        String old = room.name();
        past.remember(old, PastNames.Reason.MOVED, nowMs);
        room.name(canonical);
        rooms.remove(old, room);
        return true;
    }

    /** Forgets {@code room} and marks it closed. Call on the room's executor. */
    public void remove(Room<C> room) {
        rooms.compute(room.name(), (k, r) -> {
            room.markClosed();
            return r == room ? null : r;
        });
    }

    public int size() {
        return rooms.size();
    }

    /** A snapshot of the live rooms. */
    public List<Room<C>> rooms() {
        return List.copyOf(rooms.values());
    }
}
