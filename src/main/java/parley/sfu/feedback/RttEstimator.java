package parley.sfu.feedback;

/**
 * The round-trip time to one peer, from the report blocks it sends about the streams we send it
 * (RFC 3550 §6.4.1): RTT = A - LSR - DLSR, where LSR echoes the middle 32 bits of the NTP time of
 * our sender report, DLSR is how long the peer held it (both in 1/65536 s) and A is the middle 32
 * bits of our NTP time when the block arrived. Samples are smoothed (1/4 weight to the newest).
 * Not thread-safe (loop thread only).
 */
public final class RttEstimator {
    /** Seconds from 1900 (NTP era 0) to 1970. */
    private static final long NTP_UNIX_OFFSET_S = 2_208_988_800L;
    private static final long UNITS_PER_SECOND = 65536;
    /** Rounding may make A a little smaller than LSR + DLSR on a fast link: up to 10 ms counts as 0. */
    private static final long TOLERANCE_UNITS = UNITS_PER_SECOND / 100;
    /** Longer samples are taken for garbage (a peer echoing the wrong LSR). */
    private static final long MAX_RTT_UNITS = 10 * UNITS_PER_SECOND;

    private long rttMs = -1;

    /** The 64-bit NTP timestamp (32.32 fixed-point seconds since 1900) of a Unix time in ms. */
    public static long ntpTimestamp(long unixMs) {
        long seconds = Math.floorDiv(unixMs, 1000L) + NTP_UNIX_OFFSET_S;
        long fraction = (Math.floorMod(unixMs, 1000L) << 32) / 1000;
        return seconds << 32 | fraction;
    }

    /** The middle 32 bits of a 64-bit NTP timestamp, the form LSR uses. */
    public static long middle32(long ntpTimestamp) {
        return (ntpTimestamp >>> 16) & 0xFFFF_FFFFL;
    }

    /**
     * Takes one report block about a stream we send. {@code nowNtp32} is the middle 32 bits of our
     * NTP clock now (the clock our SRs carry). Returns whether it gave a sample: a block before any
     * SR (LSR 0) or with an impossible delay gives none.
     */
    public boolean onReportBlock(long nowNtp32, long lastSr, long delaySinceLastSr) {
        if (lastSr == 0) {
            return false;
        }
        long units = (int) (nowNtp32 - lastSr - delaySinceLastSr);   // signed 32-bit difference
        if (units < -TOLERANCE_UNITS || units > MAX_RTT_UNITS) {
            return false;
        }
        long sampleMs = Math.max(0, units) * 1000 / UNITS_PER_SECOND;
        rttMs = rttMs < 0 ? sampleMs : (3 * rttMs + sampleMs) / 4;
        return true;
    }

    /** The smoothed round-trip time in ms, or -1 before the first sample. */
    public long rttMs() {
        return rttMs;
    }

    /** The round-trip time in ms, or {@code fallbackMs} while unknown. */
    public long rttMsOr(long fallbackMs) {
        return rttMs < 0 ? fallbackMs : rttMs;
    }
}
