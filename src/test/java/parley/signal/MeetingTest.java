package parley.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Whole meetings driven through SignalServer: joining, chat, state, leaving, and the limits every connection lives under. */
class MeetingTest {
    private final Harness h = new Harness();

    @Test
    void firstJoinOpensTheRoomAndMakesTheHost() {
        TestClient ada = h.client();
        JsonNode joined = ada.join("Team-Room", "Ada", "'audioMuted':true");
        assertEquals("host", joined.at("/you/role").asText());
        assertEquals("Ada", joined.at("/you/name").asText());
        assertTrue(joined.at("/you/audioMuted").asBoolean());
        assertEquals("team-room", joined.at("/room/name").asText(), "canonical name");
        assertFalse(joined.at("/room/hasPassword").asBoolean());
        assertEquals(0, joined.get("participants").size());
        assertEquals(0, joined.get("tracks").size());
        assertEquals(0, joined.get("lobby").size());
        assertEquals(0, joined.get("iceServers").size());
        assertEquals(43, ada.resume.length());
        assertEquals(1, h.server.roomCount());
        assertEquals(1, h.server.participantCount());
        assertEquals(1, h.media.opened);
    }

    @Test
    void laterJoinersAreParticipantsAndEveryoneIsTold() {
        TestClient ada = h.joined("team", "Ada");
        TestClient bo = h.client();
        JsonNode joined = bo.join("TEAM", "Bo", "");
        assertEquals("participant", joined.at("/you/role").asText());
        assertEquals(ada.id, joined.at("/participants/0/id").asText());
        assertEquals("host", joined.at("/participants/0/role").asText());
        assertEquals(bo.id, ada.take("participant-joined").at("/participant/id").asText());
        assertEquals(2, h.server.participantCount());
        assertEquals(1, h.server.roomCount());
    }

    @Test
    void chatGoesToEveryoneWithSenderAndServerTime() {
        TestClient ada = h.joined("team", "Ada");
        TestClient bo = h.joined("team", "Bo");
        h.advance(Duration.ofSeconds(5));
        bo.say("{'type':'chat','text':'hello all','to':null}");
        for (TestClient c : new TestClient[] {ada, bo}) {
            JsonNode m = c.take("chat");
            assertEquals(bo.id, m.get("from").asText());
            assertEquals("Bo", m.get("name").asText());
            assertEquals("hello all", m.get("text").asText());
            assertEquals(h.time.millis(), m.get("ts").asLong());
            assertTrue(m.get("to").isNull());
            assertFalse(m.get("private").asBoolean());
        }
    }

    @Test
    void privateChatReachesOnlyTheTwo() {
        TestClient ada = h.joined("team", "Ada");
        TestClient bo = h.joined("team", "Bo");
        TestClient cy = h.joined("team", "Cy");
        ada.say("{'type':'chat','text':'psst','to':'" + cy.id + "'}");
        JsonNode got = cy.take("chat");
        assertTrue(got.get("private").asBoolean());
        assertEquals(cy.id, got.get("to").asText());
        assertEquals("psst", ada.take("chat").get("text").asText(), "sender's copy");
        bo.assertNo("chat");
        ada.say("{'type':'chat','text':'psst','to':'pnobody'}");
        ada.error("not-found");
    }

    @Test
    void ownStateIsBroadcast() {
        TestClient ada = h.joined("team", "Ada");
        TestClient bo = h.joined("team", "Bo");
        bo.say("{'type':'update','handRaised':true,'videoMuted':true,'avatar':'data:image/png;base64,iVBORw0KGgo='}");
        for (TestClient c : new TestClient[] {ada, bo}) {
            JsonNode p = c.take("participant-updated").get("participant");
            assertTrue(p.get("handRaised").asBoolean());
            assertTrue(p.get("videoMuted").asBoolean());
            assertTrue(p.path("avatar").isMissingNode(), "an update carries no avatar: " + p);
            JsonNode a = c.take("avatar"); // the new picture, once
            assertEquals(bo.id, a.get("participantId").asText());
            assertEquals("data:image/png;base64,iVBORw0KGgo=", a.get("avatar").asText());
        }
        bo.say("{'type':'update','handRaised':true}");
        ada.assertNo("participant-updated"); // nothing changed, nothing sent
        bo.say("{'type':'update','handRaised':false}");
        ada.take("participant-updated");
        ada.assertNo("avatar"); // the picture did not change: not sent again
        bo.say("{'type':'update','avatar':null}");
        assertTrue(ada.take("avatar").get("avatar").isNull());
        ada.assertNo("participant-updated");
    }

