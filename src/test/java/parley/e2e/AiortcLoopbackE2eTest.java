package parley.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two aiortc peers on this host's own network (no namespace) meet through a Parley whose media
 * port is bound to 0.0.0.0, and each decodes the other's video and audio.
 *
 * <p>aiortc gathers no loopback candidate, so its checks to the server's 127.0.0.1 candidate
 * come from this host's interface address. One wildcard socket answered them from that
 * interface address, and aioice drops an answer that does not come from the address the check
 * went to (RFC 8445 §7.2.5.2.1): with only 127.0.0.1 advertised the peers never connected. The
 * media port now has a socket per advertised local address and answers from the right one.
 */
@Tag("e2e")
class AiortcLoopbackE2eTest {
    @Test
    void peersConnectThroughTheLoopbackCandidateAlone() throws SocketException {
        assertPeersSeeAndHearEachOther(List.of("127.0.0.1"));
    }

    @Test
    void peersConnectWithLoopbackAndTheInterfaceAddressAdvertised() throws SocketException {
        String lan = interfaceAddress();
        Assumptions.assumeTrue(lan != null, "this host has no IPv4 address besides loopback");
        assertPeersSeeAndHearEachOther(List.of("127.0.0.1", lan));
    }

    private static void assertPeersSeeAndHearEachOther(List<String> advertised) throws SocketException {
        String lan = interfaceAddress();
        Assumptions.assumeTrue(lan != null, "aiortc needs an IPv4 address besides loopback to gather a candidate");
        try (ServerHandle server = TestServer.start(ServerSpec.onFreePorts(advertised))) {
            String room = "aiortc-loopback-" + System.nanoTime();
            AiortcPeer.Options base = AiortcPeer.Options.of(server.wsUrl(), room, "peer")
                    .withDuration(Duration.ofSeconds(8));
            try (AiortcPeer ada = AiortcPeer.start(base.withMedia(3));
                 AiortcPeer bob = AiortcPeer.start(base.withMedia(4))) {
                AiortcSummary adaSaw = ada.awaitSummary();
                AiortcSummary bobSaw = bob.awaitSummary();

                String context = "advertised " + advertised + "\nada: " + adaSaw + "\nbob: " + bobSaw
                        + "\nada log:\n" + ada.log() + "\nserver log:\n" + server.logs().tail(60);
                assertTrue(adaSaw.joined() && bobSaw.joined(), context);
                assertEquals(List.of(), adaSaw.errors(), context);
                assertEquals(List.of(), bobSaw.errors(), context);
                assertTrue(adaSaw.connectionStates().contains("connected"), context);
                assertTrue(adaSaw.videoFramesFrom(bobSaw.participantId()) > 60, context);
                assertTrue(bobSaw.videoFramesFrom(adaSaw.participantId()) > 60, context);
                assertTrue(adaSaw.audioFramesFrom(bobSaw.participantId()) > 100, context);
                assertTrue(bobSaw.audioFramesFrom(adaSaw.participantId()) > 100, context);
                server.logs().assertNoneContain(room, lan);
            }
        }
    }

    /** An IPv4 address of an interface that is up, not loopback and not link-local (aiortc's candidate), or null. */
    private static String interfaceAddress() throws SocketException {
        List<String> found = new ArrayList<>();
        for (NetworkInterface nic : NetworkInterface.networkInterfaces().toList()) {
            if (!nic.isUp() || nic.isLoopback()) continue;
            for (InetAddress a : nic.inetAddresses().toList()) {
                if (a instanceof Inet4Address && !a.isLinkLocalAddress()) found.add(a.getHostAddress());
            }
        }
        return found.isEmpty() ? null : found.getFirst();
    }
}
