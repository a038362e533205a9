package parley.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/protocol.md: "What a client negotiates does not depend on how many people are in the
 * room", and a `tracks` message carries one participant's list only. Forty participants join
 * one room over real WebSockets, one after the other, each publishing a mic and a simulcast
 * camera with the recorded Chrome offer and taking the same three receive slots; the answer
 * the fortieth gets is the answer the second got, and nobody hears more of a newcomer than
 * their arrival and their own two tracks. No media flows (there is no ICE peer).
 */
class LargeRoomNegotiationTest {
    private static final int PARTICIPANTS = 40;
    private static final String ROOM = "Crowded-Granary";
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
    void theAnswerDoesNotGrowWithTheRoomAndTracksNameOnlyTheirOwner() throws Exception {
        String offer = Sdp.fixture("chrome-156-offer.sdp");
        List<WsPeer> peers = new ArrayList<>();
        List<String> answers = new ArrayList<>();
        try {
            for (int k = 0; k < PARTICIPANTS; k++) {
                WsPeer p = server.connect().setAside("forwarding", "send-layers");
                JsonNode joined = p.join(ROOM, "Guest " + k);
                assertEquals(2 * k, joined.path("tracks").size(), "joined lists everyone's tracks: " + k);
                peers.add(p);
                p.send("type", "offer", "sdp", offer,
                        "send", List.of(Map.of("mid", "0", "source", "mic"), Map.of("mid", "1", "source", "camera")),
                        "recv", List.of(Map.of("mid", "2", "kind", "audio"), Map.of("mid", "3", "kind", "video"),
                                Map.of("mid", "4", "kind", "video")));
                answers.add(p.next("answer").path("sdp").asText());
                RealMediaNegotiationTest.assertForwardingOfEmptySlots(p.nextSetAside("forwarding"),
                        "2:audio", "3:video", "4:video");
            }

            String second = answers.get(1);
            String last = answers.get(PARTICIPANTS - 1);
            assertTrue(Math.abs(second.length() - last.length()) <= 32,
                    "answer of the 2nd joiner: " + second.length() + " characters, of the " + PARTICIPANTS + "th: "
                            + last.length() + "\n" + second + "\n" + last);
            assertEquals(normalized(second), normalized(last),
                    "the same answer but for SSRCs, CNAME, ICE credentials and session version");
            for (String a : answers) assertEquals(normalized(second), normalized(a));

            // A barrier: the last one's chat reaches everyone after whatever their earlier messages caused.
            peers.getLast().send("type", "chat", "text", "all here?");
            for (int i = 0; i < PARTICIPANTS; i++) {
                WsPeer p = peers.get(i);
                for (int j = i + 1; j < PARTICIPANTS; j++) {
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

    /** The answer with its ICE credentials, CNAMEs and every number (SSRCs, session id and version) blotted out. */
    private static String normalized(String sdp) {
        return sdp.replaceAll("(?m)^a=ice-(ufrag|pwd):.*$", "a=ice-$1:*").replaceAll("cname:\\S+", "cname:*")
                .replaceAll("\\d+", "#");
    }
}
