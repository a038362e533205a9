package parley.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Breakout rooms driven through whole sessions: open, move with tokens, isolation, choose, close, end. */
class BreakoutSignalTest {
    private final Harness h = new Harness(Harness.testConfig().passwordIterations(1000));
    private final TestClient host = h.joined("team", "Hana");
    private final TestClient bo = h.joined("team", "Bo");
    private final TestClient cy = h.joined("team", "Cy");

    private void open(boolean choose) {
        host.say("{'type':'breakouts-open','rooms':[{'name':'Ideas'},{}],'choose':" + choose + "}");
        JsonNode state = bo.take("breakouts");
        assertEquals("Ideas", state.at("/rooms/0/name").asText());
        assertEquals("Room 2", state.at("/rooms/1/name").asText());
        assertEquals(3, state.get("people").size());
    }

    /** Follows a {@code breakout-move} as a client does: leave, then join-move on a new connection. */
    private TestClient follow(TestClient c, String name) {
        JsonNode move = c.take("breakout-move");
        c.say("{'type':'leave'}");
        TestClient moved = h.client();
        moved.say("{'type':'join-move','token':'" + move.get("token").asText() + "','name':'" + name + "'}");
        JsonNode joined = moved.take("joined");
        moved.id = joined.at("/you/id").asText();
        moved.resume = joined.get("resume").asText();
        assertEquals(c.id, moved.id, "the mover keeps their participant id");
        return moved;
    }

    @Test
    void peopleInDifferentBreakoutsDoNotShareChatAndCloseBringsEveryoneBack() {
        open(false);
        host.say("{'type':'breakout-assign','participantId':'" + bo.id + "','breakout':'b1'}");
        host.say("{'type':'breakout-assign','participantId':'" + cy.id + "','breakout':'b2'}");
        assertEquals("Ideas", bo.inbox.stream().filter(m -> m.path("type").asText().equals("breakout-move"))
                .findFirst().orElseThrow().at("/breakout/name").asText());
        TestClient bo1 = follow(bo, "Bo");
        TestClient cy2 = follow(cy, "Cy");
        bo1.clear();
        cy2.clear();
        host.clear();
        bo1.say("{'type':'chat','text':'only for room one'}");
        assertFalse(cy2.has("chat"), "another breakout reads nothing");
        assertFalse(host.has("chat"), "the main room reads nothing");

        host.say("{'type':'breakouts-close'}");
        TestClient boBack = follow(bo1, "Bo");
        TestClient cyBack = follow(cy2, "Cy");
        host.clear();
        boBack.say("{'type':'chat','text':'back together'}");
        assertEquals("back together", host.take("chat").get("text").asText());
        assertEquals("back together", cyBack.take("chat").get("text").asText());
        JsonNode last = null;
        while (host.has("breakouts")) last = host.take("breakouts");
        assertTrue(last == null || last.get("rooms").isEmpty(), "no breakouts any more: " + last);
    }

    @Test
    void aTokenIsForOneJoinAndAGuessedOneIsRefused() {
        open(false);
        TestClient stranger = h.client();
        stranger.say("{'type':'join-move','token':'made-up-token','name':'Eve'}");
        assertEquals("join", stranger.error("move-refused").get("ref").asText());
        host.say("{'type':'breakout-assign','participantId':'" + bo.id + "','breakout':'b1'}");
        String token = bo.take("breakout-move").get("token").asText();
        joinMove(token, "Bo").take("joined");
        joinMove(token, "Eve").error("move-refused");
    }

    @Test
    void aMoveTokenExpires() {
        open(false);
        host.say("{'type':'breakout-assign','participantId':'" + bo.id + "','breakout':'b1'}");
        String token = bo.take("breakout-move").get("token").asText();
        h.advance(Duration.ofMillis(BreakoutHandler.MOVE_TTL_MS + 1));
        joinMove(token, "Bo").error("move-refused");
    }

    /** A new connection presenting {@code token}. */
    private TestClient joinMove(String token, String name) {
        TestClient c = h.client();
        c.say("{'type':'join-move','token':'" + token + "','name':'" + name + "'}");
        return c;
    }

    @Test
    void someoneArrivingAfterTheCloseIsSentBackAtOnce() {
        open(false);
        host.say("{'type':'breakout-assign','participantId':'" + bo.id + "','breakout':'b1'}");
        host.say("{'type':'breakouts-close'}");
        TestClient late = follow(bo, "Bo");
        assertTrue(late.inbox.stream().filter(m -> m.path("type").asText().equals("breakout-move")).findFirst()
                .orElseThrow().get("breakout").isNull(), "back to the main room");
        follow(late, "Bo");
        assertEquals(3, h.server.participantCount());
    }

