package parley.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/protocol.md, "Media negotiation", "What you see" and "Tracks", against the real SFU
 * without a browser: recorded Chrome, aiortc and Firefox offers with receive slots go over
 * real WebSockets, the answers come from parley.sdp through parley.sfu, and the track lists
 * follow publishing and leaving, in a room of two and in one of forty. No media flows (there
 * is no ICE peer), so no slot ever carries anything: what is proved is the negotiation and
 * the messages around it.
 */
class RealMediaNegotiationTest {
    private static final int LARGE_ROOM = 40;
    private static final Pattern SSRC = Pattern.compile("(?m)^a=ssrc:(\\d+) ");
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
    void slotsAreAnsweredAndTracksAreAboutTheirOwnerAlone() throws Exception {
        WsPeer ada = joined("Copper-Kettle", "Ada");
        WsPeer bo = server.connect().setAside("forwarding", "send-layers");
        JsonNode boJoined = bo.join("Copper-Kettle", "Bo");
        assertEquals(0, boJoined.path("tracks").size(), "nothing published yet");
        assertEquals(3, boJoined.at("/slots/audio").asInt(), boJoined.toString());
        assertEquals(32, boJoined.at("/slots/video").asInt(), boJoined.toString());
        ada.next("participant-joined");

        // Ada (Chrome 156: mic on mid 0, simulcast camera on mid 1; mids 2-4 recvonly) publishes and takes 1 + 2 slots.
        offerChrome(ada);
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
        assertSlot(adaAnswer.get("2"), false);
        assertSlot(adaAnswer.get("3"), true);
        assertSlot(adaAnswer.get("4"), true);
        assertTrue(adaAnswer.get("2").contains("opus/48000/2") && adaAnswer.get("3").contains("VP8/90000"), adaAnswer.toString());
        assertForwardingOfEmptySlots(ada.nextSetAside("forwarding"), "2:audio", "3:video", "4:video");

        JsonNode adaTracks = bo.next("tracks");
        assertEquals(ada.id, adaTracks.path("participantId").asText(), adaTracks.toString());
        JsonNode adaMic = find(adaTracks.path("tracks"), "mic");
        JsonNode adaCamera = find(adaTracks.path("tracks"), "camera");
        assertEquals("audio", adaMic.path("kind").asText());
        assertEquals("video", adaCamera.path("kind").asText());
        assertNotEquals(adaMic.path("trackId").asText(), adaCamera.path("trackId").asText());
        assertFalse(adaMic.has("participantId"), "the owner is named once, outside the list: " + adaTracks);

        // Bo (aiortc 1.4.0: send on 0 and 1, recvonly 2 and 3) publishes and takes an audio and a video slot.
        offerAiortc(bo, true);
        Map<String, String> boAnswer = Sdp.sectionsByMid(bo.next("answer").path("sdp").asText());
        assertTrue(boAnswer.get("0").contains("a=recvonly") && boAnswer.get("1").contains("a=recvonly"), boAnswer.toString());
        assertSlot(boAnswer.get("2"), false);
        assertSlot(boAnswer.get("3"), true);
        List<String> boSsrcs = List.of(ssrc(boAnswer.get("2")), ssrc(boAnswer.get("3")));
        assertForwardingOfEmptySlots(bo.nextSetAside("forwarding"), "2:audio", "3:video");

        JsonNode boTracks = ada.next("tracks");
        assertEquals(bo.id, boTracks.path("participantId").asText(), boTracks.toString());
        assertEquals(2, boTracks.path("tracks").size(), "Bo's own two tracks: " + boTracks);

        // Ada leaves: Bo hears it, and no tracks message follows (her tracks went with her).
        ada.send("type", "leave");
        assertEquals(new WsPeer.Closed(1000, "left"), ada.closed());
        assertEquals(ada.id, bo.next("participant-left").path("participantId").asText());
        assertEquals("moderator", bo.next("role").path("role").asText(), "the last moderator left: Bo takes over");
        bo.next("lobby");
        bo.next("participant-updated");

        // Bo offers the same again: his slots keep their SSRCs, and his tracks did not change: no news.
        offerAiortc(bo, true);
        Map<String, String> again = Sdp.sectionsByMid(bo.next("answer").path("sdp").asText());
        assertSlot(again.get("2"), false);
        assertSlot(again.get("3"), true);
        assertEquals(boSsrcs, List.of(ssrc(again.get("2")), ssrc(again.get("3"))), "a slot keeps its SSRC");
        assertForwardingOfEmptySlots(bo.nextSetAside("forwarding"), "2:audio", "3:video");
        bo.quietFor(200);
    }

