package parley.media.transport;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.DatagramTransport;
import parley.media.dtls.DtlsCertificate;
import parley.media.dtls.SrtpKeys;
import parley.media.dtls.TestDtlsClient;
import parley.media.ice.IceCredentials;
import parley.media.ice.StunException;
import parley.media.ice.StunMessage;
import parley.media.ice.StunWriter;
import parley.media.srtp.SrtpContext;
import parley.media.srtp.SrtpException;
import parley.media.srtp.SrtpProfile;

/**
 * A browser stand-in on real UDP: its own socket, ICE checks as the controlling agent, a DTLS 1.2
 * client handshake with use_srtp and its own certificate, then SRTP/SRTCP both ways. For the
 * transport integration test and the forwarding benchmark.
 *
 * <p>Thread-safety: one thread may send ({@link #sendRtp}, {@link #sendRtcp}, {@link #sendRaw},
 * STUN) while another receives ({@link #receive}); {@link #connect} runs before either.
 */
public final class TestMediaClient implements AutoCloseable {
    /** What a received datagram was (RFC 7983 first-byte ranges). */
    public enum Kind { STUN, DTLS, RTP, RTCP, UNDECRYPTABLE, OTHER }

    /** One received datagram and where it came from; {@code bytes} is decrypted for RTP and RTCP. */
    public record Received(Kind kind, byte[] bytes, InetSocketAddress from) {}

    /** Chrome offers these SRTP profiles, in this order. */
    private static final int[] OFFERED_PROFILES = {0x0008, 0x0007, 0x0001};
    private static final int MAX_DATAGRAM = 1500;
    private static final int SRTP_HEADROOM = 32;
    private static final int SOCKET_BUFFER_BYTES = 4 << 20;
    private static final long STUN_RETRY_MS = 50;
    private static final DtlsCertificate CERTIFICATE = DtlsCertificate.generate();

    private final DatagramSocket socket;
    private final InetSocketAddress server;
    private final SecureRandom random = new SecureRandom();
    private final IceCredentials ice = IceCredentials.random(random);
    private final long tieBreaker = random.nextLong();
    private final TestDtlsClient dtls = new TestDtlsClient(CERTIFICATE, OFFERED_PROFILES);
    private final byte[] sendBuffer = new byte[MAX_DATAGRAM + SRTP_HEADROOM];
    private final DatagramPacket sendPacket = new DatagramPacket(sendBuffer, 0);
    private final byte[] receiveBuffer = new byte[MAX_DATAGRAM + SRTP_HEADROOM];
    private final DatagramPacket receivePacket = new DatagramPacket(receiveBuffer, receiveBuffer.length);
    private IceCredentials serverIce;
    private DTLSTransport dtlsSession;
    private SrtpContext srtpOut;
    private SrtpContext srtpIn;

    /** Opens a socket on the server's address (loopback), connected to the server's media port. */
    public TestMediaClient(InetSocketAddress server) throws IOException {
        this(new InetSocketAddress(server.getAddress(), 0), server, true);
    }

    /**
     * Opens a socket on {@code local}, not connected, so that datagrams from any address arrive
     * and {@link Received#from()} tells which server address answered. ICE, DTLS and media go to
     * {@code server}; {@link #sendRawTo} reaches other server addresses.
     */
    public TestMediaClient(InetSocketAddress local, InetSocketAddress server) throws IOException {
        this(local, server, false);
    }

    private TestMediaClient(InetSocketAddress local, InetSocketAddress server, boolean connected) throws IOException {
        this.server = server;
        this.socket = new DatagramSocket(local);
        socket.setReceiveBufferSize(SOCKET_BUFFER_BYTES);
        socket.setSendBufferSize(SOCKET_BUFFER_BYTES);
        if (connected) socket.connect(server);
        sendPacket.setSocketAddress(server);
    }

    /** This client's ICE credentials, as its SDP offer would carry them. */
    public IceCredentials iceCredentials() {
        return ice;
    }

    /** This client's certificate fingerprint (sha-256), as its SDP offer would carry it. */
    public String fingerprintSha256() {
        return dtls.fingerprintSha256();
    }

