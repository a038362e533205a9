package parley.media.dtls;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.DTLSServerProtocol;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsFatalAlertReceived;
import org.bouncycastle.tls.TlsTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DTLS-SRTP server side (RFC 5764) of one client transport, on BouncyCastle: DTLS 1.2,
 * ECDHE-ECDSA with AES-GCM or ChaCha20-Poly1305, extended master secret, use_srtp, and a client
 * certificate that must match the fingerprint in the client's SDP (or the handshake fails closed).
 *
 * <p>The handshake runs on its own virtual thread, started by the constructor, which blocks on a
 * queue that {@link #receive} feeds. After the handshake the thread keeps reading, so that a
 * retransmitted client flight is answered and a close_notify or fatal alert ends the session.
 *
 * <p>Thread-safety: {@link #receive} and {@link #close} from any thread. The listener is called
 * on the DTLS thread: at most one {@code onConnected}, then at most one {@code onFailed} (which may
 * also come instead of {@code onConnected}); none begins once {@link #close} has started (a close
 * from another thread waits for a running callback). Never logs addresses.
 */
public final class DtlsServer {
    /** Sends one datagram to the client's selected address; must be thread-safe and not block long. */
    public interface PacketSender {
        void send(byte[] buf, int off, int len);
    }

    /** Hears how the handshake and then the session end. Called on the DTLS thread. */
    public interface Listener {
        /** The handshake completed; the keys are for this transport's SRTP contexts. */
        void onConnected(SrtpKeys keys);

        /** The handshake failed or timed out, or the client ended the session; the reason is for logs. */
        void onFailed(String reason);
    }

    /** How long the client has to complete the handshake from construction, in ms. */
    public static final int HANDSHAKE_TIMEOUT_MS = 15_000;
    private static final Logger LOG = LoggerFactory.getLogger(DtlsServer.class);

    private final QueueTransport transport;
    private final SrtpTlsServer tlsServer;
    private final Listener listener;
    private final int handshakeTimeoutMs;
    private final Thread thread;
    /** Held while a listener runs and while close() starts, so that no call begins after close(). */
    private final Object listenerLock = new Object();
    private volatile boolean closeRequested;
    /** Set by the DTLS thread when the handshake completed. */
    private volatile DTLSTransport connection;

    /**
     * Starts a handshake that waits for the client's ClientHello.
     *
     * @param remoteFingerprintAlgorithm the hash function of the client's SDP a=fingerprint, e.g. "sha-256"
     * @param remoteFingerprintHex its value, e.g. "AB:CD:..."
     * @param srtpProfilesInPreferenceOrder SRTP protection profiles this server accepts, best first,
     *     among those {@link SrtpKeys#isSupported}
     * @throws DtlsException when the fingerprint is of an unknown hash function or malformed
     */
    public DtlsServer(DtlsCertificate cert, String remoteFingerprintAlgorithm, String remoteFingerprintHex,
            PacketSender sender, Listener listener, List<Integer> srtpProfilesInPreferenceOrder) throws DtlsException {
        this(cert, remoteFingerprintAlgorithm, remoteFingerprintHex, sender, listener, srtpProfilesInPreferenceOrder,
                HANDSHAKE_TIMEOUT_MS);
    }

    DtlsServer(DtlsCertificate cert, String remoteFingerprintAlgorithm, String remoteFingerprintHex,
            PacketSender sender, Listener listener, List<Integer> srtpProfilesInPreferenceOrder,
            int handshakeTimeoutMs) throws DtlsException {
        Fingerprint clientFingerprint = Fingerprint.parse(remoteFingerprintAlgorithm, remoteFingerprintHex);
        this.transport = new QueueTransport(Objects.requireNonNull(sender, "sender"));
        this.listener = Objects.requireNonNull(listener, "listener");
        this.handshakeTimeoutMs = handshakeTimeoutMs;
        this.tlsServer = new SrtpTlsServer(cert, clientFingerprint, profiles(srtpProfilesInPreferenceOrder),
                handshakeTimeoutMs);
        this.thread = Thread.ofVirtual().name("dtls").start(this::run);
    }

    /**
     * Feeds one DTLS datagram from the client. Copies it and returns at once; drops it when the
     * queue is full or the server closed.
     */
    public void receive(byte[] buf, int off, int len) {
        Objects.checkFromIndexSize(off, len, buf.length);
        transport.offer(buf, off, len);
    }

    /** Whether the handshake completed and the session has not ended. */
    public boolean isConnected() {
        return connection != null && !closeRequested;
    }

    /**
     * Ends the session: sends close_notify (through the {@link PacketSender}, on the calling thread)
     * when connected, stops the DTLS thread and calls no listener afterwards. Idempotent.
     */
    public void close() {
        synchronized (listenerLock) {
            if (closeRequested) {
                return;
            }
            closeRequested = true;
        }
        DTLSTransport connected = connection;
        if (connected != null) {
            closeQuietly(connected);
        }
        transport.interrupt();
    }

    /** For tests: waits until the DTLS thread ended; true if it did within the time. */
    boolean awaitStopped(Duration timeout) throws InterruptedException {
        return thread.join(timeout);
    }

    private void run() {
        DTLSTransport connected;
        try {
            // Without a DTLSRequest, accept() sends no HelloVerifyRequest cookie: ICE has already
            // checked that the client owns its address, and the handshake is one round trip shorter.
            connected = new DTLSServerProtocol().accept(tlsServer, transport);
        } catch (IOException | RuntimeException e) {
            notifyFailed(e);
            return;
        }
        connection = connected;
        if (closeRequested) {
            closeQuietly(connected); // close() ran during the handshake and did not see the connection
            return;
        }
        notifyConnected(tlsServer.keys());
        readUntilClosed(connected);
    }

    /** Keeps BouncyCastle reading so it answers retransmitted client flights and sees alerts. */
    private void readUntilClosed(DTLSTransport connected) {
        byte[] buf = new byte[QueueTransport.RECEIVE_LIMIT];
        try {
            while (!closeRequested) {
                // Application data is not expected (no data channel here) and is discarded.
                connected.receive(buf, 0, buf.length, 0);
            }
        } catch (IOException e) {
            notifyFailed(e);
        }
    }

    private String describe(Exception e) {
        if (tlsServer.refusal() != null) {
            return "DTLS refused: " + tlsServer.refusal();
        }
        return switch (e) {
            case TlsTimeoutException t -> "DTLS handshake timed out after " + handshakeTimeoutMs + " ms";
            case TlsFatalAlertReceived a -> "DTLS alert from client: " + AlertDescription.getText(a.getAlertDescription());
            case TlsFatalAlert a -> "DTLS failed with alert " + AlertDescription.getText(a.getAlertDescription());
            case InterruptedIOException i -> "DTLS interrupted";
            default -> tlsServer.closeNotifyReceived() ? "DTLS closed by client (close_notify)"
                    : "DTLS failed: " + e.getClass().getSimpleName();
        };
    }

    private void notifyConnected(SrtpKeys keys) {
        synchronized (listenerLock) {
            if (closeRequested) {
                return;
            }
            try {
                listener.onConnected(keys);
            } catch (RuntimeException e) {
                LOG.warn("DTLS listener failed in onConnected", e);
            }
        }
    }

    private void notifyFailed(Exception cause) {
        synchronized (listenerLock) {
            if (closeRequested) {
                return;
            }
            try {
                listener.onFailed(describe(cause));
            } catch (RuntimeException e) {
                LOG.warn("DTLS listener failed in onFailed", e);
            }
        }
    }

    private static void closeQuietly(DTLSTransport connected) {
        try {
            connected.close();
        } catch (IOException e) {
            // The session is over either way; close_notify is a courtesy.
        }
    }

    private static int[] profiles(List<Integer> preferenceOrder) {
        if (preferenceOrder.isEmpty()) {
            throw new IllegalArgumentException("SRTP profiles [] (expected: at least one)");
        }
        int[] profiles = new int[preferenceOrder.size()];
        for (int i = 0; i < profiles.length; i++) {
            int profile = preferenceOrder.get(i);
            if (!SrtpKeys.isSupported(profile)) {
                throw new IllegalArgumentException("SRTP profile 0x" + Integer.toHexString(profile)
                        + " (expected: one SrtpKeys supports)");
            }
            profiles[i] = profile;
        }
        return profiles;
    }
}
