package parley.room;

/** A negotiation the media plane refused; the message is safe to send to the client. */
public final class MediaException extends Exception {
    public MediaException(String message) {
        super(message);
    }

    public MediaException(String message, Throwable cause) {
        super(message, cause);
    }
}