    /** The server certificate's fingerprint the handshake saw; after {@link #connect}. */
    public String serverFingerprintSha256() {
        return dtls.serverFingerprintSha256();
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    /**
     * ICE check with USE-CANDIDATE until the server answers, then the DTLS handshake and the
     * SRTP contexts.
     *
     * @param serverIce the server's ufrag and pwd from its SDP answer
     */
    public void connect(IceCredentials serverIce, long timeoutMs) throws IOException {
        this.serverIce = serverIce;
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        awaitIceAnswer(deadline);
        socket.setSoTimeout(0);
        dtlsSession = dtls.connect(new SocketTransport(deadline));
        SrtpKeys keys = dtls.keys();
        SrtpProfile profile;
        try {
            profile = SrtpProfile.fromId(keys.profileId());
        } catch (SrtpException e) {
            throw new IOException("server chose SRTP profile " + keys.profileId(), e);
        }
        srtpOut = SrtpContext.create(profile, keys.clientWriteKey(), keys.clientWriteSalt());
        srtpIn = SrtpContext.create(profile, keys.serverWriteKey(), keys.serverWriteSalt());
    }

    private void awaitIceAnswer(long deadlineNanos) throws IOException {
        while (System.nanoTime() < deadlineNanos) {
            sendRaw(bindingRequest(serverIce.pwd(), true, true));
            socket.setSoTimeout((int) STUN_RETRY_MS);
            long retryAt = System.nanoTime() + STUN_RETRY_MS * 1_000_000L;
            while (System.nanoTime() < retryAt) {
                Received r = receive((int) STUN_RETRY_MS);
                if (r != null && r.kind() == Kind.STUN && isSuccessResponse(r.bytes())) return;
            }
        }
        throw new SocketTimeoutException("no ICE answer from the server");
    }

    private boolean isSuccessResponse(byte[] stun) {
        try {
            StunMessage m = StunMessage.parse(stun, 0, stun.length);
            return m.type() == StunMessage.BINDING_SUCCESS_RESPONSE
                    && m.hasValidIntegrity(serverIce.pwd().getBytes(StandardCharsets.UTF_8));
        } catch (StunException e) {
            return false;
        }
    }

    /**
     * A Binding request as a controlling browser sends it: USERNAME "server:client", PRIORITY,
     * ICE-CONTROLLING (or ICE-CONTROLLED), optionally USE-CANDIDATE, MESSAGE-INTEGRITY keyed with
     * {@code integrityPwd}, FINGERPRINT.
     */
    public byte[] bindingRequest(String integrityPwd, boolean controlling, boolean useCandidate) {
        byte[] transactionId = new byte[StunMessage.TRANSACTION_ID_LENGTH];
        random.nextBytes(transactionId);
        StunWriter w = new StunWriter(StunMessage.BINDING_REQUEST, transactionId)
                .username(serverIce.ufrag() + ":" + ice.ufrag())
                .priority(0x6e7f1eff);
        w = controlling ? w.iceControlling(tieBreaker) : w.iceControlled(tieBreaker);
        if (useCandidate) w = w.useCandidate();
        return w.toBytes(integrityPwd.getBytes(StandardCharsets.UTF_8), true);
    }

    /**
     * Sends one ICE check (controlling) to {@code to} and returns the server's answer to it,
     * matched by transaction id (other datagrams are skipped), or null after {@code timeoutMs}.
     */
    public Received check(InetSocketAddress to, IceCredentials serverIce, boolean useCandidate, int timeoutMs)
            throws IOException {
        this.serverIce = serverIce;
        byte[] request = bindingRequest(serverIce.pwd(), true, useCandidate);
        sendRawTo(request, to);
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        for (long leftMs = timeoutMs; leftMs > 0; leftMs = (deadline - System.nanoTime()) / 1_000_000L) {
            Received r = receive((int) leftMs);
            if (r != null && r.kind() == Kind.STUN && sameTransaction(request, r.bytes())) return r;
        }
        return null;
    }

    private static boolean sameTransaction(byte[] request, byte[] response) {
        int from = 8; // STUN header: type (2), length (2), magic cookie (4), then the transaction id
        int to = from + StunMessage.TRANSACTION_ID_LENGTH;
        return response.length >= to && Arrays.equals(request, from, to, response, from, to);
    }

    /** A consent check (RFC 7675) with the right credentials; the answer arrives as {@link Kind#STUN}. */
    public void sendConsentCheck() throws IOException {
        sendRaw(bindingRequest(serverIce.pwd(), true, false));
    }

    /** Encrypts a copy of one RTP packet and sends it. */
    public void sendRtp(byte[] rtp, int off, int len) throws IOException {
        System.arraycopy(rtp, off, sendBuffer, 0, len);
        send(srtpOut.protectRtp(sendBuffer, 0, len));
    }

    /** Encrypts a copy of one (compound) RTCP packet and sends it. */
    public void sendRtcp(byte[] rtcp, int off, int len) throws IOException {
        System.arraycopy(rtcp, off, sendBuffer, 0, len);
        send(srtpOut.protectRtcp(sendBuffer, 0, len));
    }

    /** Sends bytes as they are (STUN, garbage). */
    public void sendRaw(byte[] datagram) throws IOException {
        sendRawTo(datagram, server);
    }

    /** Sends bytes as they are to another address of the server (needs the unconnected socket). */
    public void sendRawTo(byte[] datagram, InetSocketAddress to) throws IOException {
        socket.send(new DatagramPacket(datagram, datagram.length, to));
    }

    private void send(int len) throws IOException {
        sendPacket.setData(sendBuffer, 0, len);
        socket.send(sendPacket);
    }

    /**
     * The next datagram from the server, decrypted if SRTP/SRTCP, or null after {@code timeoutMs}
     * (0 = wait forever).
     */
    public Received receive(int timeoutMs) throws IOException {
        socket.setSoTimeout(timeoutMs);
        try {
            socket.receive(receivePacket);
        } catch (SocketTimeoutException e) {
            return null;
        }
        int len = receivePacket.getLength();
        int first = receiveBuffer[0] & 0xff;
        if (first <= 3) return copy(Kind.STUN, len);
        if (first >= 20 && first <= 63) return copy(Kind.DTLS, len);
        if (first < 128 || first > 191 || srtpIn == null) return copy(Kind.OTHER, len);
        int pt = len > 1 ? receiveBuffer[1] & 0xff : 0;
        try {
            if (pt >= 192 && pt <= 223) return copy(Kind.RTCP, srtpIn.unprotectRtcp(receiveBuffer, 0, len));
            return copy(Kind.RTP, srtpIn.unprotectRtp(receiveBuffer, 0, len));
        } catch (SrtpException e) {
            return copy(Kind.UNDECRYPTABLE, len);
        }
    }

    private Received copy(Kind kind, int len) {
        return new Received(kind, Arrays.copyOf(receiveBuffer, len), (InetSocketAddress) receivePacket.getSocketAddress());
    }

    @Override
    public void close() {
        socket.close();
    }

    /** The DTLS handshake's datagrams over the client socket; other datagrams are skipped. */
    private final class SocketTransport implements DatagramTransport {
        private final long deadlineNanos;

        SocketTransport(long deadlineNanos) {
            this.deadlineNanos = deadlineNanos;
        }

        @Override
        public int getReceiveLimit() {
            return MAX_DATAGRAM;
        }

        @Override
        public int getSendLimit() {
            return 1200;
        }

        @Override
        public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
            long until = waitMillis == 0 ? deadlineNanos : System.nanoTime() + waitMillis * 1_000_000L;
            while (true) {
                long leftMs = (Math.min(until, deadlineNanos) - System.nanoTime()) / 1_000_000L;
                if (System.nanoTime() > deadlineNanos) throw new InterruptedIOException("DTLS handshake timed out");
                if (leftMs <= 0) return -1;
                Received r = TestMediaClient.this.receive((int) leftMs);
                if (r == null) return -1;
                if (r.kind() != Kind.DTLS) continue; // late STUN answers
                int n = Math.min(len, r.bytes().length);
                System.arraycopy(r.bytes(), 0, buf, off, n);
                return n;
            }
        }

        @Override
        public void send(byte[] buf, int off, int len) throws IOException {
            socket.send(new DatagramPacket(buf, off, len, server));
        }

        @Override
        public void close() {
            // The socket stays open for media.
        }
    }
}
