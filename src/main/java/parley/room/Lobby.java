package parley.room;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The guests waiting to be let into a room, in knocking order, with the room's knock limits.
 * Knocks are limited so that no one can keep the others out (protocol.md, "Lobby"): each
 * address has its own knock bucket and may have at most its share of the lobby waiting; the
 * room's own bucket applies only to a further guest from an address that already has one
 * waiting, so the first knock from any other address is never refused for the rate.
 * Not thread-safe: the room's executor owns it.
 */
public final class Lobby<C> {
    /** Why a knock was refused, or OK. */
    public enum Knock { OK, FULL, ADDRESS_FULL, RATE_LIMITED }

    /** Addresses whose knock buckets a room keeps at most (the oldest go first). */
    static final int MAX_ADDRESSES = 1024;

    private final int capacity;
    private final TokenBucket knocks;
    private final Budget addressKnockBudget;
    private final int sharePercent;
    private final LinkedHashMap<String, LobbyGuest<C>> guests = new LinkedHashMap<>();
    private final LinkedHashMap<String, TokenBucket> addressKnocks = new LinkedHashMap<>();

    /** {@code addressKnocks}: what one address may knock; {@code sharePercent}: how much of the lobby it may fill. */
    Lobby(int capacity, TokenBucket knocks, Budget addressKnocks, int sharePercent) {
        this.capacity = capacity;
        this.knocks = knocks;
        this.addressKnockBudget = addressKnocks;
        this.sharePercent = sharePercent;
    }

    public boolean isFull() {
        return guests.size() >= capacity;
    }

    /** Guests one address may have waiting at once: its share of the lobby (by default a fifth), at least one. */
    public int perAddressCapacity() {
        return Math.max(1, (int) ((long) capacity * sharePercent / 100));
    }

    /** Counts one knock from {@code origin} against the limits; anything but OK means it is refused. */
    public Knock tryKnock(String origin, long nowNanos) {
        if (isFull()) return Knock.FULL;
        int waiting = waitingFrom(origin);
        if (waiting >= perAddressCapacity()) return Knock.ADDRESS_FULL;
        if (!addressBucket(origin, nowNanos).tryTake(nowNanos)) return Knock.RATE_LIMITED;
        if (waiting > 0 && !knocks.tryTake(nowNanos)) return Knock.RATE_LIMITED;
        return Knock.OK;
    }

    private TokenBucket addressBucket(String origin, long nowNanos) {
        TokenBucket b = addressKnocks.remove(origin);
        if (b == null) {
            b = addressKnockBudget.bucket(nowNanos);
            Iterator<TokenBucket> oldest = addressKnocks.values().iterator();
            while (addressKnocks.size() >= MAX_ADDRESSES && oldest.hasNext()) {
                oldest.next();
                oldest.remove();
            }
        }
        addressKnocks.put(origin, b); // the most recent last
        return b;
    }

    private int waitingFrom(String origin) {
        int n = 0;
        for (LobbyGuest<C> g : guests.values()) if (g.origin().equals(origin)) n++;
        return n;
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
