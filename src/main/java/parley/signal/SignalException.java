package parley.signal;

/** A message the server refuses; the message text is safe to send to the client who sent it (and only to them). */
public final class SignalException extends Exception {
    private final ErrorCode code;
    private final String ref;

    /** {@code ref} is the {@code type} of the offending message, or null when unknown. */
    public SignalException(ErrorCode code, String message, String ref) {
        super(message, null, false, false);
        this.code = code;
        this.ref = ref;
    }

    public ErrorCode code() {
        return code;
    }

    public String ref() {
        return ref;
    }
}
