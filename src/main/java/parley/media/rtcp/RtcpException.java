package parley.media.rtcp;

/** A malformed RTCP packet from the network; the message names the field, the actual and the expected value. */
public final class RtcpException extends Exception {
    public RtcpException(String message) {
        super(message);
    }
}
