package parley.sfu;

/** Where a {@link MediaTap} takes one track's packets. Loop thread: copy and return at once, never block. */
public interface TrackSink {
    /**
     * One decrypted RTP packet ({@code buf} is the loop's and is reused after the call), with the
     * sequence number and timestamp it has in the tap's continuous stream (which the copy should
     * carry instead of the header's) and the loop's time of arrival.
     */
    void onRtp(byte[] buf, int off, int len, int seq, long ts, long nowMs);

    /**
     * The sender's RTCP sender report for this track: its wall clock ({@code ntpMs}, ms since
     * 1970 by the sender's clock) was at RTP timestamp {@code ts} (already in the tap's continuous
     * stream). Lets a tap align a sender's audio and video by when they were captured.
     */
    default void onSenderReport(long ntpMs, long ts, long nowMs) {}

    /** True while the tap needs a keyframe of a video track (a live stream that restarted its encoder). */
    default boolean wantsKeyframe() {
        return false;
    }
}
