package parley.media.rtcp;

/** Range checks for unsigned fields held in wider Java types. */
final class Unsigned {
    private Unsigned() {
    }

    static void check32(long value, String what) {
        if (value < 0 || value > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException(what + " " + value + " (expected: 0..2^32-1)");
        }
    }

    static void check(int value, int max, String what) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(what + " " + value + " (expected: 0.." + max + ")");
        }
    }
}
