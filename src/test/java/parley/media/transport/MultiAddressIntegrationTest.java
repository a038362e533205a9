package parley.media.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static parley.media.transport.TransportIntegrationTest.RTP;
import static parley.media.transport.TransportIntegrationTest.SERVER_CERT;
import static parley.media.transport.TransportIntegrationTest.TIMEOUT_MS;
import static parley.media.transport.TransportIntegrationTest.withHeadroom;

import java.io.IOException;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import parley.media.ice.IceCredentials;
import parley.media.transport.TestMediaClient.Kind;
import parley.media.transport.TestMediaClient.Received;
import parley.media.transport.TransportIntegrationTest.Recorder;

/**
 * The media port bound to 0.0.0.0 on a machine with two addresses, loopback and an interface
 * address ("lan"), and a client on the lan address: every ICE answer comes from the address its
 * check went to (RFC 8445 §7.2.5.2.1; one wildcard socket answered a check to 127.0.0.1 from the
 * lan address), and media leaves from the address where the client was first validated.
 */
class MultiAddressIntegrationTest {
    /** TEST-NET-3 (RFC 5737): advertised like a NAT's public address, never local. */
    static final InetAddress NAT_PUBLIC = address(new byte[] {(byte) 203, 0, 113, 7});
    static final InetAddress WILDCARD = address(new byte[] {0, 0, 0, 0});
    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    final MediaCounters counters = new MediaCounters();
    final IceCredentials serverIce = IceCredentials.random(new SecureRandom());
    final Recorder recorder = new Recorder();
    final List<AutoCloseable> open = new ArrayList<>();
    InetAddress lan;
    /** The transport of the test's client, made by {@link #client}. */
    Transport transport;

