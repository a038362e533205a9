package parley.media.dtls;

/** A DTLS parameter or peer that was refused; the message names the actual and expected value. */
public final class DtlsException extends Exception {
    public DtlsException(String message) {
        super(message);
    }
}
