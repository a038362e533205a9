package parley.media.rtp;

/**
 * Unwraps 16-bit sequence numbers of one stream to a monotonic 64-bit count (RFC 3550 §A.1's
 * cycles * 65536 + seq). The first number seen is taken as-is; later ones are placed at the
 * shortest distance from the highest seen, so reordering across a wrap lands on the right cycle.
 * A packet from before the first one around a wrap may unwrap to a negative value.
 * Not thread-safe: one owner per stream.
 */
public final class ExtendedSeq {
    private boolean initialized;
    private int highestSeq;
    private long highestExtended;

    /** The extended value of {@code seq} (0..65535); advances the highest when it is newer. */
    public long unwrap(int seq) {
        if (!initialized) {
            initialized = true;
            highestSeq = seq;
            highestExtended = seq;
            return seq;
        }
        int d = SeqNum.diff(seq, highestSeq);
        long extended = highestExtended + d;
        if (d > 0) {
            highestSeq = seq;
            highestExtended = extended;
        }
        return extended;
    }

    /** The extended value {@code seq} would get, without changing state. */
    public long peek(int seq) {
        return initialized ? highestExtended + SeqNum.diff(seq, highestSeq) : seq;
    }

    public boolean isInitialized() {
        return initialized;
    }

    /** Highest extended sequence number seen; 0 before the first. */
    public long highest() {
        return highestExtended;
    }

    /** Forgets everything, as if new. */
    public void reset() {
        initialized = false;
        highestSeq = 0;
        highestExtended = 0;
    }
}
