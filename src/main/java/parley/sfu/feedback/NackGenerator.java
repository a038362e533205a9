package parley.sfu.feedback;

import parley.media.rtp.SeqNum;

/**
 * Decides which packets of one incoming video stream the server asks its sender to retransmit
 * (generic NACK, RFC 4585 §6.2.1), so that the server's packet cache, which answers the
 * receivers' NACKs, stays complete.
 * <p>
 * Feed every sequence number that arrives ({@link #onPacket}, originals and unwrapped
 * retransmissions alike); every ~20 ms take the numbers due with {@link #collect} and send them
 * in one NACK. Policy: a forward jump of up to {@value #MAX_GAP} numbers marks the skipped ones
 * missing; each is requested at most {@value #MAX_TRIES} times, at least one round-trip time
 * apart, and forgotten when it arrives or {@value #GIVE_UP_MS} ms after the gap was seen. A larger
 * jump either way is a sender restart: everything is forgotten.
 * <p>
 * Fixed memory, no allocation after construction. Not thread-safe (loop thread only).
 */
public final class NackGenerator {
    /** Larger jumps (in either direction) mean the sender restarted the stream. */
    public static final int MAX_GAP = 500;
    public static final int MAX_TRIES = 3;
    public static final long GIVE_UP_MS = 1000;
    /** Spacing of the requests when the round-trip time is unknown. */
    public static final long DEFAULT_RTT_MS = 100;
    /** Missing numbers remembered at most (a power of two above MAX_GAP); the oldest go first. */
    static final int CAPACITY = 512;
    private static final int MASK = CAPACITY - 1;
    private static final int REMOVED = -1;

    /** A ring of missing numbers in ascending (wrapping) order, with when each gap was seen and requested. */
    private final int[] seqs = new int[CAPACITY];
    private final long[] seenMs = new long[CAPACITY];
    private final long[] requestedMs = new long[CAPACITY];
    private final byte[] tries = new byte[CAPACITY];
    private int head;
    private int count;
    private int highest = -1;

    /** Notes an arrived packet: a forward gap marks numbers missing, an old number is no longer missing. */
    public void onPacket(int seq, long nowMs) {
        if (highest < 0) {
            highest = seq;
            return;
        }
        int jump = SeqNum.diff(seq, highest);
        if (jump > MAX_GAP || jump < -MAX_GAP) {
            count = 0;
            highest = seq;
        } else if (jump > 0) {
            for (int s = SeqNum.add(highest, 1); s != seq; s = SeqNum.add(s, 1)) {
                append(s, nowMs);
            }
            highest = seq;
        } else if (jump < 0) {
            arrived(seq);
        }
    }

    /**
     * Writes into {@code out} (ascending) the numbers to request now: those never requested and
     * those last requested at least {@code rttMs} ago; drops the ones tried {@value #MAX_TRIES}
     * times or older than {@value #GIVE_UP_MS} ms. Returns how many were written; numbers that
     * did not fit in {@code out} wait for the next call.
     */
    public int collect(long nowMs, long rttMs, int[] out) {
        int written = 0;
        int kept = 0;
        for (int i = 0; i < count; i++) {
            int at = (head + i) & MASK;
            if (seqs[at] == REMOVED || tries[at] >= MAX_TRIES || nowMs - seenMs[at] > GIVE_UP_MS) {
                continue;
            }
            boolean due = tries[at] == 0 || nowMs - requestedMs[at] >= rttMs;
            if (due && written < out.length) {
                out[written++] = seqs[at];
                tries[at]++;
                requestedMs[at] = nowMs;
            }
            move(at, (head + kept++) & MASK);
        }
        count = kept;
        return written;
    }

    /** Numbers currently waiting for their packet (including ones arrived since the last collect). */
    int missingCount() {
        return count;
    }

    private void append(int seq, long nowMs) {
        if (count == CAPACITY) {
            head = (head + 1) & MASK;
            count--;
        }
        int at = (head + count++) & MASK;
        seqs[at] = seq;
        seenMs[at] = nowMs;
        requestedMs[at] = 0;
        tries[at] = 0;
    }

    /** Marks {@code seq} as no longer missing; the ring is in ascending order, so the search stops early. */
    private void arrived(int seq) {
        for (int i = 0; i < count; i++) {
            int at = (head + i) & MASK;
            int s = seqs[at];
            if (s == seq) {
                seqs[at] = REMOVED;
                return;
            }
            if (s != REMOVED && SeqNum.isNewer(s, seq)) {
                return;
            }
        }
    }

    private void move(int from, int to) {
        if (from == to) {
            return;
        }
        seqs[to] = seqs[from];
        seenMs[to] = seenMs[from];
        requestedMs[to] = requestedMs[from];
        tries[to] = tries[from];
    }
}
