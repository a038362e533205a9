package parley.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * docs/protocol.md, "Media negotiation", "What you see", "Meeting messages" and "Moderation",
 * over the real stack: garbage and mutated offers, bad and flooding views, oversized avatars
 * and forbidden actions, each by an offender while two honest participants sit in the room
 * ({@link HonestPair} says what that proves).
 */
class HostileMeetingTest {
    private static LiveServer server;
    private HonestPair honest;

    @BeforeAll
    static void startServer() throws Exception {
        server = LiveServer.start();
    }

    @AfterAll
    static void stopServerAndCheckLogs() {
        HonestPair.checkLogsAndStop(server);
    }

    @BeforeEach
    void meeting() throws Exception {
        honest = HonestPair.open(server);
    }

    @Test
    void garbageOffersAreRefusedAndTheSameConnectionCanNegotiateAfterwards() throws Exception {
        WsPeer mallory = honest.joinedOffender();
        mallory.setAside("forwarding", "send-layers");
        String chrome = Sdp.fixture("chrome-156-offer.sdp");
        List<String> garbage = List.of(
                "hello, I am an SDP",
                "v=0\r\n",
                "v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\nm=audio x y z\r\n",
                "v=0\r\n" + "a=".repeat(5000),
                chrome.replaceAll("a=fingerprint:[^\r\n]*", "a=fingerprint:sha-256 ZZ:ZZ"),
                chrome.replaceAll("a=ice-ufrag:[^\r\n]*\r\n", ""),
                chrome.replace("UDP/TLS/RTP/SAVPF", "RTP/AVP"),
                chrome.substring(0, chrome.length() / 3));
        for (String sdp : garbage) {
            mallory.send("type", "offer", "sdp", sdp, "send", List.of(), "recv", List.of());
            JsonNode e = mallory.next("error");
            assertTrue(e.path("code").asText().equals("bad-request") && e.path("ref").asText().equals("offer"),
                    "garbage SDP: " + e);
        }
        mallory.send("type", "offer", "sdp", chrome, "send", List.of(Map.of("mid", "9", "source", "mic")),
                "recv", List.of());
        mallory.error("bad-request", "offer"); // the SDP has no mid 9
        mallory.send("type", "offer", "sdp", chrome, "send", List.of(), "recv", List.of(Map.of("mid", "9", "kind", "audio")));
        mallory.error("bad-request", "offer"); // nor as a slot
        mallory.send("type", "offer", "sdp", chrome, "send", List.of(), "recv", List.of(Map.of("mid", "2", "kind", "video")));
        mallory.error("bad-request", "offer"); // mid 2 is an audio m-line
        mallory.send("type", "offer", "sdp", chrome, "send", List.of(), "recv", List.of(Map.of("mid", "2", "trackId", "t-nobody")));
        mallory.error("bad-request", "offer"); // the old protocol's recv entries are not slots
        mallory.send("type", "offer", "sdp", chrome, "send", List.of(), "recv", List.of(Map.of("mid", "2", "kind", "audio")));
        String answer = mallory.next("answer").path("sdp").asText();
        assertTrue(answer.contains("a=ice-lite") && answer.contains(" " + server.mediaPort() + " typ host"), answer);

        honest.barrier(mallory); // nothing was published: the honest two get no tracks
        honest.errorsRose("bad-request", garbage.size() + 4);
        honest.stillChatting(mallory);
    }

    @Test
    void mutatedChromeOffersGetAnAnswerOrAnErrorAndNeverABug() throws Exception {
        WsPeer mallory = honest.joinedOffender();
        mallory.setAside("forwarding", "send-layers"); // each answer's forwarding comes on the media plane's time
        String[] lines = Sdp.fixture("chrome-156-offer.sdp").split("\r\n");
        Random random = new Random(1156);
        int answers = 0;
        for (int i = 0; i < 80; i++) { // under the burst of 100: no rate limiting in the way
            mallory.send("type", "offer", "sdp", mutate(lines, random), "send", List.of(), "recv", List.of());
            JsonNode reply = mallory.next();
            if (reply.path("type").asText().equals("answer")) {
                answers++;
            } else {
                assertEquals("error bad-request offer", reply.path("type").asText() + " "
                        + reply.path("code").asText() + " " + reply.path("ref").asText(), reply.toString());
            }
        }
        assertTrue(answers > 0 && answers < 80, answers + " answers (expected: some mutations harmless, some not)");
        assertFalse(server.logs().text().contains("negotiation failed"), server.logs().tail(5));
        honest.barrier(mallory);
        honest.stillChatting(mallory);
    }

