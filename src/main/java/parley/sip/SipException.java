package parley.sip;

/**
 * A SIP message Parley cannot take: malformed, over a limit, or a request it refuses. The
 * {@link #status} is the response the sender gets (400 for malformed input); the message names
 * the field, the actual and the expected value, and never holds a header's value (it could be a
 * caller's number).
 */
public final class SipException extends Exception {
    private final int status;

    public SipException(int status, String message) {
        super(message);
        this.status = status;
    }

    public SipException(String message) {
        this(400, message);
    }

    /** The SIP status code to answer with (400 Bad Request unless said otherwise). */
    public int status() {
        return status;
    }
}
