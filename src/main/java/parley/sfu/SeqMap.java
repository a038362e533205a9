package parley.sfu;

import parley.media.rtp.SeqNum;

/**
 * Maps the sequence numbers and timestamps of the stream a consumer currently forwards
 * onto one continuous outgoing stream, so that a receiver sees no jump when the server
 * switches layers (or a sender restarts). Gaps inside one source are kept, so the
 * receiver NACKs what is really missing. Not thread-safe (loop thread only).
 */
final class SeqMap {
    private boolean started;
    private boolean switching = true;
    private int seqOffset;
    private long tsOffset;
    /** First incoming sequence number of the current source: anything older is dropped. */
    private int baseInSeq;
    private int highestOutSeq;
    private long highestOutTs;
    private long highestOutMs;
    private int outSeq;
    private long outTs;
    private final int clockRate;

    SeqMap(int clockRate) {
        this.clockRate = clockRate;
    }

    /** The next accepted packet starts a new source (call it on the keyframe that switches). */
    void switchSource() {
        switching = true;
    }

    /**
     * Maps one incoming packet; false means drop it (older than the current source).
     * After true, {@link #outSeq()} and {@link #outTs()} hold the outgoing values.
     */
    boolean accept(int inSeq, long inTs, long nowMs) {
        if (switching) {
            switching = false;
            if (!started) {
                seqOffset = 0;
                tsOffset = 0;
                started = true;
                highestOutSeq = (inSeq - 1) & 0xffff;
                highestOutTs = inTs;
            } else {
                long elapsedTicks = Math.max(1, (nowMs - highestOutMs) * clockRate / 1000);
                seqOffset = (highestOutSeq + 1 - inSeq) & 0xffff;
                tsOffset = (highestOutTs + elapsedTicks - inTs) & 0xffffffffL;
            }
            baseInSeq = inSeq;
        } else if (isOlder(inSeq, baseInSeq)) {
            return false;
        }
        outSeq = (inSeq + seqOffset) & 0xffff;
        outTs = (inTs + tsOffset) & 0xffffffffL;
        if (isOlder(highestOutSeq, outSeq)) {
            highestOutSeq = outSeq;
            highestOutTs = outTs;
            highestOutMs = nowMs;
        }
        return true;
    }

    int outSeq() {
        return outSeq;
    }

    long outTs() {
        return outTs;
    }

    /** The outgoing timestamp of an incoming one of the current source (for retransmissions). */
    long mapTimestamp(long inTs) {
        return (inTs + tsOffset) & 0xffffffffL;
    }

    long highestOutTs() {
        return highestOutTs;
    }

    long highestOutMs() {
        return highestOutMs;
    }

    /** The incoming sequence number behind an outgoing one of the current source, or -1. */
    int incomingFor(int outgoingSeq) {
        if (!started) return -1;
        int in = (outgoingSeq - seqOffset) & 0xffff;
        return isOlder(in, baseInSeq) ? -1 : in;
    }

    /** True when 16-bit {@code a} comes before {@code b} (RFC 1982 serial arithmetic). */
    private static boolean isOlder(int a, int b) {
        return SeqNum.isNewer(b, a);
    }
}
