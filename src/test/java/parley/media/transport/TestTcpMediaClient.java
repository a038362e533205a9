package parley.media.transport;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.bouncycastle.tls.DatagramTransport;
import parley.media.dtls.DtlsCertificate;
import parley.media.dtls.SrtpKeys;
import parley.media.dtls.TestDtlsClient;
import parley.media.ice.IceCredentials;
import parley.media.ice.StunMessage;
import parley.media.ice.StunWriter;
import parley.media.srtp.SrtpContext;
import parley.media.srtp.SrtpException;
import parley.media.srtp.SrtpProfile;

/**
 * A synthetic ICE-TCP client (the active side of RFC 6544): one blocking TCP connection to the
 * media TCP port, RFC 4571 frames both ways, ICE checks, a DTLS handshake and SRTP, as a browser
 * that cannot use UDP does. Not thread-safe.
 */
final class TestTcpMediaClient implements AutoCloseable {
    private static final DtlsCertificate CERTIFICATE = DtlsCertificate.generate();
    private static final int[] OFFERED_PROFILES = {0x0008, 0x0007, 0x0001};

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final SecureRandom random = new SecureRandom();
    private final IceCredentials ice = IceCredentials.random(random);
    private final TestDtlsClient dtls = new TestDtlsClient(CERTIFICATE, OFFERED_PROFILES);
    private SrtpContext srtpOut;
    private SrtpContext srtpIn;

    /** Connects; {@code receiveBufferBytes} above 0 shrinks the socket's receive buffer (a slow reader). */
    TestTcpMediaClient(InetSocketAddress server, int receiveBufferBytes) throws IOException {
        socket = new Socket();
        if (receiveBufferBytes > 0) socket.setReceiveBufferSize(receiveBufferBytes);
        socket.connect(server, 5_000);
        socket.setTcpNoDelay(true);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    IceCredentials iceCredentials() {
        return ice;
    }

    String fingerprintSha256() {
        return dtls.fingerprintSha256();
    }

    /** A controlling Binding request for {@code serverUfrag}, keyed with {@code pwd}, with USE-CANDIDATE. */
    byte[] bindingRequest(String serverUfrag, String pwd) {
        byte[] transactionId = new byte[StunMessage.TRANSACTION_ID_LENGTH];
        random.nextBytes(transactionId);
        return new StunWriter(StunMessage.BINDING_REQUEST, transactionId)
                .username(serverUfrag + ":" + ice.ufrag())
                .priority(0x6e7f1eff)
                .iceControlling(random.nextLong())
                .useCandidate()
                .toBytes(pwd.getBytes(StandardCharsets.UTF_8), true);
    }

    /** Writes one frame: the 2-byte length, then the bytes. */
    void sendFrame(byte[] b, int off, int len) throws IOException {
        byte[] frame = new byte[2 + len];
        frame[0] = (byte) (len >>> 8);
        frame[1] = (byte) len;
        System.arraycopy(b, off, frame, 2, len);
        out.write(frame);
        out.flush();
    }

    /** Writes raw bytes (a broken stream). */
    void sendRaw(byte[] b) throws IOException {
        out.write(b);
        out.flush();
    }

    /** The next frame, or null after {@code timeoutMs}; EOFException when the server closed the connection. */
    byte[] receiveFrame(int timeoutMs) throws IOException {
        socket.setSoTimeout(timeoutMs);
        int length;
        try {
            length = in.readUnsignedShort();
        } catch (SocketTimeoutException e) {
            return null;
        }
        byte[] frame = new byte[length];
        in.readFully(frame);
        return frame;
    }

    /** Whether the server closes the connection within {@code timeoutMs} (frames before that are skipped). */
    boolean closedByServer(int timeoutMs) throws IOException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        try {
            while (System.nanoTime() < deadline) {
                receiveFrame((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000L));
            }
            return false;
        } catch (EOFException e) {
            return true;
        } catch (IOException e) {
            return e.getMessage() != null && e.getMessage().contains("reset");
        }
    }

    /** ICE check until a STUN success answer arrives, then DTLS, then SRTP contexts. */
    void connect(IceCredentials serverIce, int timeoutMs) throws IOException {
        byte[] check = bindingRequest(serverIce.ufrag(), serverIce.pwd());
        sendFrame(check, 0, check.length);
        byte[] answer = receiveFrame(timeoutMs);
        try {
            if (answer == null || StunMessage.parse(answer, 0, answer.length).type() != StunMessage.BINDING_SUCCESS_RESPONSE) {
                throw new IOException("no ICE answer on TCP");
            }
        } catch (parley.media.ice.StunException e) {
            throw new IOException(e);
        }
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        dtls.connect(new FramedTransport(deadline));
        SrtpKeys keys = dtls.keys();
        try {
            SrtpProfile profile = SrtpProfile.fromId(keys.profileId());
            srtpOut = SrtpContext.create(profile, keys.clientWriteKey(), keys.clientWriteSalt());
            srtpIn = SrtpContext.create(profile, keys.serverWriteKey(), keys.serverWriteSalt());
        } catch (SrtpException e) {
            throw new IOException(e);
        }
    }

    void sendRtp(byte[] rtp) throws IOException {
        byte[] b = java.util.Arrays.copyOf(rtp, rtp.length + 32);
        sendFrame(b, 0, srtpOut.protectRtp(b, 0, rtp.length));
    }

    /** The next RTP packet the server sent, decrypted (other frames skipped), or null. */
    byte[] receiveRtp(int timeoutMs) throws IOException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        while (System.nanoTime() < deadline) {
            byte[] f = receiveFrame((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000L));
            if (f == null || f.length < 12 || (f[0] & 0xc0) != 0x80 || parley.media.rtp.RtpPacket.isRtcp(f, 0, f.length)) continue;
            try {
                return java.util.Arrays.copyOf(f, srtpIn.unprotectRtp(f, 0, f.length));
            } catch (SrtpException e) {
                throw new IOException(e);
            }
        }
        return null;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    /** The DTLS handshake over the framed stream; STUN answers are skipped. */
    private final class FramedTransport implements DatagramTransport {
        private final long deadlineNanos;

        FramedTransport(long deadlineNanos) {
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
            if (System.nanoTime() > deadlineNanos) throw new InterruptedIOException("DTLS handshake timed out");
            while (true) {
                byte[] f = receiveFrame(Math.max(1, waitMillis));
                if (f == null) return -1;
                if (f.length == 0 || (f[0] & 0xff) < 20 || (f[0] & 0xff) > 63) continue;
                int n = Math.min(len, f.length);
                System.arraycopy(f, 0, buf, off, n);
                return n;
            }
        }

        @Override
        public void send(byte[] buf, int off, int len) throws IOException {
            sendFrame(buf, off, len);
        }

        @Override
        public void close() {
            // The connection stays open for media.
        }
    }
}
