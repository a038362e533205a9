package parley.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Reactions, the raised-hand queue and polls, through whole sessions (docs/protocol.md, "Reactions, hands and polls"). */
class SocialSignalTest {
    private static final String CLAP = "\uD83D\uDC4F";
    private final Harness h = new Harness();
    private final TestClient host = h.joined("team", "Hana");
    private final TestClient bo = h.joined("team", "Bo");
    private final TestClient cy = h.joined("team", "Cy");

    private void clearAll() {
        host.clear();
        bo.clear();
        cy.clear();
    }

    private String opensPoll(String extra) {
        host.say("{'type':'create-poll','question':'Lunch?','options':['Pizza','Soup']" + extra + "}");
        String id = bo.take("poll").at("/poll/id").asText();
        clearAll();
        return id;
    }

    @Test
    void aReactionReachesEveryoneWithItsSender() {
        bo.say("{'type':'react','emoji':'" + CLAP + "'}");
        for (TestClient c : new TestClient[] {host, bo, cy}) {
            JsonNode r = c.take("reaction");
            assertEquals(bo.id, r.get("participantId").asText());
            assertEquals(CLAP, r.get("emoji").asText());
        }
    }

    @Test
    void onlyTheFixedReactionsPassAndTheirRateIsLimited() {
        bo.say("{'type':'react','emoji':'<b>hi</b>'}");
        assertTrue(bo.error("bad-request").get("message").asText().contains("one of"));
        bo.say("{'type':'react','emoji':'\u2764'}"); // the heart without its variation selector is not in the set
        bo.error("bad-request");
        for (int i = 0; i < ReactionHandler.BURST; i++) bo.say("{'type':'react','emoji':'" + CLAP + "'}");
        bo.say("{'type':'react','emoji':'" + CLAP + "'}");
        assertEquals("react", bo.error("rate-limited").get("ref").asText());
        assertEquals(1L, h.server.errorCounts().get("rate-limited"));
        assertEquals(ReactionHandler.BURST, cy.inbox.stream().filter(m -> m.path("type").asText().equals("reaction")).count());
        h.advance(Duration.ofSeconds(1));
        cy.clear();
        bo.say("{'type':'react','emoji':'" + CLAP + "'}");
        cy.take("reaction");
    }

    @Test
    void handsQueueInTheOrderTheyWentUpAndAModeratorLowersOne() {
        cy.say("{'type':'update','handRaised':true}");
        h.advance(Duration.ofMillis(5));
        bo.say("{'type':'update','handRaised':true}");
        long cyAt = host.take("participant-updated").at("/participant/handRaisedAt").asLong();
        long boAt = host.take("participant-updated").at("/participant/handRaisedAt").asLong();
        assertTrue(cyAt < boAt, "Cy's hand went up first: " + cyAt + " < " + boAt);

        TestClient dee = h.client();
        JsonNode joined = dee.join("team", "Dee", "");
        assertEquals(cyAt, joined.at("/participants/2/handRaisedAt").asLong(), "a newcomer sees the queue's times");
        assertTrue(joined.at("/participants/0/handRaisedAt").isNull(), "no time for a hand that is down");
        clearAll();

        cy.say("{'type':'lower-hand','participantId':'" + bo.id + "'}");
        cy.error("forbidden");
        host.say("{'type':'lower-hand','participantId':'" + cy.id + "'}");
        assertEquals(host.id, cy.take("hand-lowered").get("by").asText());
        JsonNode lowered = bo.take("participant-updated").get("participant");
        assertEquals(cy.id, lowered.get("id").asText());
        assertFalse(lowered.get("handRaised").asBoolean());
        assertTrue(lowered.get("handRaisedAt").isNull());
        host.say("{'type':'lower-hand','participantId':'" + cy.id + "'}"); // already down: nothing happens
        bo.assertNo("participant-updated");

        bo.say("{'type':'update','handRaised':false}"); // everyone lowers their own hand with update
        assertFalse(host.take("participant-updated").at("/participant/handRaised").asBoolean());
    }

    @Test
    void onlyModeratorsOpenAndCloseAPollAndEveryoneGetsIt() {
        bo.say("{'type':'create-poll','question':'Lunch?','options':['Pizza','Soup']}");
        bo.error("forbidden");
        host.say("{'type':'create-poll','question':'  Lunch?  ','options':['Pizza',' Soup'],'anonymous':false}");
        for (TestClient c : new TestClient[] {host, bo, cy}) {
            JsonNode poll = c.take("poll").get("poll");
            assertEquals("Lunch?", poll.get("question").asText());
            assertEquals("Soup", poll.at("/options/1/text").asText());
            assertEquals(0, poll.at("/options/0/count").asInt());
            assertEquals(host.id, poll.get("createdBy").asText());
            assertTrue(poll.get("yourVote").isNull());
        }
        cy.say("{'type':'close-poll','pollId':'poll-1'}");
        cy.error("forbidden");
        host.say("{'type':'close-poll','pollId':'poll-1'}");
        assertEquals(host.id, bo.take("poll-closed").get("by").asText());
        host.say("{'type':'close-poll','pollId':'poll-1'}");
        host.error("not-found");
    }

