package parley.record;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The hand-over from the media loop to a recording's thread: a single-producer,
 * single-consumer ring of preallocated packet slots. The loop copies a packet in (no allocation,
 * no lock, no wait) and publishes it with one ordered write; when the ring is full it drops the
 * packet and counts it, so a slow disk can cost the recording packets but never delays
 * forwarding. The recording's thread drains it in batches. {@link #offer} from one thread only,
 * {@link #drain} from one other thread only.
 */
final class PacketRing {
    static final int SLOT_BYTES = ReorderBuffer.SLOT_BYTES;

    /** What the consumer is given: slot data is valid only during the call. */
    interface Reader {
        void packet(int track, byte[] b, int off, int len, long nowMs);

        /** A sender report of {@code track} (see {@link #offerReport}). */
        default void report(int track, long ntpMs, long ts) {}
    }

    /** The length that marks a slot holding a sender report instead of a packet. */
    private static final int REPORT = -1;

    private final int capacity;
    private final byte[] data;
    private final int[] lengths;
    private final int[] tracks;
    private final long[] times;
    private final AtomicLong head = new AtomicLong();
    private final AtomicLong tail = new AtomicLong();
    /** The producer's last read of {@link #head}, so that it reads the shared counter only when the ring looks full. */
    private long headSeen;
    private final AtomicLong dropped = new AtomicLong();

    PacketRing(int capacity) {
        if (Integer.bitCount(capacity) != 1) throw new IllegalArgumentException("capacity " + capacity + " (expected: a power of two)");
        this.capacity = capacity;
        this.data = new byte[capacity * SLOT_BYTES];
        this.lengths = new int[capacity];
        this.tracks = new int[capacity];
        this.times = new long[capacity];
    }

    /**
     * Copies one RTP packet in with its sequence number and timestamp replaced by {@code seq} and
     * {@code ts}. False (and counted) when the ring is full or the packet too large. Producer thread.
     */
    boolean offer(int track, byte[] b, int off, int len, int seq, long ts, long nowMs) {
        long t = tail.get();
        if (t - headSeen >= capacity) {
            headSeen = head.get();
            if (t - headSeen >= capacity) {
                dropped.incrementAndGet();
                return false;
            }
        }
        if (len > SLOT_BYTES || len < 12) {
            dropped.incrementAndGet();
            return false;
        }
        int i = (int) (t & (capacity - 1));
        int at = i * SLOT_BYTES;
        System.arraycopy(b, off, data, at, len);
        data[at + 2] = (byte) (seq >>> 8);
        data[at + 3] = (byte) seq;
        data[at + 4] = (byte) (ts >>> 24);
        data[at + 5] = (byte) (ts >>> 16);
        data[at + 6] = (byte) (ts >>> 8);
        data[at + 7] = (byte) ts;
        lengths[i] = len;
        tracks[i] = track;
        times[i] = nowMs;
        tail.lazySet(t + 1); // publishes the slot
        return true;
    }

    /**
     * Copies one sender report in (the sender's wall clock {@code ntpMs} was at RTP timestamp
     * {@code ts}), in order with the track's packets. False (and counted) when full. Producer thread.
     */
    boolean offerReport(int track, long ntpMs, long ts, long nowMs) {
        long t = tail.get();
        if (t - headSeen >= capacity) {
            headSeen = head.get();
            if (t - headSeen >= capacity) {
                dropped.incrementAndGet();
                return false;
            }
        }
        int i = (int) (t & (capacity - 1));
        int at = i * SLOT_BYTES;
        for (int k = 0; k < 8; k++) data[at + k] = (byte) (ntpMs >>> (56 - 8 * k));
        for (int k = 0; k < 4; k++) data[at + 8 + k] = (byte) (ts >>> (24 - 8 * k));
        lengths[i] = REPORT;
        tracks[i] = track;
        times[i] = nowMs;
        tail.lazySet(t + 1);
        return true;
    }

    /** How many packets were published so far (a mark for {@link #drain}). Consumer thread. */
    long published() {
        return tail.get();
    }

    /** Hands the packets published before {@code mark} to {@code reader} and frees their slots; returns how many. Consumer thread. */
    int drain(long mark, Reader reader) {
        long h = head.get();
        long t = mark;
        for (long n = h; n < t; n++) {
            int i = (int) (n & (capacity - 1));
            int at = i * SLOT_BYTES;
            if (lengths[i] == REPORT) {
                long ntpMs = 0;
                for (int k = 0; k < 8; k++) ntpMs = ntpMs << 8 | (data[at + k] & 0xFF);
                long ts = 0;
                for (int k = 0; k < 4; k++) ts = ts << 8 | (data[at + 8 + k] & 0xFF);
                reader.report(tracks[i], ntpMs, ts);
            } else {
                reader.packet(tracks[i], data, at, lengths[i], times[i]);
            }
        }
        head.lazySet(t);
        return (int) (t - h);
    }

    /** Packets refused because the ring was full (or a packet too large). Any thread. */
    long dropped() {
        return dropped.get();
    }

    /** A tap's sink for track {@code index}: packets and sender reports into this ring. */
    Sink sink(int index, boolean wantsKeyframe) {
        return new Sink(this, index, wantsKeyframe);
    }

    /**
     * One track's way into the ring, from the loop thread; {@link #wantsKeyframe} is read by
     * the loop and set by the consumer (a live stream that restarted its encoder).
     */
    static final class Sink implements parley.sfu.TrackSink {
        private final PacketRing ring;
        final int index;
        volatile boolean wantsKeyframe;

        private Sink(PacketRing ring, int index, boolean wantsKeyframe) {
            this.ring = ring;
            this.index = index;
            this.wantsKeyframe = wantsKeyframe;
        }

        @Override
        public void onRtp(byte[] buf, int off, int len, int seq, long ts, long nowMs) {
            ring.offer(index, buf, off, len, seq, ts, nowMs);
        }

        @Override
        public void onSenderReport(long ntpMs, long ts, long nowMs) {
            ring.offerReport(index, ntpMs, ts, nowMs);
        }

        @Override
        public boolean wantsKeyframe() {
            return wantsKeyframe;
        }
    }
}
