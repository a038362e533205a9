package parley.bench.load;

import java.util.Arrays;
import parley.media.rtp.ExtendedSeq;

/**
 * Loss of one RTP stream from its sequence numbers, as RFC 3550 §A.3 counts it: expected is the
 * extended highest minus the first plus one, received counts each sequence number once. A packet
 * that arrives late (within {@link #WINDOW} of the highest) fills its gap; a duplicate or a packet
 * older than the window is not counted. A forward jump of more than {@link #MAX_JUMP} is taken as
 * a restart of the stream, not as loss. Not thread-safe (the receiver thread owns it).
 */
final class SeqTracker {
    /** How far behind the highest a packet may arrive and still count, in packets. */
    static final int WINDOW = 1024;
    static final int MAX_JUMP = 3000;

    private final ExtendedSeq unwrap = new ExtendedSeq();
    private final long[] seen = new long[WINDOW / 64];
    private long base;
    private long highest = -1;
    private long received;
    private long restarts;

    /** Records one packet; true when it counted (neither a duplicate nor too late). */
    boolean record(int seq) {
        long s = unwrap.unwrap(seq);
        if (highest < 0) {
            base = s;
            highest = s;
            return mark(s);
        }
        if (s > highest) {
            long jump = s - highest;
            if (jump > MAX_JUMP) {
                restarts++;
                base += jump - 1; // the gap is not loss
            }
            if (jump >= WINDOW) {
                Arrays.fill(seen, 0);
            } else {
                for (long x = highest + 1; x < s; x++) clear(x);
            }
            highest = s;
            clear(s);
            return mark(s);
        }
        if (highest - s >= WINDOW || s < base) return false;
        return mark(s);
    }

    long expected() {
        return highest < 0 ? 0 : highest - base + 1;
    }

    long received() {
        return received;
    }

    long restarts() {
        return restarts;
    }

    private boolean mark(long s) {
        int i = Math.floorMod(s, WINDOW);
        long bit = 1L << (i & 63);
        if ((seen[i >>> 6] & bit) != 0) return false;
        seen[i >>> 6] |= bit;
        received++;
        return true;
    }

    private void clear(long s) {
        int i = Math.floorMod(s, WINDOW);
        seen[i >>> 6] &= ~(1L << (i & 63));
    }
}
