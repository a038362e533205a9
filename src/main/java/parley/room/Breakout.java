package parley.room;

import java.util.Objects;

/**
 * One breakout room of a meeting: {@code id} as the clients name it ("b1", "b2", ...),
 * {@code name} as people see it ("Room 1"), and {@code roomKey}, the registry key of its
 * own {@link Room}: random, and outside the names a {@code join} can ask for (it starts
 * with {@link #KEY_PREFIX}), so nobody reaches a breakout but through a move.
 */
public record Breakout(String id, String name, String roomKey) {
    /** Not a room-name character ({@link RoomName}): no {@code join} can name a breakout. */
    public static final String KEY_PREFIX = "~";

    public Breakout {
        Objects.requireNonNull(id);
        Objects.requireNonNull(name);
        if (!roomKey.startsWith(KEY_PREFIX)) throw new IllegalArgumentException("breakout key must start with " + KEY_PREFIX);
    }

    /** A fresh unguessable registry key. */
    public static String newKey() {
        return KEY_PREFIX + Secrets.roomName();
    }

    @Override
    public String toString() {
        return "Breakout[" + id + "]"; // never the name or the key
    }
}
