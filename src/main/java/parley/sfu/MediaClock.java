package parley.sfu;

/** The SFU's only clock: milliseconds on the media loop's monotonic clock, and the wall clock for RTCP's NTP times. */
public interface MediaClock {
    long nowMs();

    /** Milliseconds since 1970 at loop time {@code nowMs}. */
    long wallClockMs(long nowMs);
}
