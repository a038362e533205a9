package parley.poll;

/** A poll request the rules refuse; {@link #reason} says which rule, the message says why. */
public final class PollException extends Exception {
    /** Which rule refused the request. */
    public enum Reason { NOT_FOUND, ALREADY_VOTED, NO_SUCH_OPTION, LIMIT }

    private final Reason reason;

    public PollException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