    @Test
    void participantsChooseOnlyWhenAllowedAndOnlyModeratorsAssign() {
        open(false);
        bo.say("{'type':'breakout-choose','breakout':'b1'}");
        bo.error("forbidden");
        bo.say("{'type':'breakout-assign','participantId':'" + cy.id + "','breakout':'b1'}");
        bo.error("forbidden");
        bo.say("{'type':'breakouts-close'}");
        bo.error("forbidden");
        host.say("{'type':'breakout-assign','participantId':'" + cy.id + "','breakout':'b7'}");
        host.error("not-found");
        host.say("{'type':'breakouts-close'}");

        host.say("{'type':'breakouts-open','rooms':[{},{}],'choose':true}");
        bo.say("{'type':'breakout-choose','breakout':'b2'}");
        TestClient bo2 = follow(bo, "Bo");
        bo2.say("{'type':'breakout-choose','breakout':null}");
        follow(bo2, "Bo");
        assertEquals(3, h.server.participantCount());
    }

    @Test
    void moderatorsOfTheMainRoomModerateBreakoutsAndTheMainRoomOutlivesBeingEmpty() {
        open(false);
        host.say("{'type':'breakout-choose','breakout':'b1'}");
        JsonNode move = host.take("breakout-move");
        assertEquals(3, h.server.participantCount());
        host.say("{'type':'leave'}");
        TestClient hostIn = h.client();
        hostIn.say("{'type':'join-move','token':'" + move.get("token").asText() + "','name':'Hana'}");
        assertEquals("moderator", hostIn.take("joined").at("/you/role").asText());
        hostIn.say("{'type':'rotate'}");
        hostIn.error("forbidden");
        // everyone away: the main room must survive for their return
        bo.say("{'type':'leave'}");
        cy.say("{'type':'leave'}");
        hostIn.say("{'type':'breakout-choose','breakout':null}");
        JsonNode back = hostIn.take("breakout-move");
        assertTrue(back.get("breakout").isNull());
        hostIn.say("{'type':'leave'}");
        TestClient hostBack = h.client();
        hostBack.say("{'type':'join-move','token':'" + back.get("token").asText() + "','name':'Hana'}");
        assertEquals("host", hostBack.take("joined").at("/you/role").asText(), "the main room's role comes back");
    }

    @Test
    void ordinaryJoinsCannotNameABreakout() {
        open(false);
        TestClient guess = h.client();
        guess.say("{'type':'join','room':'~abc','name':'Eve'}");
        guess.error("bad-request");
        host.say("{'type':'breakout-assign','participantId':'" + bo.id + "','breakout':'b1'}");
        TestClient bo1 = follow(bo, "Bo");
        assertNull(bo1.closeCode);
        JsonNode state = null;
        while (bo1.has("breakouts")) state = bo1.take("breakouts");
        boolean seen = false;
        for (JsonNode p : state.get("people")) seen |= p.get("id").asText().equals(bo1.id) && p.get("breakout").asText().equals("b1");
        assertTrue(seen, "everyone sees where they are: " + state);
    }

    @Test
    void badBreakoutMessagesAreRefusedWithWhatWasWrong() {
        host.say("{'type':'breakouts-open','rooms':[]}");
        assertTrue(host.error("bad-request").get("message").asText().contains("expected: 1 to 20"));
        host.say("{'type':'breakouts-open','rooms':[" + "{},".repeat(20) + "{}]}");
        host.error("bad-request");
        host.say("{'type':'breakouts-open','rooms':[{'name':'a\\u202Eb'}]}");
        host.error("bad-request");
        host.say("{'type':'breakouts-close','delaySeconds':601}");
        host.error("bad-request");
        host.say("{'type':'breakouts-close'}");
        assertEquals("breakouts-close", host.error("not-found").get("ref").asText(), "no breakouts to close");
        TestClient raw = h.client();
        raw.say("{'type':'join-move','name':'Eve'}");
        raw.error("bad-request");
        bo.say("{'type':'join-move','token':'x','name':'Bo'}");
        bo.error("already-joined");
    }

    @Test
    void endingTheMeetingEndsItsBreakouts() {
        open(false);
        host.say("{'type':'breakout-assign','participantId':'" + bo.id + "','breakout':'b1'}");
        TestClient bo1 = follow(bo, "Bo");
        host.say("{'type':'end-meeting'}");
        bo1.take("ended");
        bo1.assertClosed(1000, "ended");
        h.advance(Duration.ofSeconds(60));
        assertEquals(0, h.server.roomCount());
    }
}
