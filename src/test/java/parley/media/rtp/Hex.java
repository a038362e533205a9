package parley.media.rtp;

/** Test helper: bytes from hex text with spaces, newlines and {@code //} comments ignored. */
public final class Hex {
    private Hex() {
    }

    public static byte[] bytes(String hex) {
        StringBuilder digits = new StringBuilder();
        for (String line : hex.split("\n")) {
            int comment = line.indexOf("//");
            digits.append((comment >= 0 ? line.substring(0, comment) : line).replaceAll("\\s", ""));
        }
        if (digits.length() % 2 != 0) {
            throw new IllegalArgumentException("odd hex digit count " + digits.length());
        }
        byte[] b = new byte[digits.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(digits.substring(2 * i, 2 * i + 2), 16);
        }
        return b;
    }

    public static String of(byte[] b, int off, int len) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < len; i++) {
            s.append(i == 0 ? "" : " ").append(String.format("%02x", b[off + i] & 0xFF));
        }
        return s.toString();
    }

    public static String of(byte[] b) {
        return of(b, 0, b.length);
    }
}
