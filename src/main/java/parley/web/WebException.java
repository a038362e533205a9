package parley.web;

/** The web server could not start: a certificate file, the web client folder or the listening socket. */
public final class WebException extends Exception {
    public WebException(String message) {
        super(message);
    }

    public WebException(String message, Throwable cause) {
        super(message, cause);
    }
}
