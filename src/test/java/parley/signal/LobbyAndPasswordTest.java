package parley.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Passwords (slowed guessing, never sent) and the lobby (knock, admit, deny, limits). */
class LobbyAndPasswordTest {
    private static final String PASSWORD = "open sesame";
    private final Harness h = new Harness(Harness.testConfig().lobbyCapacity(3).knockRate(1, 5));
    private final TestClient host = h.joined("team", "Hana");
    private final TestClient bo = h.joined("team", "Bo");

    private void setPassword() {
        bo.clear();
        host.say("{'type':'set-password','password':'" + PASSWORD + "'}");
        assertTrue(bo.take("room-updated").at("/room/hasPassword").asBoolean());
    }

    @Test
    void aPasswordIsRequiredAndWrongGuessesAreAnsweredLaterAndLater() {
        setPassword();
        TestClient eve = h.client();
        eve.say("{'type':'join','room':'team','name':'Eve'}");
        eve.error("password-required");
        eve.say("{'type':'join','room':'team','name':'Eve','password':'guess1'}");
        eve.assertNo("error");
        eve.say("{'type':'join','room':'team','name':'Eve','password':'guess-while-waiting'}");
        eve.error("already-joined"); // one guess at a time per connection
        h.advance(Duration.ofMillis(499));
        eve.assertNo("error");
        h.advance(Duration.ofMillis(1));
        eve.error("wrong-password");
        eve.say("{'type':'join','room':'team','name':'Eve','password':'guess2'}");
        h.advance(Duration.ofMillis(999));
        eve.assertNo("error");
        h.advance(Duration.ofMillis(1));
        eve.error("wrong-password");
        eve.join("team", "Eve", "'password':'" + PASSWORD + "'");
    }

