package parley.e2e;

/**
 * The one exception type of the end-to-end harness: a browser, a helper process or the
 * network setup did not do what the test needed. Unchecked, because a test can only fail.
 */
public final class E2eException extends RuntimeException {
    public E2eException(String message) {
        super(message);
    }

    public E2eException(String message, Throwable cause) {
        super(message, cause);
    }
}
