package parley.sfu;

/**
 * The last packets of one incoming stream, by sequence number, so that a receiver's NACK
 * is answered by the server without troubling the sender. Fixed memory, no allocation
 * after construction. Not thread-safe (loop thread only).
 */
final class PacketCache {
    static final int SLOT_BYTES = 1500;
    private final int capacity;
    private final byte[][] slots;
    private final int[] lengths;
    /** Sequence number held by each slot, or -1. */
    private final int[] seqs;

    PacketCache(int capacity) {
        if (Integer.bitCount(capacity) != 1) throw new IllegalArgumentException("capacity " + capacity + " (expected: power of two)");
        this.capacity = capacity;
        this.slots = new byte[capacity][SLOT_BYTES];
        this.lengths = new int[capacity];
        this.seqs = new int[capacity];
        java.util.Arrays.fill(seqs, -1);
    }

    /** Stores a decrypted RTP packet under its 16-bit sequence number. */
    void put(int seq, byte[] buf, int off, int len) {
        if (len > SLOT_BYTES) return;
        int i = seq & (capacity - 1);
        System.arraycopy(buf, off, slots[i], 0, len);
        lengths[i] = len;
        seqs[i] = seq;
    }

    /** Copies the packet with this sequence number into {@code out}; returns its length, or -1 when gone. */
    int get(int seq, byte[] out, int outOff) {
        int i = seq & (capacity - 1);
        if (seqs[i] != seq) return -1;
        System.arraycopy(slots[i], 0, out, outOff, lengths[i]);
        return lengths[i];
    }
}
