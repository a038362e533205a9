package parley.record;

/**
 * Puts one RTP stream back in sequence-number order before it is written: packets wait until
 * the ones before them arrived (a reordered packet, a NACKed retransmission), at most
 * {@code maxDelayMs} after the oldest waiting one arrived or until the buffer is full; then the
 * missing ones count as lost and the next packet is delivered with {@code afterLoss}. Sequence
 * numbers wrap at 2^16 and are extended by their signed distance to the next expected one.
 * Late packets (behind what was delivered) and duplicates are dropped. Copies each packet into
 * preallocated slots. Not thread-safe (the recording's thread).
 */
final class ReorderBuffer {
    /** Where ordered packets go. */
    interface Sink {
        void packet(byte[] b, int off, int len, long arrivalMs, boolean afterLoss);
    }

    static final int SLOT_BYTES = 1500;

    private final int capacity;
    private final long maxDelayMs;
    private final byte[] data;
    private final int[] lengths;
    private final long[] seqs;
    private final long[] arrivals;
    private boolean started;
    /** The extended sequence number expected next. */
    private long next;
    private int waiting;
    private boolean lossPending;
    private long lost;
    private long dropped;

    /** {@code capacity}: packets held at most (a power of two). */
    ReorderBuffer(int capacity, long maxDelayMs) {
        if (Integer.bitCount(capacity) != 1) throw new IllegalArgumentException("capacity " + capacity + " (expected: a power of two)");
        this.capacity = capacity;
        this.maxDelayMs = maxDelayMs;
        this.data = new byte[capacity * SLOT_BYTES];
        this.lengths = new int[capacity];
        this.seqs = new long[capacity];
        this.arrivals = new long[capacity];
        java.util.Arrays.fill(seqs, -1);
    }

    /** Adds one packet with 16-bit sequence number {@code seq}; delivers whatever is in order now. */
    void add(int seq, byte[] b, int off, int len, long arrivalMs, Sink out) {
        if (len > SLOT_BYTES) {
            dropped++;
            return;
        }
        if (!started) {
            started = true;
            next = seq;
        }
        long ext = next + (short) (seq - (int) (next & 0xFFFF));
        if (ext < next || seqs[slot(ext)] == ext) {
            dropped++; // late (given up on already) or a duplicate
            return;
        }
        if (waiting == 0 && ext >= next + capacity) { // a jump (a sender restarted its numbering): start over there
            lost += ext - next;
            next = ext;
            lossPending = true;
        }
        while (ext >= next + capacity) skipGap(out); // too far ahead: give up on the oldest gap
        int i = slot(ext);
        System.arraycopy(b, off, data, i * SLOT_BYTES, len);
        lengths[i] = len;
        seqs[i] = ext;
        arrivals[i] = arrivalMs;
        waiting++;
        drain(out);
        while (waiting > 0 && arrivalMs - oldestArrival() >= maxDelayMs) {
            skipGap(out);
        }
    }

    /** Delivers everything still waiting, in order (at the end of the recording). */
    void flush(Sink out) {
        while (waiting > 0) skipGap(out);
    }

    /** Packets given up on (never arrived in time). */
    long lost() {
        return lost;
    }

    /** Packets dropped as late, duplicate or too large. */
    long dropped() {
        return dropped;
    }

    private void drain(Sink out) {
        for (int i = slot(next); seqs[i] == next; i = slot(next)) {
            seqs[i] = -1;
            waiting--;
            next++;
            boolean loss = lossPending;
            lossPending = false;
            out.packet(data, i * SLOT_BYTES, lengths[i], arrivals[i], loss);
        }
    }

    /** Moves {@code next} past the missing packet(s) to the oldest waiting one, and delivers from there. */
    private void skipGap(Sink out) {
        while (seqs[slot(next)] != next) {
            next++;
            lost++;
            lossPending = true;
        }
        drain(out);
    }

    private long oldestArrival() {
        long oldest = Long.MAX_VALUE;
        for (int i = 0; i < capacity; i++) if (seqs[i] >= 0 && arrivals[i] < oldest) oldest = arrivals[i];
        return oldest;
    }

    private int slot(long ext) {
        return (int) (ext & (capacity - 1));
    }
}
