package parley.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * ICE over TCP (issue 10): a Chromium in a network namespace whose UDP is dropped (iptables in
 * the namespace, both ways) joins a meeting with a Chromium on the host, on the server's default
 * flags (only its ports and addresses set): its media runs over the server's passive TCP
 * candidate on the media port's number, and each sees and hears the other.
 */
@Tag("e2e")
class IceTcpE2eTest {
    @RegisterExtension
    static final ParleyServerExtension PARLEY = ParleyServerExtension.withNetNs();

    private static final String ROOM = "tcp-only-" + Long.toString(System.nanoTime(), 36);
    private static final String TCP_NAME = "Tess Tcp";
    private static final String UDP_NAME = "Uma Udp";

    private static ChromiumSession inside;
    private static ChromiumSession outside;

    @BeforeAll
    static void startBrowsers() {
        if (PARLEY.skipped()) {
            return; // the extension skips each test, loudly
        }
        PARLEY.netns().dropUdp();
        inside = NetNsChromium.start(PARLEY.netns(), 0, List.of());
        outside = Browsers.chromium(1);
    }

    @AfterAll
    static void stopBrowsersAndCheckTheLog() {
        for (ChromiumSession browser : new ChromiumSession[] {inside, outside}) {
            if (browser != null) {
                browser.close();
            }
        }
        PARLEY.assertLogNeverHeld(ROOM, TCP_NAME, UDP_NAME);
    }

    @Test
    void aChromiumWithoutUdpSeesAndHearsOverTcp(ServerHandle server, NetNs ns) {
        MeetingClient tess = MeetingClient.in(inside.page()).joinMeeting(server.roomUrl(ns.hostAddress(), ROOM), TCP_NAME);
        MeetingClient uma = MeetingClient.in(outside.page()).joinMeeting(server.roomUrl("127.0.0.1", ROOM), UDP_NAME);

        tess.awaitSeesAndHears(uma);
        uma.awaitSeesAndHears(tess);

        assertSendsOverTcp(tess, server, ns);
        JsonNode umaPair = StatsProbe.selectedCandidatePair(uma.page());
        assertEquals("udp", umaPair.path("local").path("protocol").asText(), "the host's browser keeps UDP: " + umaPair);
    }

    /**
     * The client's selected candidate pair is TCP, to the server's passive candidate on the
     * namespace's side of the veth and the media port's number, and the server accepted it.
     */
    static void assertSendsOverTcp(MeetingClient client, ServerHandle server, NetNs ns) {
        JsonNode pair = Poll.await(client + ": a selected candidate pair", MeetingClient.MEDIA_TIMEOUT,
                () -> StatsProbe.selectedCandidatePair(client.page()), p -> !p.isNull());
        System.out.println(client + " sends over " + pair);
        assertEquals("tcp", pair.path("local").path("protocol").asText(), pair.toString());
        assertEquals("tcp", pair.path("remote").path("protocol").asText(), pair.toString());
        assertEquals(ns.hostAddress(), pair.path("remote").path("address").asText(), pair.toString());
        assertEquals(server.mediaPort(), pair.path("remote").path("port").asInt(), "TCP on the media port's number");
        assertTrue(pair.path("nominated").asBoolean(), pair.toString());
        long accepted = server.running().media().counters().get("tcpAccepted");
        assertTrue(accepted >= 1, "the server accepted TCP connections: " + accepted);
    }
}
