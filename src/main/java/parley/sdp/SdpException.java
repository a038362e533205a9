package parley.sdp;

/**
 * An SDP offer the server cannot parse or answer. The message says what was wrong and where
 * ("SDP line 14: rtpmap payload type 300 (expected: 0..127)"); it quotes at most short pieces
 * of the client's own SDP and never the ICE password, so it is safe to log and to send back.
 */
public final class SdpException extends Exception {
    public SdpException(String message) {
        super(message);
    }

    /** "SDP line 14: " + what. */
    static SdpException atLine(int lineNumber, String what) {
        return new SdpException("SDP line " + lineNumber + ": " + what);
    }
}
