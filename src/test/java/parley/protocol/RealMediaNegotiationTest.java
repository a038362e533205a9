package parley.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/protocol.md, "Media negotiation" and "Tracks", against the real SFU without a
 * browser: recorded Chrome, aiortc and Firefox offers go over real WebSockets, the answers
 * come from parley.sdp through parley.sfu, and the track lists follow publishing and
 * leaving. No media flows (there is no ICE peer); what is proved is the negotiation.
 */
class RealMediaNegotiationTest {
    private static LiveServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = LiveServer.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void publishedTracksReachTheOthersAndLeaveWithTheirOwner() throws Exception {
        WsPeer ada = server.connect();
        ada.join("Copper-Kettle", "Ada");
        WsPeer bo = server.connect();
        JsonNode boJoined = bo.join("Copper-Kettle", "Bo");
        assertEquals(0, boJoined.path("tracks").size(), "nothing published yet");
        ada.next("participant-joined");

        // Ada (Chrome 156: mic on mid 0, simulcast camera on mid 1, three spare recv m-lines) publishes.
        ada.send("type", "offer", "sdp", Sdp.fixture("chrome-156-offer.sdp"),
                "send", List.of(Map.of("mid", "0", "source", "mic"), Map.of("mid", "1", "source", "camera")),
                "recv", List.of());
        Map<String, String> adaAnswer = Sdp.sectionsByMid(ada.next("answer").path("sdp").asText());
        assertEquals(List.of("0", "1", "2", "3", "4"), List.copyOf(adaAnswer.keySet()));
        for (String mid : List.of("0", "1")) {
            String m = adaAnswer.get(mid);
            assertTrue(m.contains("a=recvonly") && m.contains("a=setup:passive"), m);
            assertTrue(m.contains(" " + server.mediaPort() + " typ host"), "a candidate on the media port: " + m);
        }
        assertTrue(adaAnswer.get("0").contains("opus/48000/2"), adaAnswer.get("0"));
        String camera = adaAnswer.get("1");
        assertTrue(camera.contains("VP8/90000") && camera.contains("rtx/90000") && camera.contains("a=simulcast:recv q;h;f"), camera);
        assertTrue(camera.contains("goog-remb") && camera.contains("abs-send-time") && camera.contains("transport-cc"), camera);
        assertFalse(camera.contains("H264") || camera.contains("VP9") || camera.contains("AV1"), camera);
        for (String mid : List.of("2", "3", "4")) {
            assertEquals(0, Sdp.port(adaAnswer.get(mid)), "in neither send nor recv: rejected: " + adaAnswer.get(mid));
        }

        JsonNode adaTracks = bo.next("tracks").path("tracks");
        assertEquals(2, adaTracks.size(), adaTracks.toString());
        JsonNode adaMic = find(adaTracks, "mic");
        JsonNode adaCamera = find(adaTracks, "camera");
        assertEquals(ada.id, adaMic.path("participantId").asText());
        assertEquals("audio", adaMic.path("kind").asText());
        assertEquals(ada.id, adaCamera.path("participantId").asText());
        assertEquals("video", adaCamera.path("kind").asText());

        // Bo (aiortc 1.4.0: send on 0 and 1, recv on 2 and 3) publishes and subscribes to Ada's tracks.
        offerAiortc(bo, adaMic.path("trackId").asText(), adaCamera.path("trackId").asText());
        Map<String, String> boAnswer = Sdp.sectionsByMid(bo.next("answer").path("sdp").asText());
        assertTrue(boAnswer.get("0").contains("a=recvonly") && boAnswer.get("1").contains("a=recvonly"), boAnswer.toString());
        assertSends(boAnswer.get("2"), ada.id, adaMic.path("trackId").asText());
        assertSends(boAnswer.get("3"), ada.id, adaCamera.path("trackId").asText());
        assertTrue(boAnswer.get("3").contains("a=ssrc-group:FID "), "the camera comes with its RTX SSRC: " + boAnswer.get("3"));

        JsonNode boTracks = ada.next("tracks").path("tracks");
        assertEquals(2, boTracks.size(), "Ada sees Bo's tracks, not her own: " + boTracks);
        for (JsonNode t : boTracks) assertEquals(bo.id, t.path("participantId").asText(), boTracks.toString());

        // Ada leaves: Bo hears it, and the track list no longer has her tracks (nor his own).
        ada.send("type", "leave");
        assertEquals(new WsPeer.Closed(1000, "left"), ada.closed());
        assertEquals(ada.id, bo.next("participant-left").path("participantId").asText());
        assertEquals(0, bo.next("tracks").path("tracks").size());
        assertEquals("moderator", bo.next("role").path("role").asText(), "the last moderator left: Bo takes over");
        bo.next("lobby");
        bo.next("participant-updated");

        // Bo offers again with the old recv mids: a track that is gone is answered inactive.
        offerAiortc(bo, adaMic.path("trackId").asText(), adaCamera.path("trackId").asText());
        Map<String, String> again = Sdp.sectionsByMid(bo.next("answer").path("sdp").asText());
        assertTrue(again.get("2").contains("a=inactive") && again.get("3").contains("a=inactive"), again.toString());
        bo.quietFor(200); // his own tracks did not change: no tracks message to anyone
    }

