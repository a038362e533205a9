package parley.audio;

/**
 * Audio that cannot be decoded or encoded, or a malformed audio payload from the network (Opus,
 * RFC 4733 telephone events); the message names the field, the actual and the expected value.
 */
public final class AudioException extends Exception {
    public AudioException(String message) {
        super(message);
    }

    public AudioException(String message, Throwable cause) {
        super(message, cause);
    }
}
