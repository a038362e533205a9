package parley.room;

import java.util.Locale;

/** Room names: 1 to 64 characters of A-Z a-z 0-9 - _, compared case-insensitively. */
public final class RoomName {
    public static final int MAX_LENGTH = 64;

    private RoomName() {}

    /** The canonical (lower-case) form of a valid name; an exception says what is wrong, without quoting it. */
    public static String canonical(String name) {
        if (name == null) throw new IllegalArgumentException("room name missing");
        int n = name.length();
        if (n < 1 || n > MAX_LENGTH) {
            throw new IllegalArgumentException("room name of " + n + " characters (expected: 1 to " + MAX_LENGTH + ")");
        }
        for (int i = 0; i < n; i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!ok) {
                throw new IllegalArgumentException("room name has a character U+" + String.format("%04X", (int) c)
                        + " at index " + i + " (expected: A-Z a-z 0-9 - _)");
            }
        }
        return name.toLowerCase(Locale.ROOT);
    }
}
