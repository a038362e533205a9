package parley.media.rtp;

/** A malformed RTP packet from the network; the message names the field, the actual and the expected value. */
public final class RtpException extends Exception {
    public RtpException(String message) {
        super(message);
    }
}
