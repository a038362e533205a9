package parley.record;

/**
 * Maps one track's 32-bit RTP timestamps (48 kHz audio, 90 kHz video) to milliseconds on the
 * recording's timeline. The first packet anchors the track at its arrival time; after that only
 * the RTP clock counts, so a pause in sending (a muted camera, silence with DTX) stays a gap of
 * the right length, and jitter in arrival does not move frames. Timestamps wrap at 2^32; the
 * difference to the newest seen is taken as a signed 32-bit number, so reordered packets map
 * back in time and a wrap moves on. A timestamp that lands more than {@link #RESYNC_MS} away
 * from its arrival (a sender that restarted its clock) re-anchors the track there. Once the
 * sender's RTCP report for the track is known (and a {@link SenderClock} shared by the sender's
 * tracks is given), the report's NTP time decides instead, which keeps audio and video in sync.
 * Not thread-safe.
 */
final class RtpTime {
    static final long RESYNC_MS = 5_000;

    private final int clockRate;
    private boolean started;
    private long newestTs;
    private long newestExtended;
    private long anchorExtended;
    private long anchorMs;
    private long resyncs;

    /** The sender's clock shared with its other tracks, or null: then arrival anchors the track. */
    private final SenderClock sender;
    private long reportNtpMs = -1;
    private long reportTs;

    RtpTime(int clockRate) {
        this(clockRate, null);
    }

    RtpTime(int clockRate, SenderClock sender) {
        if (clockRate <= 0) throw new IllegalArgumentException("clock rate " + clockRate + " (expected: above 0)");
        this.clockRate = clockRate;
        this.sender = sender;
    }

    /** The sender's latest RTCP sender report: its wall clock was {@code ntpMs} at RTP timestamp {@code ts}. */
    void senderReport(long ntpMs, long ts) {
        reportNtpMs = ntpMs;
        reportTs = ts & 0xFFFFFFFFL;
    }

    /**
     * The time of {@code ts} by the sender's clock (from its report) on the shared timeline, or
     * -1 without a report, or when that lands far from arrival (a report from before a restart).
     */
    private long bySenderClock(long ts, long arrivalMs) {
        if (sender == null || reportNtpMs < 0) return -1;
        long senderMs = reportNtpMs + Math.floorDiv((long) (int) (ts - reportTs) * 1000, clockRate);
        long ms = sender.toTimeline(senderMs, arrivalMs);
        return Math.abs(ms - arrivalMs) > RESYNC_MS ? -1 : ms;
    }

    /** The time in ms of RTP timestamp {@code ts} (unsigned 32 bits) of a packet that arrived at {@code arrivalMs}. */
    long toMs(long ts, long arrivalMs) {
        ts &= 0xFFFFFFFFL;
        long reported = bySenderClock(ts, arrivalMs);
        if (reported >= 0) return reported;
        if (!started) {
            started = true;
            newestTs = ts;
            newestExtended = ts;
            anchorExtended = ts;
            anchorMs = arrivalMs;
            return arrivalMs;
        }
        int delta = (int) (ts - newestTs);
        long extended = newestExtended + delta;
        if (delta > 0) {
            newestTs = ts;
            newestExtended = extended;
        }
        long ms = anchorMs + Math.floorDiv((extended - anchorExtended) * 1000, clockRate);
        if (Math.abs(ms - arrivalMs) > RESYNC_MS) {
            anchorExtended = extended;
            anchorMs = arrivalMs;
            resyncs++;
            return arrivalMs;
        }
        return ms;
    }

    /** How often the track was re-anchored to arrival time. */
    long resyncs() {
        return resyncs;
    }
}
