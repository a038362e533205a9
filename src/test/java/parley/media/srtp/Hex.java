package parley.media.srtp;

import java.util.HexFormat;

/** Test vectors as the RFCs print them: hex digits, spaces and line breaks ignored. */
final class Hex {
    private Hex() {}

    static byte[] hex(String digits) {
        return HexFormat.of().parseHex(digits.replaceAll("\\s", ""));
    }

    static String hex(byte[] bytes, int off, int len) {
        return HexFormat.of().formatHex(bytes, off, off + len);
    }
}
