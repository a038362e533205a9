package parley.media.rtp;

/**
 * 16-bit RTP sequence-number arithmetic with wrap-around (RFC 3550 §A.1). Numbers are ints in
 * 0..65535. The distance between two numbers is taken the short way round; exactly half the circle
 * (32768) counts as "older" in both directions, so {@code isNewer(a, b) == diff(a, b) > 0} always.
 * Stateless, so thread-safe.
 */
public final class SeqNum {
    /** Count of distinct sequence numbers. */
    public static final int MODULUS = 1 << 16;
    private static final int MASK = MODULUS - 1;

    private SeqNum() {
    }

    /** Signed distance {@code a - b} in -32768..32767: positive when {@code a} comes after {@code b}. */
    public static int diff(int a, int b) {
        return (short) (a - b);
    }

    /** True when {@code a} comes after {@code b} (within half the circle). */
    public static boolean isNewer(int a, int b) {
        return diff(a, b) > 0;
    }

    /** {@code seq + delta} modulo 2^16, in 0..65535. */
    public static int add(int seq, int delta) {
        return (seq + delta) & MASK;
    }
}
