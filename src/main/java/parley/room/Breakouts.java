package parley.room;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The breakout rooms of one meeting, held by its main room: which rooms there are, whether
 * participants may choose, a closing countdown, and who is away from the main room (in a
 * breakout, or on the way to or from one). People in the main room are the main room's
 * participants and are not listed here.
 *
 * <p>Life: open (rooms and moves) → closing (a countdown; moves still allowed) → closed
 * (everyone is sent back; the state lives on until the last one arrived or gave up).
 * Times are milliseconds from the caller's clock. Not thread-safe: the main room's
 * executor owns it.
 */
public final class Breakouts<C> {
    public static final int MAX_ROOMS = 20;

    /**
     * Someone away from the main room: in breakout {@code breakoutId} (null: on the way back
     * to the main room), reached through {@code link}; {@code movingUntilMs} is the deadline
     * of a move under way, or -1 once they arrived. {@code mainRole}: their role in the main
     * room, which they get back there (and which decides what they may do here).
     */
    public record Member<C>(String id, String name, Role mainRole, C link, String breakoutId, long movingUntilMs) {
        public boolean moving() {
            return movingUntilMs >= 0;
        }
    }

    private final List<Breakout> rooms;
    private final boolean choose;
    private final Map<String, Member<C>> away = new LinkedHashMap<>();
    private long closesAtMs = -1;
    private boolean closed;

    public Breakouts(List<Breakout> rooms, boolean choose) {
        if (rooms.isEmpty() || rooms.size() > MAX_ROOMS) {
            throw new IllegalArgumentException(rooms.size() + " breakout rooms (expected: 1 to " + MAX_ROOMS + ")");
        }
        this.rooms = List.copyOf(rooms);
        this.choose = choose;
    }

    /**
     * The rooms for {@code names} (a blank or null name becomes "Room n"), with ids b1, b2, ...
     * and fresh keys from {@code keys}.
     */
    public static List<Breakout> plan(List<String> names, Supplier<String> keys) {
        List<Breakout> out = new ArrayList<>(names.size());
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i) == null || names.get(i).isBlank() ? "Room " + (i + 1) : names.get(i).strip();
            out.add(new Breakout("b" + (i + 1), name, keys.get()));
        }
        return out;
    }

    public List<Breakout> rooms() { return rooms; }
    /** Whether participants may pick a breakout themselves (and go back to the main room). */
    public boolean choose() { return choose; }
    public boolean isClosed() { return closed; }
    /** When the countdown ends, or -1 when none runs. */
    public long closesAtMs() { return closesAtMs; }

    /** The breakout with this id, or null (also for null). */
    public Breakout room(String breakoutId) {
        for (Breakout b : rooms) if (b.id().equals(breakoutId)) return b;
        return null;
    }

    /** Whether someone may go to {@code breakoutId} (null: the main room) on their own. */
    public boolean maySelfMove(Role mainRole, String breakoutId) {
        if (closed) return false;
        if (breakoutId != null && room(breakoutId) == null) return false;
        return mainRole.isModerator() || choose;
    }

    // ---- who is away

    public Member<C> away(String id) {
        return away.get(id);
    }

    public Collection<Member<C>> awayMembers() {
        return Collections.unmodifiableCollection(away.values());
    }

    /** While anyone is away, the main room lives on even when nobody is in it. */
    public boolean anyoneAway() {
        return !away.isEmpty();
    }

    /** {@code id} is being sent to {@code breakoutId} (null: the main room) and must arrive by {@code untilMs}. */
    public void sending(String id, String name, Role mainRole, C link, String breakoutId, long untilMs) {
        away.put(id, new Member<>(id, name, mainRole, link, breakoutId, untilMs));
    }

    /**
     * {@code id} entered {@code breakoutId} (null: the main room) over {@code link}: they are
     * where they arrived, even when a later move meant somewhere else (its token came second).
     * False when the main room forgot them (their move expired).
     */
    public boolean arrived(String id, C link, String breakoutId) {
        Member<C> m = away.get(id);
        if (m == null) return false;
        if (breakoutId == null) away.remove(id);
        else away.put(id, new Member<>(id, m.name(), m.mainRole(), link, breakoutId, -1));
        return true;
    }

    /**
     * {@code id}'s connection {@code link} left its breakout. A move under way is not a
     * departure (the old connection goes as the new one arrives); anything else is: they are
     * gone from the meeting. True when they were forgotten.
     */
    public boolean left(String id, C link) {
        Member<C> m = away.get(id);
        if (m == null || m.moving() || m.link() != link) return false;
        away.remove(id);
        return true;
    }

    /** Forgets moves that did not arrive by their deadline; returns who was forgotten. */
    public List<Member<C>> expire(long nowMs) {
        List<Member<C>> gone = new ArrayList<>();
        away.values().removeIf(m -> {
            boolean late = m.moving() && m.movingUntilMs() <= nowMs;
            if (late) gone.add(m);
            return late;
        });
        return gone;
    }

    // ---- closing

    /** Starts the countdown: the rooms close at {@code atMs}. */
    public void closeAt(long atMs) {
        if (!closed) closesAtMs = atMs;
    }

    /** Whether a countdown has run out at {@code nowMs}. */
    public boolean due(long nowMs) {
        return !closed && closesAtMs >= 0 && nowMs >= closesAtMs;
    }

    /** Closes the rooms: no more moves but back to the main room. Returns who must be sent back. */
    public List<Member<C>> close() {
        closed = true;
        closesAtMs = -1;
        List<Member<C>> back = new ArrayList<>();
        for (Member<C> m : away.values()) if (m.breakoutId() != null) back.add(m);
        return back;
    }

    /** Closed and nobody away any more: the main room may drop this state. */
    public boolean finished() {
        return closed && away.isEmpty();
    }

    @Override
    public String toString() {
        return "Breakouts[" + rooms.size() + " rooms, " + away.size() + " away" + (closed ? ", closed" : "") + "]";
    }
}
