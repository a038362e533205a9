package parley.record;

/**
 * Maps one track's 32-bit RTP timestamps (48 kHz audio, 90 kHz video) to milliseconds on the
 * recording's timeline. The first packet anchors the track at its arrival time; after that only
 * the RTP clock counts, so a pause in sending (a muted camera, silence with DTX) stays a gap of
 * the right length, and jitter in arrival does not move frames. Timestamps wrap at 2^32; the
 * difference to the newest seen is taken as a signed 32-bit number, so reordered packets map
 * back in time and a wrap moves on. A timestamp that lands more than {@link #RESYNC_MS} away
 * from its arrival (a sender that restarted its clock) re-anchors the track there. Not thread-safe.
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

    RtpTime(int clockRate) {
        if (clockRate <= 0) throw new IllegalArgumentException("clock rate " + clockRate + " (expected: above 0)");
        this.clockRate = clockRate;
    }

    /** The time in ms of RTP timestamp {@code ts} (unsigned 32 bits) of a packet that arrived at {@code arrivalMs}. */
    long toMs(long ts, long arrivalMs) {
        ts &= 0xFFFFFFFFL;
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
