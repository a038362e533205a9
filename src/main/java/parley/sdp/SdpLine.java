package parley.sdp;

import java.util.ArrayList;
import java.util.List;

/**
 * One {@code <type>=<value>} line of an SDP with its 1-based line number.
 *
 * @param number 1-based line number, for messages
 * @param type   the type letter: 'v', 'o', 'a', 'm', ...
 * @param value  everything after "x="
 */
record SdpLine(int number, char type, String value) {
    /**
     * Splits {@code sdp} into lines, accepting CRLF or LF endings (the last line may lack one).
     * Rejects an oversize text, an empty or overlong line, a stray CR or control character, and
     * a line not of the form {@code x=...}.
     */
    static List<SdpLine> split(String sdp, SdpLimits limits) throws SdpException {
        if (sdp.length() > limits.maxChars()) {
            throw new SdpException("SDP size " + sdp.length() + " characters (expected: at most "
                    + limits.maxChars() + ")");
        }
        String[] raw = sdp.split("\n", -1);
        int count = raw.length > 0 && raw[raw.length - 1].isEmpty() ? raw.length - 1 : raw.length;
        List<SdpLine> lines = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            lines.add(parse(i + 1, raw[i], limits));
        }
        if (lines.isEmpty()) throw new SdpException("SDP is empty (expected: v=0 first)");
        return lines;
    }

    private static SdpLine parse(int number, String text, SdpLimits limits) throws SdpException {
        String line = text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
        if (line.length() > limits.maxLineChars()) {
            throw SdpException.atLine(number, "length " + line.length() + " (expected: at most "
                    + limits.maxLineChars() + ")");
        }
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                throw SdpException.atLine(number, "control character 0x" + Integer.toHexString(c)
                        + " at column " + (i + 1) + " (expected: printable text, lines ending in CRLF or LF)");
            }
        }
        if (line.length() < 2 || line.charAt(0) < 'a' || line.charAt(0) > 'z' || line.charAt(1) != '=') {
            throw SdpException.atLine(number, SdpTokens.quote(line) + " (expected: <letter>=<value>)");
        }
        return new SdpLine(number, line.charAt(0), line.substring(2));
    }
}
