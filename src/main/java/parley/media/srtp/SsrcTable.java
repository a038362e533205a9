package parley.media.srtp;

/**
 * SSRC to {@link SsrcState}, open addressing with linear probing on primitive keys, so a lookup
 * neither boxes the SSRC nor allocates. Grows (allocating) only when an SSRC is added; holds at
 * most {@code capacity} SSRCs.
 *
 * <p>Not thread-safe.
 */
final class SsrcTable {
    private static final int MIN_SLOTS = 8;

    private final int capacity;
    private int[] keys = new int[MIN_SLOTS];
    private SsrcState[] values = new SsrcState[MIN_SLOTS];
    private int size;

    SsrcTable(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("SRTP SSRC capacity " + capacity + " (expected: at least 1)");
        }
        this.capacity = capacity;
    }

    SsrcState get(int ssrc) {
        int mask = keys.length - 1;
        for (int i = slot(ssrc, mask); values[i] != null; i = (i + 1) & mask) {
            if (keys[i] == ssrc) {
                return values[i];
            }
        }
        return null;
    }

    boolean isFull() {
        return size >= capacity;
    }

    int size() {
        return size;
    }

    int capacity() {
        return capacity;
    }

    /** Adds fresh state for an SSRC that is not in the table; the caller checked {@link #isFull}. */
    SsrcState add(int ssrc) {
        if (isFull()) {
            throw new IllegalStateException("SRTP SSRC table full at " + capacity);
        }
        if ((size + 1) * 2 > keys.length) {
            resize(keys.length * 2);
        }
        SsrcState state = new SsrcState();
        insert(ssrc, state);
        size++;
        return state;
    }

    /** Forgets an SSRC; backward-shift deletion keeps every probe chain unbroken. */
    void remove(int ssrc) {
        int mask = keys.length - 1;
        int i = slot(ssrc, mask);
        while (values[i] != null && keys[i] != ssrc) {
            i = (i + 1) & mask;
        }
        if (values[i] == null) {
            return;
        }
        values[i] = null;
        size--;
        for (int j = (i + 1) & mask; values[j] != null; j = (j + 1) & mask) {
            int home = slot(keys[j], mask);
            // move j into the hole at i unless its home lies cyclically in (i, j]
            boolean homeBetween = i <= j ? (i < home && home <= j) : (i < home || home <= j);
            if (!homeBetween) {
                keys[i] = keys[j];
                values[i] = values[j];
                values[j] = null;
                i = j;
            }
        }
    }

    private void resize(int slots) {
        int[] oldKeys = keys;
        SsrcState[] oldValues = values;
        keys = new int[slots];
        values = new SsrcState[slots];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldValues[i] != null) {
                insert(oldKeys[i], oldValues[i]);
            }
        }
    }

    private void insert(int ssrc, SsrcState state) {
        int mask = keys.length - 1;
        int i = slot(ssrc, mask);
        while (values[i] != null) {
            i = (i + 1) & mask;
        }
        keys[i] = ssrc;
        values[i] = state;
    }

    /** Fibonacci hashing: SSRCs are random, but a peer may choose them to collide. */
    private static int slot(int ssrc, int mask) {
        return (ssrc * 0x9E3779B9 >>> 16) & mask;
    }
}
