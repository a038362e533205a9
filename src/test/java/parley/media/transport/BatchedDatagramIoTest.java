package parley.media.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The batched path on its own: segmented sends keep each client's order, receives name the sender. */
class BatchedDatagramIoTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @Test
    void batchedIsAvailableOnThisMachineAndNioCanBeForced() throws Exception {
        assertNull(LinuxUdp.unavailableReason(), "the test JVM runs with the flags the release jar's manifest gives");
        List<MediaSocket> sockets = MediaSocket.openAll(new SocketPlan(List.of(LOOPBACK), false), 0);
        MediaCounters counters = new MediaCounters();
        try (DatagramIo batched = DatagramIo.open(sockets, DatagramIo.Mode.AUTO, counters, new StringBuilder());
             DatagramIo nio = DatagramIo.open(sockets, DatagramIo.Mode.NIO, counters, new StringBuilder())) {
            assertEquals("batched", batched.name());
            assertEquals("nio", nio.name());
        } finally {
            MediaSocket.closeAll(sockets);
        }
    }

    /** The build runs this class again with -Dparley.mediaIo=nio (the execution nio-fallback): the loop must obey. */
    @Test
    void theMediaLoopTakesTheForcedPath() throws Exception {
        String expected = "nio".equals(System.getProperty("parley.mediaIo")) ? "nio" : "batched";
        try (MediaLoop loop = new MediaLoop(new InetSocketAddress(LOOPBACK, 0), new MediaCounters())) {
            assertEquals(expected, loop.ioName());
        }
        System.out.println("media loop path: " + expected);
    }

    @Test
    void aRoundToTwoClientsArrivesWholeAndInOrderPerClient() throws Exception {
        List<MediaSocket> sockets = MediaSocket.openAll(new SocketPlan(List.of(LOOPBACK), false), 0);
        MediaCounters counters = new MediaCounters();
        try (DatagramChannel a = client(); DatagramChannel b = client();
             BatchedDatagramIo io = new BatchedDatagramIo(sockets, counters)) {
            MediaSocket via = sockets.getFirst();
            InetSocketAddress toA = (InetSocketAddress) a.getLocalAddress();
            InetSocketAddress toB = (InetSocketAddress) b.getLocalAddress();
            // A: ten equal packets and a shorter one (one segmented send); B: sizes that change.
            for (int i = 0; i < 10; i++) {
                io.send(packet(i, 1000), 0, 1000, via, toA);
                io.send(packet(100 + i, 200 + i), 0, 200 + i, via, toB);
            }
            io.send(packet(10, 300), 0, 300, via, toA);
            io.flush();
            for (int i = 0; i < 10; i++) assertArrayEquals(packet(i, 1000), receive(a));
            assertArrayEquals(packet(10, 300), receive(a));
            for (int i = 0; i < 10; i++) assertArrayEquals(packet(100 + i, 200 + i), receive(b));
            assertEquals(21, counters.packetsSent.sum());
            assertEquals(0, counters.sendErrors.sum() + counters.segmentationOff.sum());

            // Back the other way: the sources are the clients' addresses, an oversized datagram is counted.
            a.send(ByteBuffer.wrap(packet(1, 50)), via.localAddress());
            b.send(ByteBuffer.wrap(new byte[1600]), via.localAddress());
            b.send(ByteBuffer.wrap(packet(2, 60)), via.localAddress());
            List<InetSocketAddress> from = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 2000;
            while (from.size() < 2 && System.currentTimeMillis() < deadline) {
                io.receive(via, 256, (buf, off, len, source, socket) -> from.add(source));
            }
            assertEquals(List.of(toA, toB), from);
            assertEquals(1, counters.malformed.sum());
        } finally {
            MediaSocket.closeAll(sockets);
        }
    }

    private static DatagramChannel client() throws Exception {
        DatagramChannel c = DatagramChannel.open();
        c.bind(new InetSocketAddress(LOOPBACK, 0));
        c.socket().setSoTimeout(2000);
        return c;
    }

    private static byte[] receive(DatagramChannel c) throws Exception {
        ByteBuffer b = ByteBuffer.allocate(2048);
        c.receive(b);
        b.flip();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    private static byte[] packet(int n, int len) {
        byte[] p = new byte[len];
        for (int i = 0; i < len; i++) p[i] = (byte) (n * 31 + i);
        return p;
    }
}
