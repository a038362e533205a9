package parley.signal;

/**
 * Checks of client-supplied strings, used by the message records' constructors. Failures
 * are {@link IllegalArgumentException}s whose message says what was wrong and what was
 * expected, without quoting the value (it may be private or huge).
 */
final class Validate {
    static final int MAX_NAME = 48;
    static final int MAX_AVATAR = 49_152;
    static final int MAX_CHAT = 2000;
    static final int MAX_NOTE = 500;
    static final int MAX_PASSWORD = 128;
    static final int MAX_ID = 64;
    static final int MAX_TOKEN = 8192;
    private static final String[] AVATAR_PREFIXES = {
        "data:image/png;base64,", "data:image/jpeg;base64,", "data:image/webp;base64,"
    };

    private Validate() {}

    /** A display name: trimmed, 1 to 48 code points, no control or bidirectional-override characters. */
    static String name(String field, String raw) {
        String s = raw.strip();
        int n = s.codePointCount(0, s.length());
        if (n < 1 || n > MAX_NAME) {
            throw new IllegalArgumentException(field + " of " + n + " characters after trimming (expected: 1 to " + MAX_NAME + ")");
        }
        s.codePoints().forEach(cp -> {
            if (Character.getType(cp) == Character.CONTROL || isBidiControl(cp)) {
                throw new IllegalArgumentException(field + " contains U+" + String.format("%04X", cp)
                        + " (expected: no control or bidirectional formatting characters)");
            }
        });
        return s;
    }

    private static boolean isBidiControl(int cp) {
        return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E || cp == 0x200F
                || cp == 0x061C;
    }

    /** Free text: {@code min} to {@code max} code points; at least one non-blank when min > 0. */
    static String text(String field, String s, int min, int max) {
        int n = s.codePointCount(0, s.length());
        if (n < min || n > max) {
            throw new IllegalArgumentException(field + " of " + n + " characters (expected: " + min + " to " + max + ")");
        }
        if (min > 0 && s.isBlank()) throw new IllegalArgumentException(field + " is blank (expected: some text)");
        return s;
    }

    /** Like {@link #text} but null passes. */
    static String optionalText(String field, String s, int max) {
        return s == null ? null : text(field, s, 0, max);
    }

    /** An opaque id chosen by the server: 1 to 64 characters. */
    static String id(String field, String s) {
        if (s == null) throw new IllegalArgumentException(field + " missing");
        return text(field, s, 1, MAX_ID);
    }

    /** An avatar: null, or a base64 data URL of a PNG, JPEG or WebP picture of at most 49152 characters. */
    static String avatar(String s) {
        if (s == null) return null;
        if (s.length() > MAX_AVATAR) {
            throw new IllegalArgumentException("avatar of " + s.length() + " characters (expected: at most " + MAX_AVATAR + ")");
        }
        for (String prefix : AVATAR_PREFIXES) {
            if (s.startsWith(prefix)) {
                checkBase64(s, prefix.length());
                return s;
            }
        }
        throw new IllegalArgumentException("avatar is not a data URL (expected: data:image/png, image/jpeg or image/webp;base64,...)");
    }

    /** Standard base64 (A-Z a-z 0-9 + / and = padding), 1 to {@code max} characters, a multiple of 4. */
    static String base64(String field, String s, int max) {
        if (s == null) throw new IllegalArgumentException(field + " missing");
        if (s.isEmpty() || s.length() > max || s.length() % 4 != 0) {
            throw new IllegalArgumentException(field + " of " + s.length() + " characters (expected: a multiple of 4, 4 to " + max + ")");
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean pad = c == '=' && i >= s.length() - 2 && (i == s.length() - 1 || s.charAt(i + 1) == '=');
            if (!pad && !isBase64(c)) throw new IllegalArgumentException(field + " has a non-base64 character at index " + i + " (expected: A-Z a-z 0-9 + / and = at the end)");
        }
        return s;
    }

    private static boolean isBase64(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
    }

    private static void checkBase64(String s, int from) {
        if (from == s.length()) throw new IllegalArgumentException("avatar has no data (expected: base64 after the comma)");
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = isBase64(c) || c == '=';
            if (!ok) throw new IllegalArgumentException("avatar has a non-base64 character at index " + i + " (expected: A-Z a-z 0-9 + / =)");
        }
    }
}
