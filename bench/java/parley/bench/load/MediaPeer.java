package parley.bench.load;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
 * One synthetic participant's media transport, as a browser's: a non-blocking UDP channel connected
 * to the server's media port, ICE checks as the controlling agent (USE-CANDIDATE, then a consent
 * check every few seconds) or, towards a full agent that offered (Janus to its subscribers), as the
 * controlled one; the server's own checks are answered ({@link IceResponder}); a DTLS 1.2 client
 * handshake with use_srtp, then SRTP and SRTCP both ways.
 *
 * <p>Thread-safety: {@link #connect} blocks and runs on its own (virtual) thread; the receiver
 * thread alone calls {@link #onDatagram}; sending ({@link #sendRtp}, {@link #sendRtcp}) may come
 * from the sender and the receiver thread, serialized on the outbound SRTP context.
 */
final class MediaPeer implements RtpOut, AutoCloseable {
    /** Where decrypted packets go (called on the receiver thread). */
    interface Sink {
        void rtp(byte[] b, int len, long nowNanos);

        void rtcp(byte[] b, int len, long nowNanos);
    }

    /**
     * Chrome's SRTP profiles in Chrome's order, less AES-256-GCM, which {@link SrtpProfile} cannot do
     * (Parley never picks it; Janus would, and then nothing could be decrypted).
     */
    private static final int[] OFFERED_PROFILES = {SrtpKeys.SRTP_AEAD_AES_128_GCM, SrtpKeys.SRTP_AES128_CM_HMAC_SHA1_80};
    /** Room for the SRTP tag after the largest packet written. */
    static final int BUFFER_BYTES = 1500 + 64;
    private static final int SOCKET_BUFFER_BYTES = 1 << 20;
    /** Receive slots, their RTX and the server's RTCP sender SSRCs, with room to spare. */
    private static final int MAX_INBOUND_SSRCS = 256;
    private static final long ICE_RETRY_MS = 50;
    private static final int DTLS_QUEUE = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DtlsCertificate certificate;
    private final Stats stats;
    private final Sink sink;
    private final DatagramChannel channel;
    private final IceCredentials ice = IceCredentials.random(RANDOM);
    private final long tieBreaker = RANDOM.nextLong();
    private final CountDownLatch iceAnswered = new CountDownLatch(1);
    private final BlockingQueue<byte[]> dtlsInbox = new ArrayBlockingQueue<>(DTLS_QUEUE);
    private final Object sendLock = new Object();
    private volatile boolean controlling = true;
    private volatile IceCredentials serverIce;
    private volatile SrtpContext srtpIn;
    /** Guarded by {@link #sendLock}. */
    private SrtpContext srtpOut;
    private volatile boolean closed;
    private volatile int localPort;
    private volatile int serverPort;

    MediaPeer(DtlsCertificate certificate, Stats stats, Sink sink) throws IOException {
        this.certificate = certificate;
        this.stats = stats;
        this.sink = sink;
        this.channel = DatagramChannel.open();
        channel.setOption(StandardSocketOptions.SO_RCVBUF, SOCKET_BUFFER_BYTES);
        channel.setOption(StandardSocketOptions.SO_SNDBUF, SOCKET_BUFFER_BYTES);
        channel.configureBlocking(false);
    }

    DatagramChannel channel() {
        return channel;
    }

    IceCredentials iceCredentials() {
        return ice;
    }

    String fingerprint() {
        return certificate.fingerprintSha256();
    }

    boolean isConnected() {
        return srtpIn != null && !closed;
    }

    /** Takes the controlled role (before {@link #handshake}): checks without USE-CANDIDATE; the server nominates. */
    void controlled() {
        controlling = false;
    }

    /**
     * Binds the channel to {@code local} (before {@link #connectChannel}) so that its port can be
     * given to the server as a host candidate; returns the port.
     */
    int bind(InetAddress local) throws IOException {
        channel.bind(new InetSocketAddress(local, 0));
        return ((InetSocketAddress) channel.getLocalAddress()).getPort();
    }

    /** Connects the channel to the server's media address; the receiver may read it from now on. */
    void connectChannel(InetSocketAddress server) throws IOException {
        channel.connect(server);
        localPort = ((InetSocketAddress) channel.getLocalAddress()).getPort();
        serverPort = server.getPort();
    }

    /** This side's UDP port, once connected; 0 before. */
    int localPort() {
        return localPort;
    }

    /** The server's media port, once connected; 0 before. */
    int serverPort() {
        return serverPort;
    }

    /**
     * Runs ICE checks until one is answered, then the DTLS handshake (after {@link #connectChannel},
     * with the receiver reading the channel); checks the server certificate against
     * {@code serverFingerprint} from the answer. Blocks up to {@code timeoutMs}.
     */
    void handshake(IceCredentials serverIce, String serverFingerprint, long timeoutMs) throws IOException {
        this.serverIce = serverIce;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        try {
            while (!iceAnswered.await(0, TimeUnit.MILLISECONDS)) {
                if (System.nanoTime() > deadline || closed) throw new SocketTimeoutException("no ICE answer from the server");
                sendConsentCheck(true);
                iceAnswered.await(ICE_RETRY_MS, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("ICE interrupted");
        }
        TestDtlsClient dtls = new TestDtlsClient(certificate, OFFERED_PROFILES);
        dtls.connect(new QueueTransport(deadline));
        if (!dtls.serverFingerprintSha256().equalsIgnoreCase(serverFingerprint)) {
            throw new IOException("server certificate fingerprint " + dtls.serverFingerprintSha256()
                    + " (expected: the answer's " + serverFingerprint + ")");
        }
        SrtpKeys keys = dtls.keys();
        SrtpProfile profile;
        try {
            profile = SrtpProfile.fromId(keys.profileId());
        } catch (SrtpException e) {
            throw new IOException("server chose SRTP profile " + keys.profileId(), e);
        }
        synchronized (sendLock) {
            srtpOut = SrtpContext.create(profile, keys.clientWriteKey(), keys.clientWriteSalt());
        }
        srtpIn = SrtpContext.create(profile, keys.serverWriteKey(), keys.serverWriteSalt(), MAX_INBOUND_SSRCS);
    }

    /** A Binding request "server:client" with MESSAGE-INTEGRITY and FINGERPRINT (a consent check when not nominating). */
    void sendConsentCheck(boolean nominate) throws IOException {
        IceCredentials remote = serverIce;
        if (remote == null || closed) return;
        byte[] transactionId = new byte[StunMessage.TRANSACTION_ID_LENGTH];
        RANDOM.nextBytes(transactionId);
        StunWriter w = new StunWriter(StunMessage.BINDING_REQUEST, transactionId)
                .username(remote.ufrag() + ":" + ice.ufrag()).priority(0x6e7f1eff);
        w = controlling ? w.iceControlling(tieBreaker) : w.iceControlled(tieBreaker);
        if (nominate && controlling) w = w.useCandidate();
        channel.write(ByteBuffer.wrap(w.toBytes(remote.pwd().getBytes(StandardCharsets.UTF_8), true)));
    }

    /** Encrypts the RTP packet b[0, len) in place (b has room for the tag) and sends it; false if not sent. */
    @Override
    public boolean sendRtp(byte[] b, int len) {
        synchronized (sendLock) {
            if (srtpOut == null || closed) return false;
            return send(b, srtpOut.protectRtp(b, 0, len));
        }
    }

    /** Encrypts the compound RTCP packet b[0, len) in place and sends it; false if not sent. */
    boolean sendRtcp(byte[] b, int len) {
        synchronized (sendLock) {
            if (srtpOut == null || closed) return false;
            return send(b, srtpOut.protectRtcp(b, 0, len));
        }
    }

    private boolean send(byte[] b, int len) {
        try {
            if (channel.write(ByteBuffer.wrap(b, 0, len)) == 0) {
                stats.sendDrops.increment();
                return false;
            }
            stats.sentPackets.increment();
            stats.sentBytes.add(len);
            return true;
        } catch (IOException e) {
            stats.sendDrops.increment(); // e.g. ECONNREFUSED after the server went away
            return false;
        }
    }

    /** One datagram from the server (RFC 7983 first byte: STUN, DTLS or SRTP/SRTCP); b may be reused afterwards. */
    void onDatagram(byte[] b, int len, long nowNanos) {
        int first = b[0] & 0xff;
        if (first <= 3) {
            onStun(b, len);
        } else if (first >= 20 && first <= 63) {
            dtlsInbox.offer(Arrays.copyOf(b, len));
        } else if (first >= 128 && first <= 191 && srtpIn != null && len >= 12) {
            int type = b[1] & 0xff;
            try {
                boolean rtcp = type >= 192 && type <= 223;
                int n = rtcp ? srtpIn.unprotectRtcp(b, 0, len) : srtpIn.unprotectRtp(b, 0, len);
                stats.receivedPackets.increment();
                stats.receivedBytes.add(len);
                if (rtcp) sink.rtcp(b, n, nowNanos);
                else sink.rtp(b, n, nowNanos);
            } catch (SrtpException e) {
                stats.undecryptable.increment();
            }
        }
    }

    private void onStun(byte[] b, int len) {
        IceCredentials remote = serverIce;
        try {
            StunMessage m = StunMessage.parse(b, 0, len);
            if (m.type() == StunMessage.BINDING_REQUEST) {
                byte[] response = IceResponder.answer(m, ice, (InetSocketAddress) channel.getRemoteAddress());
                if (response != null) channel.write(ByteBuffer.wrap(response));
            } else if (m.type() == StunMessage.BINDING_SUCCESS_RESPONSE && remote != null
                    && m.hasValidIntegrity(remote.pwd().getBytes(StandardCharsets.UTF_8))) {
                iceAnswered.countDown();
            }
        } catch (StunException e) {
            // not a STUN message after all: ignored, as a browser would
        } catch (IOException e) {
            // the response is lost; the server checks again
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            channel.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    /** The DTLS handshake's datagrams: in from {@link #onDatagram}'s queue, out through the channel. */
    private final class QueueTransport implements DatagramTransport {
        private final long deadlineNanos;

        QueueTransport(long deadlineNanos) {
            this.deadlineNanos = deadlineNanos;
        }

        @Override
        public int getReceiveLimit() {
            return 1500;
        }

        @Override
        public int getSendLimit() {
            return 1200;
        }

        @Override
        public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0 || closed) throw new InterruptedIOException("DTLS handshake timed out");
            long waitNanos = waitMillis == 0 ? left : Math.min(left, TimeUnit.MILLISECONDS.toNanos(waitMillis));
            byte[] d;
            try {
                d = dtlsInbox.poll(waitNanos, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("DTLS handshake interrupted");
            }
            if (d == null) return -1;
            int n = Math.min(len, d.length);
            System.arraycopy(d, 0, buf, off, n);
            return n;
        }

        @Override
        public void send(byte[] buf, int off, int len) throws IOException {
            channel.write(ByteBuffer.wrap(buf, off, len));
        }

        @Override
        public void close() {
            // the channel stays open for media
        }
    }
}