    @Test
    void aSlotThatLeavesRecvIsRejectedAndTheOthersKeepTheirSsrcs() throws Exception {
        WsPeer cy = joined("Pewter-Ladle", "Cy");
        offerChrome(cy);
        Map<String, String> first = Sdp.sectionsByMid(cy.next("answer").path("sdp").asText());
        cy.nextSetAside("forwarding");
        cy.send("type", "offer", "sdp", Sdp.fixture("chrome-156-offer.sdp"),
                "send", List.of(Map.of("mid", "0", "source", "mic"), Map.of("mid", "1", "source", "camera")),
                "recv", List.of(Map.of("mid", "2", "kind", "audio"), Map.of("mid", "3", "kind", "video")));
        Map<String, String> fewer = Sdp.sectionsByMid(cy.next("answer").path("sdp").asText());
        assertEquals(ssrc(first.get("2")), ssrc(fewer.get("2")));
        assertEquals(ssrc(first.get("3")), ssrc(fewer.get("3")));
        assertEquals(0, Sdp.port(fewer.get("4")), "in neither send nor recv: rejected: " + fewer.get("4"));
        assertForwardingOfEmptySlots(cy.nextSetAside("forwarding"), "2:audio", "3:video");
        leave(cy);
    }

    @Test
    void aSlotOfTheWrongKindOrTooManySlotsAreRefusedAndChangeNothing() throws Exception {
        WsPeer cy = joined("Zinc-Funnel", "Cy");
        String aiortc = Sdp.fixture("aiortc-1.4.0-offer.sdp");
        cy.send("type", "offer", "sdp", aiortc, "send", List.of(),
                "recv", List.of(Map.of("mid", "2", "kind", "video"), Map.of("mid", "3", "kind", "video")));
        assertTrue(cy.error("bad-request", "offer").path("message").asText().contains("another kind"));
        cy.send("type", "offer", "sdp", aiortc, "send", List.of(), "recv", slots("audio", 4));
        assertTrue(cy.error("bad-request", "offer").path("message").asText().contains("4 audio slots"));
        cy.send("type", "offer", "sdp", aiortc, "send", List.of(), "recv", slots("video", 33));
        assertTrue(cy.error("bad-request", "offer").path("message").asText().contains("33 video slots"));
        cy.send("type", "offer", "sdp", aiortc, "send", List.of(), "recv", List.of(Map.of("mid", "2", "kind", "data")));
        cy.error("bad-request", "offer");
        offerAiortc(cy, true); // nothing was negotiated meanwhile: the first good offer works
        cy.next("answer");
        leave(cy);
    }

