package parley.media.ice;

/** A STUN message that is malformed or fails a check; the message names the actual and expected value. */
public final class StunException extends Exception {
    public StunException(String message) {
        super(message);
    }
}
