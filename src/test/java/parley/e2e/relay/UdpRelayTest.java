package parley.e2e.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The relay on loopback between a client socket and a "server" socket, as the fault tests use it. */
class UdpRelayTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final int QUIET_MS = 300;

    private final DatagramSocket server;
    private final DatagramSocket client;
    private final List<UdpRelay> relays = new ArrayList<>();

    UdpRelayTest() throws IOException {
        server = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
        client = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
        server.setSoTimeout(QUIET_MS);
        client.setSoTimeout(QUIET_MS);
    }

    @AfterEach
    void close() {
        relays.forEach(UdpRelay::close);
        server.close();
        client.close();
    }

    private UdpRelay relay(long seed) {
        UdpRelay r = UdpRelay.start(new InetSocketAddress(LOOPBACK, 0), (InetSocketAddress) server.getLocalSocketAddress(), seed);
        relays.add(r);
        return r;
    }

    @Test
    void forwardsBothWaysAndAnswersComeFromTheRelay() throws IOException {
        UdpRelay relay = relay(1);
        send(client, 1, relay.listenAddress());
        DatagramPacket atServer = receive(server);
        assertEquals(1, index(atServer));
        assertEquals(relay.upstreamAddresses(), List.of(atServer.getSocketAddress()), "the server sees the upstream socket");

        send(server, 2, (InetSocketAddress) atServer.getSocketAddress());
        DatagramPacket atClient = receive(client);
        assertEquals(2, index(atClient));
        assertEquals(relay.listenAddress(), atClient.getSocketAddress(), "the client hears the address it sent to");
    }

    @Test
    void lossIsTheSameForTheSameSeed() throws IOException {
        List<Integer> first = survivors(relay(42), Impairment.loss(0.3), 200);
        List<Integer> again = survivors(relay(42), Impairment.loss(0.3), 200);
        List<Integer> other = survivors(relay(43), Impairment.loss(0.3), 200);
        assertEquals(first, again, "same seed, same datagrams lost");
        assertNotEquals(first, other, "another seed, other datagrams");
        assertTrue(first.size() > 200 * 0.6 && first.size() < 200 * 0.8, "about 70 % through: " + first.size());
    }

    @Test
    void duplicatesAndReorderingAndDelay() throws IOException {
        UdpRelay relay = relay(7);
        List<Integer> doubled = survivors(relay, Impairment.NONE.withDuplicates(1), 50);
        assertEquals(100, doubled.size(), "every datagram twice");

        List<Integer> shuffled = survivors(relay, Impairment.NONE.withReordering(0.3), 200);
        assertEquals(200, shuffled.size(), "reordering loses nothing");
        assertNotEquals(shuffled.stream().sorted().toList(), shuffled, "some overtaken");

        relay.impair(Impairment.NONE.withDelay(150, 0));
        long t0 = System.nanoTime();
        send(client, 1, relay.listenAddress());
        receive(server);
        assertTrue(System.nanoTime() - t0 >= 150_000_000L, "delayed at least 150 ms");
    }

    @Test
    void aBlackoutDropsEverythingUntilItEnds() throws IOException {
        UdpRelay relay = relay(3);
        send(client, 1, relay.listenAddress());
        InetSocketAddress up = (InetSocketAddress) receive(server).getSocketAddress();
        relay.blackout(Duration.ofMillis(600));
        send(client, 2, relay.listenAddress());
        send(server, 3, up);
        assertNull(tryReceive(server));
        assertNull(tryReceive(client));
        assertTrue(relay.blackedOut.get() >= 2, relay.toString());
        parley.e2e.Poll.until("the blackout ending", Duration.ofSeconds(3), () -> !relay.inBlackout());
        send(client, 4, relay.listenAddress());
        assertEquals(4, index(receive(server)));
    }

    @Test
    void aMoveGivesTheClientANewSourcePortAndForgetsTheOld() throws IOException {
        UdpRelay relay = relay(5);
        send(client, 1, relay.listenAddress());
        InetSocketAddress before = (InetSocketAddress) receive(server).getSocketAddress();
        List<InetSocketAddress> moved = relay.move();
        assertEquals(1, moved.size());
        assertNotEquals(before, moved.get(0));

        send(server, 2, before); // to the old address: nobody there any more
        assertNull(tryReceive(client));
        send(client, 3, relay.listenAddress());
        DatagramPacket p = receive(server);
        assertEquals(moved.get(0), p.getSocketAddress(), "the server sees the client at its new address");
        send(server, 4, moved.get(0));
        assertEquals(4, index(receive(client)));
    }

    /** Sends {@code n} numbered datagrams through {@code relay} with {@code impairment}; the numbers that arrive, in order. */
    private List<Integer> survivors(UdpRelay relay, Impairment impairment, int n) throws IOException {
        relay.impair(impairment);
        for (int i = 0; i < n; i++) send(client, i, relay.listenAddress());
        List<Integer> out = new ArrayList<>();
        DatagramPacket p;
        while ((p = tryReceive(server)) != null) out.add(index(p));
        return out;
    }

    private static void send(DatagramSocket from, int index, InetSocketAddress to) throws IOException {
        byte[] data = ByteBuffer.allocate(4).putInt(index).array();
        from.send(new DatagramPacket(data, data.length, to));
    }

    private static DatagramPacket receive(DatagramSocket s) throws IOException {
        DatagramPacket p = tryReceive(s);
        if (p == null) throw new AssertionError("nothing arrived within " + QUIET_MS + " ms");
        return p;
    }

    private static DatagramPacket tryReceive(DatagramSocket s) throws IOException {
        DatagramPacket p = new DatagramPacket(new byte[64], 64);
        try {
            s.receive(p);
            return p;
        } catch (SocketTimeoutException e) {
            return null;
        }
    }

    private static int index(DatagramPacket p) {
        return ByteBuffer.wrap(p.getData(), p.getOffset(), p.getLength()).getInt();
    }
}