    @Test
    void firefoxBundleOnlyLinesAreLiveSlotsAndTheFirstBundledLineIsKept() throws Exception {
        WsPeer cy = joined("Tin-Lantern", "Cy");
        // Firefox ESR 153: every m-line after the first has port 0 and a=bundle-only.
        String offer = Sdp.fixture("firefox-esr-153-offer.sdp");
        cy.send("type", "offer", "sdp", offer, "send", List.of(Map.of("mid", "1", "source", "camera")),
                "recv", List.of(Map.of("mid", "2", "kind", "audio"), Map.of("mid", "3", "kind", "video"),
                        Map.of("mid", "4", "kind", "video")));
        Map<String, String> answer = Sdp.sectionsByMid(cy.next("answer").path("sdp").asText());
        assertTrue(Sdp.port(answer.get("1")) != 0 && answer.get("1").contains("a=recvonly"),
                "bundle-only with port 0 is live: " + answer.get("1"));
        assertTrue(Sdp.port(answer.get("0")) != 0 && answer.get("0").contains("a=inactive"),
                "the first bundled m-line, in neither list, is inactive rather than rejected: " + answer.get("0"));
        assertSlot(answer.get("2"), false);
        assertSlot(answer.get("3"), true);
        assertSlot(answer.get("4"), true);
        assertForwardingOfEmptySlots(cy.nextSetAside("forwarding"), "2:audio", "3:video", "4:video");
        leave(cy);
    }

    /**
     * "What a client negotiates does not depend on how many people are in the room", and a
     * {@code tracks} message carries one participant's list only: forty participants join one
     * room, one after the other, each publishing a mic and a simulcast camera with the recorded
     * Chrome offer and taking the same three receive slots. The answer the fortieth gets is the
     * answer the second got, and nobody hears more of a newcomer than their arrival and their
     * own two tracks.
     */
    @Test
    void theAnswerDoesNotGrowWithTheRoomAndTracksNameOnlyTheirOwner() throws Exception {
        List<WsPeer> peers = new ArrayList<>();
        List<String> answers = new ArrayList<>();
        try {
            for (int k = 0; k < LARGE_ROOM; k++) {
                WsPeer p = server.connect().setAside("forwarding", "send-layers");
                JsonNode joined = p.join("Crowded-Granary", "Guest " + k);
                assertEquals(2 * k, joined.path("tracks").size(), "joined lists everyone's tracks: " + k);
                peers.add(p);
                offerChrome(p);
                answers.add(p.next("answer").path("sdp").asText());
                assertForwardingOfEmptySlots(p.nextSetAside("forwarding"), "2:audio", "3:video", "4:video");
            }

            String second = answers.get(1);
            String last = answers.get(LARGE_ROOM - 1);
            assertTrue(Math.abs(second.length() - last.length()) <= 32,
                    "answer of the 2nd joiner: " + second.length() + " characters, of the " + LARGE_ROOM + "th: "
                            + last.length() + "\n" + second + "\n" + last);
            assertEquals(normalized(second), normalized(last),
                    "the same answer but for SSRCs, CNAME, ICE credentials and session version");
            for (String a : answers) assertEquals(normalized(second), normalized(a));

            // A barrier: the last one's chat reaches everyone after whatever their earlier messages caused.
            peers.getLast().send("type", "chat", "text", "all here?");
            for (int i = 0; i < LARGE_ROOM; i++) {
                WsPeer p = peers.get(i);
                for (int j = i + 1; j < LARGE_ROOM; j++) {
                    WsPeer newcomer = peers.get(j);
                    assertEquals(newcomer.id, p.next("participant-joined").at("/participant/id").asText());
                    JsonNode tracks = p.next("tracks");
                    assertEquals(newcomer.id, tracks.path("participantId").asText(),
                            "guest " + i + " hears of guest " + j + "'s tracks alone: " + tracks);
                    assertEquals(2, tracks.path("tracks").size(), tracks.toString());
                    assertTrue(tracks.toString().length() < 300, "a tracks message stays small: " + tracks);
                }
                assertEquals("all here?", p.next("chat").path("text").asText(), "nothing else reached guest " + i);
            }
        } finally {
            for (WsPeer p : peers) p.close();
        }
    }

