package parley.room;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The guests waiting to be let into a room, in knocking order, with the room's knock limits.
 * Not thread-safe: the room's executor owns it.
 */
public final class Lobby<C> {
    private final int capacity;
    private final TokenBucket knocks;
    private final LinkedHashMap<String, LobbyGuest<C>> guests = new LinkedHashMap<>();

    Lobby(int capacity, TokenBucket knocks) {
        this.capacity = capacity;
        this.knocks = knocks;
    }

    public boolean isFull() {
        return guests.size() >= capacity;
    }

    /** Counts one knock against the room's knock rate; false when over it. */
    public boolean tryKnock(long nowNanos) {
        return knocks.tryTake(nowNanos);
    }

    public void add(LobbyGuest<C> guest) {
        if (isFull()) throw new IllegalStateException("lobby full (" + capacity + ")");
        guests.put(guest.id(), guest);
    }

    public LobbyGuest<C> get(String id) {
        return guests.get(id);
    }

    public LobbyGuest<C> remove(String id) {
        return guests.remove(id);
    }

    /** Removes and returns the guest waiting on {@code link}, or null. */
    public LobbyGuest<C> removeByLink(C link) {
        for (LobbyGuest<C> g : guests.values()) {
            if (g.link() == link) return guests.remove(g.id());
        }
        return null;
    }

    /** Removes and returns every guest, in knocking order. */
    public List<LobbyGuest<C>> removeAll() {
        List<LobbyGuest<C>> all = new ArrayList<>(guests.values());
        guests.clear();
        return all;
    }

    public List<LobbyGuest<C>> guests() {
        return List.copyOf(guests.values());
    }

    public int size() {
        return guests.size();
    }
}
