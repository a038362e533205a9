package parley.media.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import parley.media.dtls.DtlsCertificate;
import parley.media.ice.IceCredentials;
import parley.media.transport.TestMediaClient.Kind;
import parley.media.transport.TestMediaClient.Received;

/** A {@link Transport} on a real {@link MediaLoop} and loopback UDP, against a {@link TestMediaClient}. */
class TransportIntegrationTest {
    static final DtlsCertificate SERVER_CERT = DtlsCertificate.generate();
    static final long TIMEOUT_MS = 5_000;
    static final int QUIET_MS = 300;

    /** An RTP packet: V=2, PT 96, seq 0x0102, ts 0x03040506, SSRC 0x11223344, 4 payload bytes. */
    static final byte[] RTP = {
            (byte) 0x80, 96, 0x01, 0x02,
            0x03, 0x04, 0x05, 0x06,
            0x11, 0x22, 0x33, 0x44,
            (byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE};
    /** An RTCP receiver report without report blocks: V=2 RC=0, PT 201, length 1, SSRC 0x11223344. */
    static final byte[] RTCP = {
            (byte) 0x80, (byte) 201, 0x00, 0x01,
            0x11, 0x22, 0x33, 0x44};

    /** Records what the transport delivers, on the loop thread. */
    static final class Recorder implements TransportListener {
        final CountDownLatch connected = new CountDownLatch(1);
        final CompletableFuture<String> closed = new CompletableFuture<>();
        final BlockingQueue<byte[]> rtp = new LinkedBlockingQueue<>();
        final BlockingQueue<byte[]> rtcp = new LinkedBlockingQueue<>();

        @Override
        public void onConnected(long nowMs) {
            connected.countDown();
        }

        @Override
        public void onRtp(byte[] buf, int off, int len, long nowMs) {
            rtp.add(Arrays.copyOfRange(buf, off, off + len));
        }

        @Override
        public void onRtcp(byte[] buf, int off, int len, long nowMs) {
            rtcp.add(Arrays.copyOfRange(buf, off, off + len));
        }

        @Override
        public void onClosed(String reason) {
            closed.complete(reason);
        }
    }

    MediaLoop loop;
    MediaCounters counters;
    TestMediaClient client;
    final IceCredentials serverIce = IceCredentials.random(new SecureRandom());
    final Recorder recorder = new Recorder();

    @BeforeEach
    void start() throws IOException {
        counters = new MediaCounters();
        loop = new MediaLoop(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), counters);
        client = new TestMediaClient(new InetSocketAddress(InetAddress.getLoopbackAddress(), loop.localPort()));
    }

    @AfterEach
    void stop() {
        client.close();
        loop.close();
    }

    Transport transport(long consentTimeoutMs) throws Exception {
        IceCredentials c = client.iceCredentials();
        return loop.call(() -> new Transport(loop, serverIce, c.ufrag(), c.pwd(), SERVER_CERT, "sha-256",
                client.fingerprintSha256(), recorder, consentTimeoutMs).registered());
    }

    Transport connected(long consentTimeoutMs) throws Exception {
        Transport t = transport(consentTimeoutMs);
        client.connect(serverIce, TIMEOUT_MS);
        assertTrue(recorder.connected.await(TIMEOUT_MS, TimeUnit.MILLISECONDS), "onConnected");
        return t;
    }

    /** The next datagram of {@code kind}, skipping consent answers and the like. */
    Received next(Kind kind) throws IOException {
        long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        while (System.currentTimeMillis() < deadline) {
            Received r = client.receive(QUIET_MS);
            if (r != null && r.kind() == kind) return r;
        }
        return null;
    }

    static byte[] withHeadroom(byte[] packet) {
        return Arrays.copyOf(packet, packet.length + MediaLoop.SEND_HEADROOM);
    }

    @Test
    void mediaFlowsBothWaysAfterIceAndDtls() throws Exception {
        Transport t = connected(30_000);
        assertEquals(SERVER_CERT.fingerprintSha256(), client.serverFingerprintSha256());
        assertTrue(loop.call(t::isConnected));

        client.sendRtp(RTP, 0, RTP.length);
        client.sendRtcp(RTCP, 0, RTCP.length);
        assertArrayEquals(RTP, recorder.rtp.poll(TIMEOUT_MS, TimeUnit.MILLISECONDS));
        assertArrayEquals(RTCP, recorder.rtcp.poll(TIMEOUT_MS, TimeUnit.MILLISECONDS));

        loop.execute(() -> t.sendRtp(withHeadroom(RTP), 0, RTP.length));
        assertArrayEquals(RTP, next(Kind.RTP).bytes());
        loop.execute(() -> t.sendRtcp(withHeadroom(RTCP), 0, RTCP.length));
        assertArrayEquals(RTCP, next(Kind.RTCP).bytes());

        loop.call(() -> { // not RTP (version 0): counted, and nothing thrown into a forwarding loop
            t.sendRtp(new byte[12 + MediaLoop.SEND_HEADROOM], 0, 12);
            return null;
        });
        assertEquals(1, counters.sendErrors.sum());

        loop.execute(t::close); // a peer that leaves gets a DTLS close_notify (an alert record)
        assertEquals(21, next(Kind.DTLS).bytes()[0]);
        assertEquals(0, counters.loopErrors.sum());
    }

