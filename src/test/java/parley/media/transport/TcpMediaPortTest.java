package parley.media.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import parley.media.ice.IceCredentials;
import parley.media.ice.StunMessage;
import parley.media.transport.TransportIntegrationTest.Recorder;

/**
 * ICE-TCP on a real {@link MediaLoop} over loopback: connections are matched to their transport
 * by the first check's ufrag (and its integrity), everything else first is refused, and media
 * flows both ways in RFC 4571 frames, with the loop writing or with a sealer writing.
 */
class TcpMediaPortTest {
    private static final int TIMEOUT_MS = 5_000;
    private final IceCredentials serverIce = IceCredentials.random(new SecureRandom());
    private final Recorder recorder = new Recorder();
    private final MediaCounters counters = new MediaCounters();
    private MediaLoop loop;

    private void start(int threads) throws IOException {
        loop = new MediaLoop(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 
                LoopOptions.defaults().threads(threads).tcp(MediaLoop.TCP_SAME_AS_UDP), counters);
    }

    @AfterEach
    void stop() {
        if (loop != null) loop.close();
    }

    private InetSocketAddress tcpAddress() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), loop.localTcpPort());
    }

    private Transport transportFor(TestTcpMediaClient client) throws Exception {
        IceCredentials c = client.iceCredentials();
        return loop.call(() -> new Transport(loop, serverIce, c.ufrag(), c.pwd(), TransportIntegrationTest.SERVER_CERT,
                "sha-256", client.fingerprintSha256(), recorder, 30_000).registered());
    }

    @Test
    void theTcpPortHasTheUdpPortsNumberByDefault() throws IOException {
        start(1);
        assertEquals(loop.localPort(), loop.localTcpPort());
    }

    @ParameterizedTest(name = "media threads {0}")
    @ValueSource(ints = {1, 2})
    void mediaFlowsBothWaysOverOneTcpConnection(int threads) throws Exception {
        start(threads);
        try (TestTcpMediaClient client = new TestTcpMediaClient(tcpAddress(), 0)) {
            Transport t = transportFor(client);
            client.connect(serverIce, TIMEOUT_MS);
            assertTrue(recorder.connected.await(TIMEOUT_MS, TimeUnit.MILLISECONDS), "DTLS over TCP");
            assertNotNull(loop.call(() -> t.selectedPair().tcp()), "the TCP pair is selected");

            client.sendRtp(TransportIntegrationTest.RTP);
            assertArrayEquals(TransportIntegrationTest.RTP, recorder.rtp.poll(TIMEOUT_MS, TimeUnit.MILLISECONDS));
            loop.execute(() -> t.sendRtp(TransportIntegrationTest.withHeadroom(TransportIntegrationTest.RTP), 0,
                    TransportIntegrationTest.RTP.length));
            assertArrayEquals(TransportIntegrationTest.RTP, client.receiveRtp(TIMEOUT_MS));
            assertEquals(0, counters.tcpRejected.sum());

            loop.call(() -> {
                t.close();
                return null;
            });
            assertTrue(client.closedByServer(TIMEOUT_MS), "a closed transport closes its connections");
        }
    }

    @Test
    void aCheckForAnUnknownUfragClosesTheConnection() throws Exception {
        start(1);
        try (TestTcpMediaClient client = new TestTcpMediaClient(tcpAddress(), 0)) {
            transportFor(client);
            byte[] check = client.bindingRequest("nobody", serverIce.pwd());
            client.sendFrame(check, 0, check.length);
            assertTrue(client.closedByServer(TIMEOUT_MS));
        }
        assertEquals(1, counters.tcpRejected.sum());
    }

    @Test
    void aCheckWithTheWrongIntegrityClosesTheConnectionUnanswered() throws Exception {
        start(1);
        try (TestTcpMediaClient client = new TestTcpMediaClient(tcpAddress(), 0)) {
            transportFor(client);
            byte[] check = client.bindingRequest(serverIce.ufrag(), "notTheServersPassword123");
            client.sendFrame(check, 0, check.length);
            assertTrue(client.closedByServer(TIMEOUT_MS));
        }
        assertEquals(1, counters.tcpRejected.sum());
    }

    @Test
    void anythingButACheckFirstClosesTheConnection() throws Exception {
        start(1);
        for (byte[] first : List.of(TransportIntegrationTest.RTP, new byte[0], new byte[] {22, (byte) 0xfe, (byte) 0xfd})) {
            try (TestTcpMediaClient client = new TestTcpMediaClient(tcpAddress(), 0)) {
                client.sendFrame(first, 0, first.length);
                assertTrue(client.closedByServer(TIMEOUT_MS));
            }
        }
        assertEquals(3, counters.tcpRejected.sum());
    }

    @Test
    void anOversizedFrameClosesTheConnection() throws Exception {
        start(1);
        try (TestTcpMediaClient client = new TestTcpMediaClient(tcpAddress(), 0)) {
            client.sendRaw(new byte[] {0x05, (byte) 0xdd, 0x00, 0x01}); // 1501 bytes announced
            assertTrue(client.closedByServer(TIMEOUT_MS));
        }
        assertEquals(1, counters.tcpRejected.sum());
    }

    @Test
    void idleConnectionsAreClosedAndTheOldestGoesWhenTooManyWait() throws Exception {
        start(1);
        loop.call(() -> {
            loop.tcpPort().setLimits(new TcpMediaPort.Limits(2, 1_000, 64 * 1024, 8));
            return null;
        });
        try (TestTcpMediaClient first = new TestTcpMediaClient(tcpAddress(), 0);
             TestTcpMediaClient second = new TestTcpMediaClient(tcpAddress(), 0)) {
            awaitOpen(2);
            try (TestTcpMediaClient third = new TestTcpMediaClient(tcpAddress(), 0)) {
                assertTrue(first.closedByServer(TIMEOUT_MS), "the oldest of three pending gives way");
                long t0 = System.nanoTime();
                assertTrue(third.closedByServer(TIMEOUT_MS), "idle past the limit");
                assertTrue(second.closedByServer(TIMEOUT_MS));
                assertTrue((System.nanoTime() - t0) / 1_000_000 < 3_000);
            }
        }
        assertEquals(3, counters.tcpRejected.sum());
        assertEquals(0, (int) loop.call(() -> loop.tcpPort().openCount()));
    }

    private void awaitOpen(int n) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT_MS * 1_000_000L;
        while (loop.call(() -> loop.tcpPort().openCount()) < n) {
            if (System.nanoTime() > deadline) throw new AssertionError("connections not accepted");
            Thread.onSpinWait();
        }
    }

    /**
     * A receiver that stops reading: its connection's send buffer fills, and further frames are
     * dropped whole; when it reads again, every frame that arrives is whole and in order.
     */
    @Test
    void aSlowReceiverLosesWholeFramesOnly() throws Exception {
        start(1);
        try (TestTcpMediaClient client = new TestTcpMediaClient(tcpAddress(), 4096)) {
            Transport t = transportFor(client);
            byte[] check = client.bindingRequest(serverIce.ufrag(), serverIce.pwd());
            client.sendFrame(check, 0, check.length);
            byte[] answer = client.receiveFrame(TIMEOUT_MS);
            assertEquals(StunMessage.BINDING_SUCCESS_RESPONSE, StunMessage.parse(answer, 0, answer.length).type());

            int frames = 8_000;
            for (int batch = 0; batch < frames / 100; batch++) {
                int first = batch * 100;
                loop.call(() -> { // one round of forwarding: the loop flushes after it
                    TcpLink link = t.selectedPair().tcp();
                    byte[] packet = new byte[1200];
                    for (int seq = first; seq < first + 100; seq++) {
                        ByteBuffer.wrap(packet).putInt(0, seq);
                        loop.tcpSends().send(link, packet, 0, packet.length);
                    }
                    return null;
                });
            }
            long dropped = counters.tcpFramesDropped.sum();
            assertTrue(dropped > 0, "8000 frames of 1200 bytes overflow a reader that does not read");

            int received = 0;
            int last = -1;
            byte[] f;
            while ((f = client.receiveFrame(1_000)) != null) {
                assertEquals(1200, f.length, "a whole frame");
                int seq = ByteBuffer.wrap(f).getInt(0);
                assertTrue(seq > last, "in order: " + seq + " after " + last);
                last = seq;
                received++;
            }
            assertEquals(frames, received + dropped, "every frame arrived whole or was counted dropped");
            assertNull(client.receiveFrame(100));
        }
    }
}