    /** An avatar data URL of exactly {@code chars} characters. */
    static String avatar(int chars) {
        String prefix = "data:image/png;base64,";
        return prefix + "A".repeat(chars - prefix.length());
    }

    @Test
    void avatarsShareOneBudgetPerRoomSoThatJoinedStaysDeliverable() {
        Harness small = new Harness(Harness.testConfig().roomAvatarChars(100));
        TestClient ada = small.client();
        assertEquals(avatar(60), ada.join("team", "Ada", "'avatar':'" + avatar(60) + "'").at("/you/avatar").asText());
        TestClient bo = small.client();
        JsonNode joined = bo.join("team", "Bo", "'avatar':'" + avatar(60) + "'");
        assertTrue(joined.at("/you/avatar").isNull(), "60 + 60 > 100: admitted without it");

        bo.say("{'type':'update','avatar':'" + avatar(40) + "'}"); // 60 + 40 = 100: fits
        assertEquals(avatar(40), ada.take("avatar").get("avatar").asText());
        bo.say("{'type':'update','avatar':'" + avatar(41) + "','handRaised':true}");
        assertEquals("update", bo.error("too-large").get("ref").asText());
        ada.assertNo("participant-updated"); // the whole update had no effect
        ada.say("{'type':'update','avatar':'" + avatar(60) + "'}"); // her own old one does not count against her
        ada.assertNo("error");
        ada.say("{'type':'update','avatar':null}");
        bo.clear();
        bo.say("{'type':'update','avatar':'" + avatar(41) + "'}");
        assertEquals("update", bo.error("rate-limited").get("ref").asText(), "100 avatar characters sent lately");
        small.advance(Duration.ofSeconds(16));
        bo.say("{'type':'update','avatar':'" + avatar(41) + "'}");
        assertEquals(avatar(41), bo.take("avatar").get("avatar").asText());
    }

    @Test
    void ownStateChangesAreLimitedToTwoASecondWithBurstsOfTen() {
        TestClient ada = h.joined("team", "Ada");
        TestClient bo = h.joined("team", "Bo");
        bo.clear();
        for (int i = 0; i < 10; i++) ada.say("{'type':'update','handRaised':" + (i % 2 == 0) + "}");
        assertEquals(10, bo.inbox.size(), "the burst of ten reaches everyone");
        ada.say("{'type':'update','handRaised':true}");
        assertEquals("update", ada.error("rate-limited").get("ref").asText());
        assertEquals(10, bo.inbox.size(), "the eleventh had no effect");
        h.advance(Duration.ofMillis(500));
        ada.say("{'type':'update','handRaised':true}");
        assertEquals(11, bo.inbox.size(), "one more after half a second");
    }

    @Test
    void theLastLeaveEndsTheRoomAndTheNameStartsAfresh() {
        TestClient ada = h.joined("team", "Ada");
        TestClient bo = h.joined("team", "Bo");
        bo.say("{'type':'leave'}");
        bo.assertClosed(1000, "left");
        assertEquals(bo.id, ada.take("participant-left").get("participantId").asText());
        ada.connection.onClose(); // the tab went away
        assertEquals(0, h.server.roomCount());
        assertEquals(0, h.server.participantCount());
        assertEquals(1, h.media.closed);
        JsonNode again = h.client().join("team", "Cy", "");
        assertEquals("host", again.at("/you/role").asText(), "a new room");
        assertEquals(0, again.get("participants").size());
    }

    @Test
    void beforeJoiningOnlyPingAndJoinWork() {
        TestClient c = h.client();
        c.say("{'type':'ping'}");
        c.take("pong");
        c.say("{'type':'chat','text':'hi'}");
        assertEquals("chat", c.error("not-joined").get("ref").asText());
        c.join("team", "Ada", "");
        c.say("{'type':'join','room':'other','name':'Ada'}");
        c.error("already-joined");
        c.say("{'type':'ping'}");
        c.take("pong");
    }

    @Test
    void badMessagesAnswerTheSenderAndNoOneElse() {
        TestClient ada = h.joined("team", "Ada");
        TestClient bo = h.joined("team", "Bo");
        ada.clear();
        String[] bad = {"nonsense", "[]", "{'type':'chat','text':5}", "{'type':'chat','text':'a','text':'b'}",
            "{'type':'warp'}", "{'type':'update','avatar':'data:text/html;base64,AA=='}", "{'type':'kick','participantId':7}"};
        for (String b : bad) {
            bo.say(b);
            bo.error("bad-request");
        }
        assertTrue(ada.inbox.isEmpty(), "no effect on anyone else: " + ada.inbox);
        bo.say("{'type':'chat','text':'still here'}");
        assertEquals("still here", ada.take("chat").get("text").asText());
        assertEquals(7L, h.server.errorCounts().get("bad-request"));
    }