    /**
     * docs/protocol.md: a recv mid is answered "with the slot's SSRC (and RTX SSRC for video) in
     * a=ssrc lines and {@code a=msid:parley slot-<mid>}".
     */
    @Test
    void aSlotsMsidIsParleyAndItsMid() throws Exception {
        WsPeer cy = joined("Nickel-Whisk", "Cy");
        offerChrome(cy);
        Map<String, String> answer = Sdp.sectionsByMid(cy.next("answer").path("sdp").asText());
        leave(cy);
        for (String mid : List.of("2", "3", "4")) {
            assertTrue(answer.get(mid).contains("a=msid:parley slot-" + mid + "\r\n"), "mid " + mid + ": " + answer.get(mid));
        }
    }

    /**
     * docs/protocol.md: the server sends {@code forwarding} "once after each answer", listing
     * "every receive slot of your last answer": so the answer comes first, every time. On the
     * server the two take different paths (the answer through the signaling workers, the
     * forwarding from the media loop's next tick), so the order is a race: this takes enough
     * first offers of fresh connections, and renegotiations, to see it lost.
     */
    @Test
    void theForwardingOfAnAnswerComesAfterIt() throws Exception {
        for (int round = 0; round < 20; round++) {
            WsPeer cy = server.connect().setAside("send-layers");
            cy.join("Bronze-Sieve", "Cy");
            for (int i = 0; i < 4; i++) {
                offerAiortc(cy, i % 2 == 0); // alternately with and without the video slot
                JsonNode first = cy.next();
                assertEquals("answer", first.path("type").asText(),
                        "connection " + round + ", offer " + i + ": the answer first, not " + first);
                assertForwardingOfEmptySlots(cy.next("forwarding"), i % 2 == 0 ? new String[] {"2:audio", "3:video"}
                        : new String[] {"2:audio"});
                Thread.sleep(20); // 50 messages a second at most
            }
            leave(cy);
        }
    }

    /** docs/protocol.md: "{@code slots} lists every receive slot of your last answer, in {@code recv} order". */
    @Test
    void forwardingListsTheSlotsInRecvOrder() throws Exception {
        WsPeer cy = joined("Copper-Ladle", "Cy");
        String aiortc = Sdp.fixture("aiortc-1.4.0-offer.sdp");
        List<Map<String, String>> send = List.of(Map.of("mid", "0", "source", "mic"), Map.of("mid", "1", "source", "camera"));
        cy.send("type", "offer", "sdp", aiortc, "send", send, "recv", List.of(Map.of("mid", "3", "kind", "video")));
        cy.next("answer");
        assertForwardingOfEmptySlots(cy.nextSetAside("forwarding"), "3:video");
        // An audio slot added before the video one in recv (and in the SDP).
        cy.send("type", "offer", "sdp", aiortc, "send", send,
                "recv", List.of(Map.of("mid", "2", "kind", "audio"), Map.of("mid", "3", "kind", "video")));
        cy.next("answer");
        assertForwardingOfEmptySlots(cy.nextSetAside("forwarding"), "2:audio", "3:video");
        // recv in another order than the m-lines.
        cy.send("type", "offer", "sdp", aiortc, "send", send,
                "recv", List.of(Map.of("mid", "3", "kind", "video"), Map.of("mid", "2", "kind", "audio")));
        cy.next("answer");
        assertForwardingOfEmptySlots(cy.nextSetAside("forwarding"), "3:video", "2:audio");
        leave(cy);
    }

    @Test
    void aSimulcastSenderIsToldWhenNobodyReceivesItsLayers() throws Exception {
        WsPeer dee = server.connect().setAside("forwarding");
        dee.join("Iron-Skillet", "Dee");
        offerChrome(dee);
        dee.next("answer");
        // Nobody else is in the room: after 2 s nobody has wanted any layer of the camera on mid 1.
        JsonNode layers = dee.next("send-layers");
        assertEquals("1", layers.path("mid").asText(), layers.toString());
        assertEquals(0, layers.path("active").size(), "nobody receives any layer: " + layers);
        dee.quietFor(500); // sent only on a change
        leave(dee);
    }