    @BeforeEach
    void findInterfaceAddress() throws SocketException {
        lan = interfaceAddress();
        Assumptions.assumeTrue(lan != null, "this machine has no IPv4 address besides loopback");
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open.reversed()) c.close();
    }

    @Test
    void eachAddressAnswersForItselfAndMediaLeavesWhereTheClientWasFirstValidated() throws Exception {
        MediaLoop loop = wildcardLoop(0, LOOPBACK, lan);
        int port = loop.localPort();
        assertEquals(List.of(at(LOOPBACK, port), at(lan, port)), loop.localAddresses()); // no wildcard socket
        TestMediaClient client = client(loop, at(LOOPBACK, port));

        assertEquals(at(LOOPBACK, port), answerFrom(client, at(LOOPBACK, port))); // first validated here
        assertEquals(at(lan, port), answerFrom(client, at(lan, port)));

        assertMediaFlowsFrom(loop, client, at(LOOPBACK, port));
        assertEquals(at(lan, port), answerFrom(client, at(lan, port))); // consent on the other address
        assertEquals(at(LOOPBACK, port), answerFrom(client, at(LOOPBACK, port)));
        assertEquals(0, counters.loopErrors.sum() + counters.sendErrors.sum());
    }

    @Test
    void aClientFirstValidatedOnTheInterfaceAddressGetsMediaFromIt() throws Exception {
        MediaLoop loop = wildcardLoop(0, LOOPBACK, lan);
        int port = loop.localPort();
        TestMediaClient client = client(loop, at(lan, port));

        assertEquals(at(lan, port), answerFrom(client, at(lan, port)));
        assertEquals(at(LOOPBACK, port), answerFrom(client, at(LOOPBACK, port)));

        assertMediaFlowsFrom(loop, client, at(lan, port));
    }

    @Test
    void aNonLocalAdvertisedAddressKeepsAWildcardSocketThatTheSpecificOnesOutrank() throws Exception {
        MediaLoop loop = wildcardLoop(0, NAT_PUBLIC, LOOPBACK);
        int port = loop.localPort();
        assertEquals(List.of(at(WILDCARD, port), at(LOOPBACK, port)), loop.localAddresses());
        TestMediaClient client = client(loop, at(lan, port));

        assertEquals(at(lan, port), answerFrom(client, at(lan, port))); // through the wildcard socket
        assertEquals(at(LOOPBACK, port), answerFrom(client, at(LOOPBACK, port))); // its own socket, not the wildcard

        assertMediaFlowsFrom(loop, client, at(lan, port));
        assertEquals(at(WILDCARD, port), loop.call(() -> transport.selectedPair().local().localAddress()));
    }

    @Test
    void aTakenPortFailsTheStartLikeOneSocketWould() throws Exception {
        MediaLoop specific = wildcardLoop(0, LOOPBACK, lan);
        assertThrows(BindException.class, () -> wildcardLoop(specific.localPort(), LOOPBACK, lan));
        assertThrows(BindException.class, () -> new DatagramSocket(at(WILDCARD, specific.localPort())).close());

        MediaLoop withWildcard = wildcardLoop(0, NAT_PUBLIC, LOOPBACK);
        // every socket of this one sets SO_REUSEADDR, which alone would let a second set bind too
        assertThrows(BindException.class, () -> wildcardLoop(withWildcard.localPort(), NAT_PUBLIC, LOOPBACK));
        assertThrows(BindException.class, () -> new DatagramSocket(at(LOOPBACK, withWildcard.localPort())).close());
    }

    /**
     * DTLS with the server on {@code client}'s server address, then media both ways: the server's
     * RTP arrives from {@code expectedSource} and the client's reaches the transport.
     */
    void assertMediaFlowsFrom(MediaLoop loop, TestMediaClient client, InetSocketAddress expectedSource)
            throws Exception {
        Transport t = transport;
        client.connect(serverIce, TIMEOUT_MS);
        assertTrue(recorder.connected.await(TIMEOUT_MS, TimeUnit.MILLISECONDS), "onConnected");
        assertEquals(expectedSource.getPort(), loop.call(() -> t.selectedPair().local().localAddress().getPort()));

        loop.execute(() -> t.sendRtp(withHeadroom(RTP), 0, RTP.length));
        Received media = next(client, Kind.RTP);
        assertNotNull(media, "no RTP from the server");
        assertArrayEquals(RTP, media.bytes());
        assertEquals(expectedSource, media.from());

        client.sendRtp(RTP, 0, RTP.length);
        assertArrayEquals(RTP, recorder.rtp.poll(TIMEOUT_MS, TimeUnit.MILLISECONDS));
    }

    /** The source address of the server's answer to one check sent to {@code to}. */
    InetSocketAddress answerFrom(TestMediaClient client, InetSocketAddress to) throws IOException {
        Received answer = client.check(to, serverIce, true, (int) TIMEOUT_MS);
        assertNotNull(answer, "no answer to a check sent to the server's " + (to.getAddress().isLoopbackAddress()
                ? "loopback" : "interface") + " address");
        return answer.from();
    }

    MediaLoop wildcardLoop(int port, InetAddress... advertised) throws IOException {
        MediaLoop loop = new MediaLoop(at(WILDCARD, port), LoopOptions.defaults().advertising(List.of(advertised)), counters);
        open.add(loop);
        return loop;
    }

    /** A client on the lan address talking to {@code server}, and its transport on {@code loop}. */
    TestMediaClient client(MediaLoop loop, InetSocketAddress server) throws Exception {
        TestMediaClient client = new TestMediaClient(at(lan, 0), server);
        open.add(client);
        IceCredentials c = client.iceCredentials();
        Transport t = loop.call(() -> new Transport(loop, serverIce, c.ufrag(), c.pwd(), SERVER_CERT, "sha-256",
                client.fingerprintSha256(), recorder, 30_000).registered());
        transport = t;
        open.add(() -> loop.call(() -> {
            t.close();
            return null;
        }));
        return client;
    }

    static Received next(TestMediaClient client, Kind kind) throws IOException {
        long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        while (System.currentTimeMillis() < deadline) {
            Received r = client.receive(TransportIntegrationTest.QUIET_MS);
            if (r != null && r.kind() == kind) return r;
        }
        return null;
    }

    static InetSocketAddress at(InetAddress a, int port) {
        return new InetSocketAddress(a, port);
    }

    /** An IPv4 address of an interface that is up, not loopback and not link-local, or null. */
    static InetAddress interfaceAddress() throws SocketException {
        for (NetworkInterface nic : NetworkInterface.networkInterfaces().toList()) {
            if (!nic.isUp() || nic.isLoopback()) continue;
            for (InetAddress a : nic.inetAddresses().toList()) {
                if (a instanceof Inet4Address && !a.isLinkLocalAddress()) return a;
            }
        }
        return null;
    }

    static InetAddress address(byte[] ipv4) {
        try {
            return InetAddress.getByAddress(ipv4);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
