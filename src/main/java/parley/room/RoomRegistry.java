package parley.room;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Every live room by canonical name. A room is created by the first join and removed at
 * its last leave; a removed room is marked closed under the map's lock, so that a join
 * that found it just before is retried against the registry. Thread-safe.
 */
public final class RoomRegistry<C> {
    private final ConcurrentHashMap<String, Room<C>> rooms = new ConcurrentHashMap<>();
    private final Function<String, Room<C>> factory;

    /** {@code factory} makes a new room for a canonical name; it must be cheap (it runs under the map's lock). */
    public RoomRegistry(Function<String, Room<C>> factory) {
        this.factory = factory;
    }

    /** The live room named {@code canonical}; a new one if there is none and {@code mayCreate}; else null. */
    public Room<C> find(String canonical, boolean mayCreate) {
        return rooms.compute(canonical, (k, r) -> r != null && !r.isClosed() ? r : mayCreate ? factory.apply(k) : null);
    }

    /**
     * Moves {@code room} to the new name {@code canonical}; false (nothing changed) if that
     * name is taken. Call on the room's executor.
     */
    public boolean rename(Room<C> room, String canonical) {
        if (rooms.putIfAbsent(canonical, room) != null) return false;
        String old = room.name();
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