    @Test
    void framesOverTheLimitAreTooLarge() {
        TestClient ada = h.joined("team", "Ada");
        String padding = "x".repeat(65_536 - "{'type':'ping','pad':''}".length());
        ada.say("{'type':'ping','pad':'" + padding + "'}");
        ada.take("pong"); // exactly 65536 characters: fine
        ada.say("{'type':'ping','pad':'" + padding + "x'}");
        assertTrue(ada.error("too-large").get("message").asText().contains("65537"));
        ada.say("{'type':'ping','pad':'" + "y".repeat(1 << 20) + "'}");
        ada.error("too-large");
    }

    @Test
    void overTheRateMessagesAreDroppedAndAFloodCloses() {
        TestClient ada = h.joined("team", "Ada");
        ada.clear();
        for (int i = 0; i < 99; i++) ada.say("{'type':'ping'}"); // the join took one token of 100
        assertEquals(99, ada.inbox.size());
        ada.clear();
        ada.say("{'type':'ping'}");
        ada.error("rate-limited");
        h.advance(Duration.ofMillis(20)); // 50/s: one token back
        ada.say("{'type':'ping'}");
        ada.take("pong");
        for (int i = 0; i < 100; i++) ada.say("{'type':'ping'}");
        ada.assertClosed(1008, "message rate exceeded");
        assertEquals(0, h.server.participantCount(), "a closed connection leaves the room");
    }

    @Test
    void aSustainedFloodClosesEvenThoughTheRateLetsSomeMessagesThrough() {
        TestClient ada = h.joined("team", "Ada");
        int sent = 0;
        while (ada.closeCode == null && sent < 1000) { // 200 messages/s: one in four gets through after the burst
            ada.say("{'type':'ping'}");
            h.advance(Duration.ofMillis(5));
            sent++;
        }
        ada.assertClosed(1008, "message rate exceeded");
        assertTrue(sent < 400, "closed after " + sent + " messages (expected: within 2 s of flooding)");
    }

    @Test
    void slightlyOverTheRateIsDroppedButNeverClosed() {
        TestClient ada = h.joined("team", "Ada");
        for (int i = 0; i < 60 * 55; i++) { // 55 messages/s for a minute: about 5 drops a second, forgiven at 10/s
            ada.say("{'type':'ping'}");
            h.advance(Duration.ofNanos(1_000_000_000L / 55));
        }
        assertNull(ada.closeCode, "never closed");
        assertTrue(ada.inbox.stream().anyMatch(m -> m.path("code").asText().equals("rate-limited")), "some messages were dropped");
    }

    @Test
    void silentConnectionsAreClosedAndPingKeepsThemOpen() {
        TestClient ada = h.joined("team", "Ada");
        TestClient bo = h.joined("team", "Bo");
        bo.answersPings = false; // vanished: no FIN, no pong
        ada.answersPings = false; // its own pings alone keep it in
        for (int i = 0; i < 8; i++) {
            h.advance(Duration.ofSeconds(10));
            ada.say("{'type':'ping'}");
        }
        assertNull(ada.closeCode);
        bo.assertClosed(1000, "idle");
        assertEquals(bo.id, ada.take("participant-left").get("participantId").asText());
    }

    @Test
    void aSilentClientIsPingedAndGoneWithin30sUnlessItPongs() {
        TestClient ada = h.joined("team", "Ada");
        TestClient bo = h.joined("team", "Bo");
        TestClient cy = h.joined("team", "Cy"); // silent, but it answers WebSocket pings as a browser does
        bo.answersPings = false; // vanished
        for (int s = 0; s < 26; s++) {
            h.advance(Duration.ofSeconds(1));
            ada.say("{'type':'ping'}");
        }
        assertEquals(1, bo.pings, "one WebSocket ping after 7.5 s of silence");
        assertTrue(cy.pings >= 1, "Cy was pinged too");
        assertEquals(0, ada.pings, "a talking client is never pinged");
        bo.assertClosed(1000, "idle");
        assertNull(cy.closeCode, "a pong keeps a silent client in");
        assertNull(ada.closeCode);
        assertEquals(bo.id, ada.take("participant-left").get("participantId").asText(), "gone for the others");
    }

    @Test
    void shuttingDownClosesEveryConnectionAndRoom() {
        TestClient ada = h.joined("one", "Ada");
        TestClient bo = h.joined("two", "Bo");
        TestClient idle = h.client();
        h.server.close();
        ada.assertClosed(1001, "server shutting down");
        bo.assertClosed(1001, "server shutting down");
        idle.assertClosed(1001, "server shutting down");
        assertEquals(0, h.server.roomCount());
    }
}