    @Test
    void firefoxBundleOnlyLinesAreLiveAndTheFirstBundledLineIsKept() throws Exception {
        WsPeer cy = server.connect();
        cy.join("Tin-Lantern", "Cy");
        // Firefox ESR 153: every m-line after the first has port 0 and a=bundle-only.
        String offer = Sdp.fixture("firefox-esr-153-offer.sdp");
        cy.send("type", "offer", "sdp", offer,
                "send", List.of(Map.of("mid", "1", "source", "camera")), "recv", List.of());
        Map<String, String> answer = Sdp.sectionsByMid(cy.next("answer").path("sdp").asText());
        assertTrue(Sdp.port(answer.get("1")) != 0 && answer.get("1").contains("a=recvonly"),
                "bundle-only with port 0 is live: " + answer.get("1"));
        assertTrue(Sdp.port(answer.get("0")) != 0 && answer.get("0").contains("a=inactive"),
                "the first bundled m-line, in neither list, is inactive rather than rejected: " + answer.get("0"));
        for (String mid : List.of("2", "3", "4")) assertEquals(0, Sdp.port(answer.get(mid)), answer.get(mid));
        cy.send("type", "leave");
        cy.closed();
    }

    /** The aiortc 1.4.0 offer: its mic and camera on mids 0 and 1, receiving these two tracks on 2 and 3. */
    private static void offerAiortc(WsPeer peer, String audioTrackId, String videoTrackId) throws Exception {
        peer.send("type", "offer", "sdp", Sdp.fixture("aiortc-1.4.0-offer.sdp"),
                "send", List.of(Map.of("mid", "0", "source", "mic"), Map.of("mid", "1", "source", "camera")),
                "recv", List.of(Map.of("mid", "2", "trackId", audioTrackId), Map.of("mid", "3", "trackId", videoTrackId)));
    }

    private static JsonNode find(JsonNode tracks, String source) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode t : tracks) if (t.path("source").asText().equals(source)) found.add(t);
        assertEquals(1, found.size(), source + " in " + tracks);
        return found.get(0);
    }

    /** A recv mid the server fills: sendonly, with the sender's participant id as the msid stream id, and SSRCs. */
    private static void assertSends(String section, String participantId, String trackId) {
        assertTrue(Sdp.port(section) != 0 && section.contains("a=sendonly"), section);
        assertTrue(section.contains("a=msid:" + participantId + " " + trackId), section);
        assertTrue(section.contains("a=ssrc:"), section);
    }
}
