package parley.media.tcp;

/** A byte stream that breaks RFC 4571 framing as this server accepts it (a frame too long for the media plane). */
public final class FramingException extends Exception {
    public FramingException(String message) {
        super(message);
    }
}
