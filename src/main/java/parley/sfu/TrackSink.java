package parley.sfu;

/** Where a {@link MediaTap} takes one track's packets. Loop thread: copy and return at once, never block. */
public interface TrackSink {
    /**
     * One decrypted RTP packet ({@code buf} is the loop's and is reused after the call), with the
     * sequence number and timestamp it has in the tap's continuous stream (which the copy should
     * carry instead of the header's) and the loop's time of arrival.
     */
    void onRtp(byte[] buf, int off, int len, int seq, long ts, long nowMs);
}
