package parley.sfu;

import parley.media.rtp.ExtendedSeq;

/**
 * Reception statistics of one incoming RTP stream, as RFC 3550 A.3 and A.8 define them,
 * for the report blocks of our receiver reports (the sender's browser computes loss and
 * round-trip time from them). Not thread-safe (loop thread only).
 */
final class ReceiveStats {
    private final int clockRate;
    /** RFC 3550 A.1's cycles and max_seq, as one extended number. */
    private final ExtendedSeq seqs = new ExtendedSeq();
    private long baseSeq;
    private long received;
    private long expectedPrior;
    private long receivedPrior;
    private double jitter;
    private long lastTransit;
    private boolean haveTransit;
    /** Middle 32 bits of the NTP timestamp of the last SR, and when it arrived. */
    private long lastSrNtp32;
    private long lastSrArrivalMs = -1;

    ReceiveStats(int clockRate) {
        this.clockRate = clockRate;
    }

    void onPacket(int seq, long rtpTimestamp, long nowMs) {
        if (!seqs.isInitialized()) baseSeq = seq;
        seqs.unwrap(seq);
        received++;
        long arrival = nowMs * clockRate / 1000;
        long transit = arrival - rtpTimestamp;
        if (haveTransit) {
            long d = Math.abs(transit - lastTransit);
            jitter += (d - jitter) / 16.0;
        }
        lastTransit = transit;
        haveTransit = true;
    }

    void onSenderReport(long ntpMiddle32, long nowMs) {
        lastSrNtp32 = ntpMiddle32;
        lastSrArrivalMs = nowMs;
    }

    boolean started() {
        return seqs.isInitialized();
    }

    long extendedMax() {
        return seqs.highest();
    }

    /** Cumulative number of packets lost (24 bit signed in the report block). */
    long cumulativeLost() {
        long expected = extendedMax() - baseSeq + 1;
        long lost = expected - received;
        return Math.max(-0x800000, Math.min(0x7fffff, lost));
    }

    /** Fraction lost since the previous call, in 1/256 units; advances the interval. */
    int fractionLostAndAdvance() {
        long expected = extendedMax() - baseSeq + 1;
        long expectedInterval = expected - expectedPrior;
        long receivedInterval = received - receivedPrior;
        expectedPrior = expected;
        receivedPrior = received;
        long lostInterval = expectedInterval - receivedInterval;
        if (expectedInterval == 0 || lostInterval <= 0) return 0;
        return (int) Math.min(255, (lostInterval << 8) / expectedInterval);
    }

    long jitter() {
        return (long) jitter;
    }

    long lastSrNtp32() {
        return lastSrArrivalMs < 0 ? 0 : lastSrNtp32;
    }

    /** Delay since the last SR in 1/65536 s, or 0 when none came. */
    long delaySinceLastSr(long nowMs) {
        if (lastSrArrivalMs < 0) return 0;
        return ((nowMs - lastSrArrivalMs) * 65536L) / 1000L;
    }
}