    @Test
    void manyConnectionsGuessingAtOnceAreSpacedOutPerRoom() {
        setPassword();
        List<TestClient> guessers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            TestClient g = h.client();
            g.say("{'type':'join','room':'team','name':'G" + i + "','password':'wrong" + i + "'}");
            guessers.add(g);
        }
        TestClient friend = h.client();
        friend.say("{'type':'join','room':'team','name':'Friend','password':'" + PASSWORD + "'}");
        friend.assertNo("joined"); // queued behind the guesses: the room checks one at a time once failures pile up
        h.advance(Duration.ofMillis(500));
        int answered = (int) guessers.stream().filter(g -> g.has("error")).count();
        assertTrue(answered < 8, "not all eight guesses answered within 500 ms: " + answered);
        for (int s = 0; s < 30; s++) {
            h.advance(Duration.ofSeconds(1));
            host.say("{'type':'ping'}");
            bo.say("{'type':'ping'}");
        }
        friend.take("joined");
        for (TestClient g : guessers) g.error("wrong-password");
    }

    @Test
    void thePasswordIsNeverSentToAnyone() {
        host.say("{'type':'set-lobby','enabled':true}");
        setPassword();
        TestClient guest = h.client();
        guest.say("{'type':'join','room':'team','name':'Gus'}");
        guest.take("lobby-waiting");
        host.say("{'type':'admit','participantId':'" + host.take("lobby").at("/waiting/0/id").asText() + "'}");
        JsonNode joined = guest.take("joined");
        assertTrue(joined.at("/room/hasPassword").asBoolean());
        for (TestClient c : new TestClient[] {host, bo, guest}) {
            for (JsonNode m : c.inbox) assertFalse(m.toString().contains(PASSWORD), m.toString());
        }
        assertFalse(joined.toString().contains(PASSWORD));
    }

    @Test
    void guestsKnockModeratorsAdmit() {
        host.say("{'type':'set-lobby','enabled':true}");
        assertTrue(bo.take("room-updated").at("/room/lobby").asBoolean());
        TestClient gus = h.client();
        gus.say("{'type':'join','room':'team','name':'Gus'}");
        gus.take("lobby-waiting");
        JsonNode lobby = host.take("lobby");
        assertEquals("Gus", lobby.at("/waiting/0/name").asText());
        bo.assertNo("lobby"); // participants do not see the lobby
        String gusId = lobby.at("/waiting/0/id").asText();
        bo.say("{'type':'admit','participantId':'" + gusId + "'}");
        bo.error("forbidden");
        gus.say("{'type':'chat','text':'let me in'}");
        gus.error("not-joined");
        host.say("{'type':'admit','participantId':'" + gusId + "'}");
        JsonNode joined = gus.take("joined");
        assertEquals(gusId, joined.at("/you/id").asText(), "the lobby id becomes the participant id");
        assertEquals(0, host.take("lobby").get("waiting").size());
        assertEquals(gusId, bo.take("participant-joined").at("/participant/id").asText());
    }

    @Test
    void moderatorsDenyWithAMessage() {
        host.say("{'type':'set-lobby','enabled':true}");
        TestClient gus = h.client();
        gus.say("{'type':'join','room':'team','name':'Gus'}");
        String gusId = host.take("lobby").at("/waiting/0/id").asText();
        host.say("{'type':'deny','participantId':'" + gusId + "','message':'not today'}");
        assertEquals("not today", gus.take("denied").get("message").asText());
        gus.assertClosed(1000, "denied");
        host.say("{'type':'deny','participantId':'" + gusId + "'}");
        host.error("not-found");
    }

    @Test
    void admitAllDenyAllAndTurningTheLobbyOffLetsEveryoneIn() {
        host.say("{'type':'set-lobby','enabled':true}");
        TestClient a = h.clientFrom("192.0.2.1");
        TestClient b = h.clientFrom("192.0.2.2");
        TestClient c = h.clientFrom("192.0.2.3");
        a.say("{'type':'join','room':'team','name':'A'}");
        b.say("{'type':'join','room':'team','name':'B'}");
        host.say("{'type':'admit','all':true}");
        a.take("joined");
        b.take("joined");
        c.say("{'type':'join','room':'team','name':'C'}");
        host.say("{'type':'set-lobby','enabled':false}");
        c.take("joined");
        assertEquals(5, h.server.participantCount());
    }

    @Test
    void aCorrectPasswordBypassesTheLobby() {
        host.say("{'type':'set-lobby','enabled':true}");
        setPassword();
        TestClient friend = h.client();
        friend.join("team", "Friend", "'password':'" + PASSWORD + "'");
        TestClient other = h.client();
        other.say("{'type':'join','room':'team','name':'Other'}");
        other.take("lobby-waiting");
    }

    @Test
    void theLobbyIsCappedAndKnocksAreRateLimited() {
        host.say("{'type':'set-lobby','enabled':true}");
        for (int i = 0; i < 3; i++) h.clientFrom("192.0.2." + i).say("{'type':'join','room':'team','name':'G" + i + "'}").take("lobby-waiting");
        TestClient fourth = h.clientFrom("192.0.2.3");
        fourth.say("{'type':'join','room':'team','name':'G3'}");
        fourth.error("lobby-full");
        TestClient sameAddress = h.clientFrom("192.0.2.3");
        host.say("{'type':'deny','all':true}");
        for (int i = 0; i < 3; i++) h.clientFrom("192.0.2.3").say("{'type':'join','room':'team','name':'K" + i + "'}");
        sameAddress.say("{'type':'join','room':'team','name':'K3'}");
        sameAddress.error("lobby-full"); // one address may fill a fifth of the lobby (at least one place)
    }

    @Test
    void aGuestWhoLeavesTheLobbyIsRemovedAndLobbyGuestsEndWithTheRoom() {
        host.say("{'type':'set-lobby','enabled':true}");
        TestClient gus = h.client();
        gus.say("{'type':'join','room':'team','name':'Gus'}");
        host.take("lobby");
        gus.connection.onClose();
        assertEquals(0, host.take("lobby").get("waiting").size());
        TestClient kim = h.client();
        kim.say("{'type':'join','room':'team','name':'Kim'}");
        host.say("{'type':'leave'}");
        bo.say("{'type':'leave'}");
        kim.take("ended");
        kim.assertClosed(1000, "ended");
        assertEquals(0, h.server.roomCount());
    }

    @Test
    void aTrustedTeamMakesEveryoneAModerator() {
        Harness team = new Harness(Harness.testConfig().allModerators(true));
        assertEquals("host", team.client().join("t", "A", "").at("/you/role").asText());
        assertEquals("moderator", team.client().join("t", "B", "").at("/you/role").asText());
    }
}