    @Test
    void oneVotePerParticipantWithLiveCountsAndNames() {
        String id = opensPoll("");
        bo.say("{'type':'vote','pollId':'" + id + "','option':1}");
        JsonNode mine = bo.take("poll-vote");
        assertEquals(1, mine.get("yours").asInt());
        JsonNode seen = cy.take("poll-vote");
        assertEquals("[0,1]", seen.get("counts").toString());
        assertEquals("Bo", seen.at("/voter/name").asText());
        assertEquals(1, seen.get("option").asInt());
        assertTrue(seen.get("yours").isNull());

        bo.say("{'type':'vote','pollId':'" + id + "','option':0}");
        assertEquals("vote", bo.error("already-voted").get("ref").asText());
        cy.assertNo("poll-vote");
        assertEquals(1L, h.server.errorCounts().get("already-voted"));

        cy.say("{'type':'vote','pollId':'" + id + "','option':2}");
        cy.error("bad-request");
        cy.say("{'type':'vote','pollId':'poll-99','option':0}");
        cy.error("not-found");
    }

    @Test
    void anAnonymousPollNamesNobody() {
        String id = opensPoll(",'anonymous':true");
        bo.say("{'type':'vote','pollId':'" + id + "','option':0}");
        JsonNode seen = cy.take("poll-vote");
        assertEquals("[1,0]", seen.get("counts").toString());
        assertTrue(seen.get("voter").isNull());
        assertTrue(seen.get("option").isNull());
        assertEquals(0, bo.take("poll-vote").get("yours").asInt(), "only the voter hears their own choice");
        JsonNode late = h.client().join("team", "Dee", "").at("/polls/0");
        assertTrue(late.at("/options/0/voters").isNull(), "no voters in an anonymous poll: " + late);
        assertFalse(late.toString().contains("Bo"), late.toString());
    }

    @Test
    void newcomersGetTheOpenPollsAndAReturningVoterStillHasVoted() {
        String id = opensPoll("");
        bo.say("{'type':'vote','pollId':'" + id + "','option':0}");
        TestClient dee = h.client();
        JsonNode poll = dee.join("team", "Dee", "").at("/polls/0");
        assertEquals(id, poll.get("id").asText());
        assertEquals("Bo", poll.at("/options/0/voters/0/name").asText());
        assertEquals(1, poll.at("/options/0/count").asInt());
        assertTrue(poll.get("yourVote").isNull());

        bo.connection.onClose();
        TestClient back = h.client();
        JsonNode again = back.join("team", "Bo", "'resume':'" + bo.resume + "'");
        assertEquals(0, again.at("/polls/0/yourVote").asInt());
        back.say("{'type':'vote','pollId':'" + id + "','option':1}");
        back.error("already-voted");
    }

    @Test
    void textLengthsOptionCountsAndOpenPollsAreLimited() {
        String longQuestion = "q".repeat(ClientMessage.CreatePoll.MAX_QUESTION + 1);
        host.say("{'type':'create-poll','question':'" + longQuestion + "','options':['a','b']}");
        assertTrue(host.error("bad-request").get("message").asText().contains("question of 301"));
        host.say("{'type':'create-poll','question':'Q','options':['only one']}");
        host.error("bad-request");
        host.say("{'type':'create-poll','question':'Q','options':['a','b','c','d','e','f','g','h','i','j','k']}");
        host.error("bad-request");
        host.say("{'type':'create-poll','question':'Q','options':['a','a']}");
        assertTrue(host.error("bad-request").get("message").asText().contains("repeats"));
        host.say("{'type':'create-poll','question':'Q','options':['a','" + "o".repeat(101) + "']}");
        host.error("bad-request");
        host.say("{'type':'create-poll','question':' ','options':['a','b']}");
        host.error("bad-request");
        for (int i = 0; i < 5; i++) host.say("{'type':'create-poll','question':'Q','options':['a','b']}");
        host.say("{'type':'create-poll','question':'Q','options':['a','b']}");
        host.error("poll-limit");
        assertEquals(1L, h.server.errorCounts().get("poll-limit"));
    }

    @Test
    void pollsGoWithTheRoom() {
        opensPoll("");
        for (TestClient c : new TestClient[] {host, bo, cy}) c.say("{'type':'leave'}");
        JsonNode joined = h.client().join("team", "Hana", "");
        assertEquals("host", joined.at("/you/role").asText(), "a new room");
        assertEquals(0, joined.get("polls").size());
    }
}
