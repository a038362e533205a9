package parley.media.srtp;

/**
 * The replay list of RFC 3711 §3.3.2 as a sliding bitmap of the indices accepted below the
 * highest one. The bitmap is a ring of 64-bit words addressed by index (as in RFC 6479), so
 * moving the window forward clears only the words it passes instead of shifting them all; the
 * word holding the highest index is partly in the future, hence a window of (WORDS - 1) * 64.
 *
 * <p>Not thread-safe.
 */
final class ReplayWindow {
    /** The index has not been accepted and is inside or ahead of the window. */
    static final int FRESH = 0;
    /** The index was accepted before. */
    static final int SEEN = 1;
    /** The index is so far below the highest that the window no longer remembers it. */
    static final int TOO_OLD = 2;

    private static final int WORDS = 16;
    /** Indices remembered below and including the highest: 960. */
    static final long SIZE = (WORDS - 1) * 64L;

    private final long[] bits = new long[WORDS];
    private long highest = -1;

    /** FRESH, SEEN or TOO_OLD; changes nothing. */
    int check(long index) {
        if (index > highest) {
            return FRESH;
        }
        if (highest - index >= SIZE) {
            return TOO_OLD;
        }
        return (bits[word(index)] & 1L << index) != 0 ? SEEN : FRESH;
    }

    /** Marks the index seen, moving the window forward if it is the new highest. */
    void accept(long index) {
        if (index > highest) {
            long first = highest < 0 ? 0 : (highest >>> 6) + 1;
            long last = index >>> 6;
            for (long w = Math.max(first, last - WORDS + 1); w <= last; w++) {
                bits[(int) (w & (WORDS - 1))] = 0;
            }
            highest = index;
        }
        bits[word(index)] |= 1L << index;
    }

    long highest() {
        return highest;
    }

    private static int word(long index) {
        return (int) ((index >>> 6) & (WORDS - 1));
    }
}