    @Test
    void badViewsAreRefusedAndAFloodOfViewsReachesNobody() throws Exception {
        WsPeer mallory = honest.joinedOffender();
        mallory.setAside("forwarding", "send-layers");
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 65; i++) many.append(i > 0 ? "," : "").append("{\"trackId\":\"t").append(i).append("\",\"height\":180}");
        List<String> bad = List.of(
                "{\"type\":\"view\",\"video\":[" + many + "]}",
                "{\"type\":\"view\",\"video\":[{\"trackId\":\"t1\",\"height\":180},{\"trackId\":\"t1\",\"height\":720}]}",
                "{\"type\":\"view\",\"video\":[{\"trackId\":\"t1\",\"height\":-1}]}",
                "{\"type\":\"view\",\"video\":[{\"trackId\":\"t1\",\"height\":4321}]}",
                "{\"type\":\"view\",\"video\":[{\"trackId\":\"t1\",\"height\":1.5}]}",
                "{\"type\":\"view\",\"video\":[{\"trackId\":\"t1\",\"height\":\"5\"}]}",
                "{\"type\":\"view\",\"video\":[],\"speakerHeight\":4321}",
                "{\"type\":\"view\"}");
        for (String frame : bad) {
            mallory.send(frame);
            mallory.error("bad-request", "view");
        }
        // A view before any offer, of tracks that do not exist, and a burst of them: all fine, and silent.
        mallory.send("type", "view", "video", List.of(Map.of("trackId", "t-nobody", "height", 720)), "speakerHeight", 360);
        for (int i = 0; i < 80; i++) { // under the burst of 100: no rate limiting in the way
            mallory.sendNoWait("{\"type\":\"view\",\"video\":[{\"trackId\":\"t" + i + "\",\"height\":" + (i * 50) + "}]}");
        }
        honest.barrier(mallory); // the views caused nothing for anyone, nor any error for Mallory
        mallory.send("type", "offer", "sdp", Sdp.fixture("aiortc-1.4.0-offer.sdp"), "send", List.of(),
                "recv", List.of(Map.of("mid", "2", "kind", "audio"), Map.of("mid", "3", "kind", "video")));
        mallory.next("answer");
        RealMediaNegotiationTest.assertForwardingOfEmptySlots(mallory.nextSetAside("forwarding"), "2:audio", "3:video");
        honest.errorsRose("bad-request", bad.size());
        honest.stillChatting(mallory);
    }

    @Test
    void maximalAvatarsCannotStopNewcomersFromJoining() throws Exception {
        String avatar = "data:image/png;base64," + "A".repeat(49_152 - 22); // the largest avatar allowed
        List<WsPeer> offenders = new ArrayList<>();
        int withAvatar = 0;
        for (int i = 0; i < 24; i++) { // 24 x 48 Ki characters: more than the 1 Mi a connection may have queued
            WsPeer o = server.connect();
            o.send("type", "join", "room", honest.room, "name", HonestPair.MALLORY, "avatar", avatar);
            JsonNode joined = o.next("joined");
            o.id = joined.at("/you/id").asText();
            if (!joined.at("/you/avatar").isNull()) withAvatar++;
            honest.seeFirst("participant-joined", o);
            offenders.add(o);
        }
        assertEquals(10, withAvatar, "the room's 512 Ki characters of avatars hold ten of the largest");

        WsPeer newcomer = server.connect();
        newcomer.send("type", "join", "room", honest.room, "name", "Evadne");
        JsonNode joined = newcomer.next("joined");
        newcomer.id = joined.at("/you/id").asText();
        assertEquals(2 + offenders.size(), joined.path("participants").size());
        honest.seeFirst("participant-joined", newcomer);
        newcomer.send("type", "update", "avatar", avatar);
        newcomer.error("too-large", "update");
        honest.stillChatting(newcomer);
        for (WsPeer o : offenders) o.close();
    }

    @Test
    void moderationByAParticipantIsForbiddenAndUnknownIdsAreNotFound() throws Exception {
        WsPeer mallory = honest.joinedOffender();
        mallory.send("type", "kick", "participantId", honest.alice.id, "reason", "bye");
        mallory.error("forbidden", "kick");
        mallory.send("type", "mute", "participantId", null, "kind", "audio");
        mallory.error("forbidden", "mute");
        mallory.send("type", "set-lock", "locked", true);
        mallory.error("forbidden", "set-lock");
        mallory.send("type", "set-password", "password", "mine");
        mallory.error("forbidden", "set-password");
        mallory.send("type", "end-meeting");
        mallory.error("forbidden", "end-meeting");
        mallory.send("type", "rotate", "newPassword", true);
        mallory.error("forbidden", "rotate");
        mallory.send("type", "chat", "text", HonestPair.CHAT, "to", "p-nobody");
        mallory.error("not-found", "chat");

        honest.barrier(mallory);
        honest.errorsRose("forbidden", 6);
        honest.errorsRose("not-found", 1);
        honest.stillChatting(mallory);
    }

    /** The offer with one random change: a line dropped, doubled or cut, or a character replaced. */
    private static String mutate(String[] lines, Random random) {
        List<String> out = new ArrayList<>(List.of(lines));
        int at = random.nextInt(out.size());
        String line = out.get(at);
        switch (random.nextInt(4)) {
            case 0 -> out.remove(at);
            case 1 -> out.add(at, line);
            case 2 -> out.set(at, line.substring(0, random.nextInt(line.length() + 1)));
            default -> {
                char[] chars = line.toCharArray();
                String replacements = " :=/-0x\u00e9~";
                if (chars.length > 0) chars[random.nextInt(chars.length)] = replacements.charAt(random.nextInt(replacements.length()));
                out.set(at, new String(chars));
            }
        }
        return String.join("\r\n", out) + "\r\n";
    }
}