    @Test
    void stunWithTheWrongPasswordIsDroppedUnanswered() throws Exception {
        connected(30_000);
        client.sendRaw(client.bindingRequest("wrongwrongwrongwrongwrong", true, true));
        assertNull(client.receive(QUIET_MS));
        assertEquals(1, counters.stunDropped.sum());

        client.sendConsentCheck(); // the right password is still answered
        assertNotNull(next(Kind.STUN));
    }

    @Test
    void roleConflictIsAnsweredButSelectsNoAddress() throws Exception {
        transport(30_000);
        DatagramSocket other = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        try (other) {
            client.connect(serverIce, TIMEOUT_MS); // only to learn the server credentials for the request
            byte[] controlled = client.bindingRequest(serverIce.pwd(), false, true);
            InetSocketAddress server = new InetSocketAddress(InetAddress.getLoopbackAddress(), loop.localPort());
            other.send(new DatagramPacket(controlled, controlled.length, server));
            other.setSoTimeout((int) TIMEOUT_MS);
            DatagramPacket answer = new DatagramPacket(new byte[1500], 1500);
            other.receive(answer);
            assertEquals(0x01, answer.getData()[0]); // 0x0111 Binding error response (487)
            assertEquals(0x11, answer.getData()[1]);

            long unknownBefore = counters.unknownSource.sum();
            other.send(new DatagramPacket(RTP, RTP.length, server)); // the address was not bound
            awaitCount(counters.unknownSource, unknownBefore + 1);
        }
    }

    @Test
    void garbageIsCountedAndNeverStopsTheLoop() throws Exception {
        connected(30_000);
        Random random = new Random(7);
        for (int i = 0; i < 200; i++) {
            byte[] junk = new byte[1 + random.nextInt(300)];
            random.nextBytes(junk);
            client.sendRaw(junk);
        }
        client.sendRaw(new byte[0]); // malformed: empty
        client.sendRaw(new byte[2000]); // malformed: longer than any packet we forward
        client.sendRaw(new byte[] {22, (byte) 0xfe, (byte) 0xfd, 0, 1, 0, 0, 0, 0, 0, 9, 0, 100, 1, 2}); // DTLS cut short
        byte[] forged = Arrays.copyOf(RTP, RTP.length + 10); // RTP with a made-up SRTP tag
        client.sendRaw(forged);
        try (DatagramSocket stranger = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            stranger.send(new DatagramPacket(RTP, RTP.length,
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), loop.localPort())));
        }

        client.sendRtp(RTP, 0, RTP.length); // still delivered after all that
        assertArrayEquals(RTP, recorder.rtp.poll(TIMEOUT_MS, TimeUnit.MILLISECONDS));
        assertTrue(recorder.rtp.isEmpty(), "no garbage delivered as RTP");
        assertTrue(recorder.rtcp.isEmpty(), "no garbage delivered as RTCP");
        assertEquals(0, counters.loopErrors.sum());
        assertTrue(counters.malformed.sum() >= 2, "malformed " + counters.malformed.sum());
        assertTrue(counters.dtlsDropped.sum() >= 1, "dtlsDropped " + counters.dtlsDropped.sum());
        assertTrue(counters.srtpDropped.sum() >= 1, "srtpDropped " + counters.srtpDropped.sum());
        assertTrue(counters.unknownSource.sum() >= 1, "unknownSource " + counters.unknownSource.sum());
        long dropped = counters.malformed.sum() + counters.dtlsDropped.sum() + counters.srtpDropped.sum()
                + counters.stunDropped.sum() + counters.unknownSource.sum();
        assertTrue(dropped >= 200, "dropped " + dropped); // most junk is counted; DTLS-shaped junk goes to BouncyCastle
    }

    @Test
    void consentExpiryClosesTheTransportSilently() throws Exception {
        Transport t = connected(1_000);
        loop.addTicker(t::tick);
        assertTrue(recorder.closed.get(TIMEOUT_MS, TimeUnit.MILLISECONDS).contains("consent"));
        assertFalse(loop.call(t::isConnected));
        assertNull(client.receive(QUIET_MS), "no close_notify once consent is gone (RFC 7675)");

        loop.execute(() -> t.sendRtp(withHeadroom(RTP), 0, RTP.length));
        assertNull(client.receive(QUIET_MS));
        long unknownBefore = counters.unknownSource.sum();
        client.sendRtp(RTP, 0, RTP.length);
        awaitCount(counters.unknownSource, unknownBefore + 1);
        assertTrue(recorder.rtp.isEmpty());
    }

    static void awaitCount(LongAdder counter, long atLeast) throws InterruptedException {
        long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        while (counter.sum() < atLeast && System.currentTimeMillis() < deadline) Thread.sleep(5);
        assertTrue(counter.sum() >= atLeast, "counter " + counter.sum() + " (expected: at least " + atLeast + ")");
    }
}
