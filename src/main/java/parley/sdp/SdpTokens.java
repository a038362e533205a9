package parley.sdp;

/** Small checks shared by the parser and the records: numbers, tokens, quoting for messages. */
final class SdpTokens {
    /** Longest piece of the client's SDP that an error message quotes. */
    private static final int MAX_QUOTED_CHARS = 40;
    /** RFC 8866 token-char besides letters and digits. */
    private static final String TOKEN_PUNCTUATION = "!#$%&'*+-.^_`{|}~";

    private SdpTokens() {}

    /** The decimal number {@code s} in min..max, else "SDP line 14: rtpmap payload type 300 (expected: 0..127)". */
    static int intIn(String s, int min, int max, String what, int line) throws SdpException {
        return (int) longIn(s, min, max, what, line);
    }

    /** As {@link #intIn} for values up to 2^32-1 (SSRCs). */
    static long longIn(String s, long min, long max, String what, int line) throws SdpException {
        long value = -1;
        if (!s.isEmpty() && s.length() <= 10 && s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            value = Long.parseLong(s);
        }
        if (value < min || value > max) {
            String shown = value >= 0 ? Long.toString(value) : quote(s);
            throw SdpException.atLine(line, what + " " + shown + " (expected: " + min + ".." + max + ")");
        }
        return value;
    }

    /** {@code s} in quotes, cut to a safe length: 'abc'. */
    static String quote(String s) {
        if (s == null) return "null";
        String cut = s.length() > MAX_QUOTED_CHARS ? s.substring(0, MAX_QUOTED_CHARS) + "..." : s;
        StringBuilder b = new StringBuilder(cut.length() + 2).append('\'');
        for (int i = 0; i < cut.length(); i++) {
            char c = cut.charAt(i);
            b.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return b.append('\'').toString();
    }

    /** Whether {@code s} is a non-empty RFC 8866 token of at most {@code maxChars}. */
    static boolean isToken(String s, int maxChars) {
        if (s == null || s.isEmpty() || s.length() > maxChars) return false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!isAlnum(c) && TOKEN_PUNCTUATION.indexOf(c) < 0) return false;
        }
        return true;
    }

    /** Whether {@code s} is a rid-id (RFC 8851) short enough for the RTP stream id extension (16 bytes). */
    static boolean isRidId(String s) {
        if (s == null || s.isEmpty() || s.length() > 16) return false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!isAlnum(c) && c != '-' && c != '_') return false;
        }
        return true;
    }

    /** Whether {@code s} is minChars..maxChars ice-chars (RFC 8839: ALPHA / DIGIT / "+" / "/"). */
    static boolean isIceChars(String s, int minChars, int maxChars) {
        if (s == null || s.length() < minChars || s.length() > maxChars) return false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!isAlnum(c) && c != '+' && c != '/') return false;
        }
        return true;
    }

    /** The space-separated fields of {@code value}; none for a blank value. */
    static String[] fields(String value) {
        String trimmed = value.strip();
        return trimmed.isEmpty() ? new String[0] : trimmed.split("[ \t]+");
    }

    private static boolean isAlnum(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
}
