package parley.media.transport;

/** What a {@link Transport} delivers; every method is called on the media loop thread. */
public interface TransportListener {
    /** DTLS finished and SRTP keys are installed: media may flow. */
    void onConnected(long nowMs);

    /** A decrypted RTP packet; {@code buf} is reused after the call returns. */
    void onRtp(byte[] buf, int off, int len, long nowMs);

    /** A decrypted (compound) RTCP packet; {@code buf} is reused after the call returns. */
    void onRtcp(byte[] buf, int off, int len, long nowMs);

    /** The transport is gone (ICE consent expired, DTLS failed or was closed by the peer). */
    void onClosed(String reason);
}
