package parley.media.srtp;

/**
 * A packet this package refused: malformed, failing authentication, replayed, or beyond a limit.
 * The message says what was wrong, the actual value and the expected one, and never contains
 * packet content beyond header numbers (SSRC counts, sequence numbers, indices).
 *
 * <p>It carries no stack trace: it is thrown on the per-packet path for every forged, replayed or
 * duplicated packet, where filling in a stack trace would cost more than the decryption, and the
 * cause lies in the packet, not in the code path.
 */
public final class SrtpException extends Exception {
    public SrtpException(String message) {
        super(message, null, false, false);
    }
}