    /** A participant joined to {@code room}, with forwarding and send-layers set aside. */
    private static WsPeer joined(String room, String name) throws Exception {
        WsPeer peer = server.connect().setAside("forwarding", "send-layers");
        peer.join(room, name);
        return peer;
    }

    private static void leave(WsPeer peer) throws Exception {
        peer.send("type", "leave");
        assertEquals(new WsPeer.Closed(1000, "left"), peer.closed());
    }

    /** {@code n} receive slots of {@code kind} on made-up mids. */
    private static List<Map<String, String>> slots(String kind, int n) {
        List<Map<String, String>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(Map.of("mid", kind + i, "kind", kind));
        return out;
    }

    /** The answer with its ICE credentials, CNAMEs and every number (SSRCs, session id and version) blotted out. */
    private static String normalized(String sdp) {
        return sdp.replaceAll("(?m)^a=ice-(ufrag|pwd):.*$", "a=ice-$1:*").replaceAll("cname:\\S+", "cname:*")
                .replaceAll("\\d+", "#");
    }

    private static void offerChrome(WsPeer peer) throws Exception {
        peer.send("type", "offer", "sdp", Sdp.fixture("chrome-156-offer.sdp"),
                "send", List.of(Map.of("mid", "0", "source", "mic"), Map.of("mid", "1", "source", "camera")),
                "recv", List.of(Map.of("mid", "2", "kind", "audio"), Map.of("mid", "3", "kind", "video"),
                        Map.of("mid", "4", "kind", "video")));
    }

    /** The aiortc 1.4.0 offer: its mic and camera on mids 0 and 1, an audio slot on 2 and (or not) a video slot on 3. */
    private static void offerAiortc(WsPeer peer, boolean videoSlot) throws Exception {
        List<Map<String, String>> recv = new ArrayList<>(List.of(Map.of("mid", "2", "kind", "audio")));
        if (videoSlot) recv.add(Map.of("mid", "3", "kind", "video"));
        peer.send("type", "offer", "sdp", Sdp.fixture("aiortc-1.4.0-offer.sdp"),
                "send", List.of(Map.of("mid", "0", "source", "mic"), Map.of("mid", "1", "source", "camera")),
                "recv", recv);
    }

    private static JsonNode find(JsonNode tracks, String source) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode t : tracks) if (t.path("source").asText().equals(source)) found.add(t);
        assertEquals(1, found.size(), source + " in " + tracks);
        return found.get(0);
    }

    /** A receive slot: live, sendonly, with its SSRC; a video slot also with its RTX SSRC. */
    private static void assertSlot(String section, boolean video) {
        assertTrue(Sdp.port(section) != 0 && section.contains("a=sendonly"), section);
        assertTrue(section.contains("a=ssrc:"), section);
        assertTrue(section.contains("a=msid:parley "), section);
        assertEquals(video, section.contains("a=ssrc-group:FID "), "RTX for video slots only: " + section);
    }

    /** The SSRC of a slot's answer section (the first a=ssrc line). */
    private static String ssrc(String section) {
        Matcher m = SSRC.matcher(section);
        assertTrue(m.find(), section);
        return m.group(1);
    }

    /**
     * A forwarding message of these slots ("mid:kind", in recv order), each video slot carrying
     * nothing (no keyframe can arrive: no media flows). Audio slots switch at once, so they may
     * already name a microphone.
     */
    static void assertForwardingOfEmptySlots(JsonNode forwarding, String... slots) {
        JsonNode list = forwarding.path("slots");
        List<String> seen = new ArrayList<>();
        for (JsonNode s : list) {
            seen.add(s.path("mid").asText() + ":" + s.path("kind").asText());
            if (!"video".equals(s.path("kind").asText())) continue;
            for (String f : List.of("participantId", "trackId", "source")) {
                assertTrue(s.has(f) && s.get(f).isNull(), "no media flows: " + f + " is null in " + forwarding);
            }
        }
        assertEquals(List.of(slots), seen, forwarding.toString());
    }
}
