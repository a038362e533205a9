package parley.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Roles, kicking, resuming, muting, locking, ending and rotating, driven through whole sessions. */
class ModerationTest {
    private final Harness h = new Harness();
    private final TestClient host = h.joined("team", "Hana");
    private final TestClient bo = h.joined("team", "Bo");
    private final TestClient cy = h.joined("team", "Cy");

    /** Lets time pass while the given clients ping every 20 s, as real clients do. */
    private void keepAlive(Duration d, TestClient... clients) {
        for (long s = 0; s < d.toSeconds(); s += 20) {
            h.advance(Duration.ofSeconds(Math.min(20, d.toSeconds() - s)));
            for (TestClient c : clients) c.say("{'type':'ping'}");
        }
    }

    private void clearAll() {
        host.clear();
        bo.clear();
        cy.clear();
    }

    @Test
    void hostGrantsAndTakesBackTheModeratorRole() {
        host.say("{'type':'set-role','participantId':'" + bo.id + "','role':'moderator'}");
        assertEquals("moderator", bo.take("role").get("role").asText());
        assertEquals(0, bo.take("lobby").get("waiting").size(), "a new moderator sees the lobby");
        assertEquals("moderator", cy.take("participant-updated").at("/participant/role").asText());
        bo.say("{'type':'set-role','participantId':'" + host.id + "','role':'participant'}");
        assertTrue(bo.error("forbidden").get("message").asText().contains("host"));
        host.say("{'type':'set-role','participantId':'" + bo.id + "','role':'participant'}");
        assertEquals("participant", bo.take("role").get("role").asText());
    }

    @Test
    void aKickedParticipantIsToldWhyAndCannotComeBackWithTheirSecret() {
        host.say("{'type':'kick','participantId':'" + cy.id + "','reason':'be nice'}");
        assertEquals("be nice", cy.take("kicked").get("reason").asText());
        cy.assertClosed(1000, "kicked");
        assertEquals(cy.id, bo.take("participant-left").get("participantId").asText());
        TestClient again = h.client();
        again.say("{'type':'join','room':'team','name':'Cy','resume':'" + cy.resume + "'}");
        again.error("kicked");
        keepAlive(Duration.ofMinutes(10), host, bo, again);
        assertEquals("participant", again.join("team", "Cy", "'resume':'" + cy.resume + "'").at("/you/role").asText(),
                "the ban lasts ten minutes");
    }

    @Test
    void nobodyKicksTheHostAndParticipantsKickNobody() {
        bo.say("{'type':'kick','participantId':'" + host.id + "'}");
        bo.error("forbidden");
        host.say("{'type':'set-role','participantId':'" + bo.id + "','role':'moderator'}");
        bo.say("{'type':'kick','participantId':'" + host.id + "'}");
        assertEquals("nobody can kick the host", bo.error("forbidden").get("message").asText());
        cy.say("{'type':'kick','participantId':'" + bo.id + "'}");
        cy.error("forbidden");
        assertNull(host.closeCode);
        assertNull(bo.closeCode);
        host.say("{'type':'kick','participantId':'pnobody'}");
        host.error("not-found");
    }

    @Test
    void aModeratorWhoReconnectsGetsTheRoleBackWithinTheTtl() {
        host.say("{'type':'set-role','participantId':'" + bo.id + "','role':'moderator'}");
        bo.connection.onClose(); // network gone
        TestClient back = h.client();
        JsonNode joined = back.join("team", "Bo", "'resume':'" + bo.resume + "'");
        assertEquals("moderator", joined.at("/you/role").asText());
        assertNotEquals(bo.resume, back.resume, "a fresh secret each time");
        back.connection.onClose();
        keepAlive(Duration.ofMinutes(10).plusSeconds(1), host, cy);
        TestClient late = h.client();
        assertEquals("participant", late.join("team", "Bo", "'resume':'" + back.resume + "'").at("/you/role").asText());
    }

    @Test
    void theHostWhoReconnectsIsHostAgain() {
        host.connection.onClose();
        assertEquals("moderator", bo.take("role").get("role").asText(), "someone must moderate meanwhile");
        TestClient back = h.client();
        assertEquals("host", back.join("team", "Hana", "'resume':'" + host.resume + "'").at("/you/role").asText());
    }

    @Test
    void aResumeWhileStillConnectedReplacesTheOldConnection() {
        clearAll();
        TestClient second = h.client();
        second.join("team", "Hana", "'resume':'" + host.resume + "'");
        JsonNode left = bo.take("participant-left");
        assertEquals(host.id, left.get("participantId").asText());
        assertEquals("replaced", left.get("reason").asText());
        host.assertClosed(1000, "replaced");
        JsonNode joined = bo.take("participant-joined");
        assertEquals("host", joined.at("/participant/role").asText());
        assertEquals(host.id, joined.get("replaces").asText());
        assertEquals(3, h.server.participantCount());
    }

    @Test
    void muteIsEnforcedAndOnlyTheOwnerUnmutes() {
        cy.say("{'type':'offer','sdp':'v=0','send':[{'mid':'0','source':'mic'},{'mid':'1','source':'camera'}],'recv':[]}");
        FakeMediaPlane.FakePeer cyPeer = h.media.room().peers.get(cy.id);
        clearAll();
        host.say("{'type':'mute','participantId':'" + cy.id + "','kind':'audio'}");
        JsonNode muted = cy.take("muted");
        assertEquals("audio", muted.get("kind").asText());
        assertEquals(host.id, muted.get("by").asText());
        assertTrue(bo.take("participant-updated").at("/participant/audioMuted").asBoolean());
        assertEquals(java.util.Set.of(cy.id + "-0"), cyPeer.paused, "the server holds back the mic only");
        host.say("{'type':'ask-unmute','participantId':'" + cy.id + "','kind':'audio'}");
        assertEquals("audio", cy.take("unmute-requested").get("kind").asText());
        cy.say("{'type':'update','audioMuted':false}");
        assertTrue(cyPeer.paused.isEmpty());
        assertFalse(bo.take("participant-updated").at("/participant/audioMuted").asBoolean());
        cy.say("{'type':'mute','participantId':'" + host.id + "','kind':'audio'}");
        cy.error("forbidden");
    }

    /** docs/protocol.md, "The host and the other moderators": mute yes (the host undoes it), kick and role no. */
    @Test
    void aModeratorMayMuteTheHostButNotKickOrDemoteThem() {
        host.say("{'type':'set-role','participantId':'" + bo.id + "','role':'moderator'}");
        clearAll();
        bo.say("{'type':'mute','participantId':'" + host.id + "','kind':'audio'}");
        assertEquals(bo.id, host.take("muted").get("by").asText());
        assertTrue(cy.take("participant-updated").at("/participant/audioMuted").asBoolean());
        host.say("{'type':'update','audioMuted':false}");
        assertFalse(cy.take("participant-updated").at("/participant/audioMuted").asBoolean(), "the host unmutes themselves");

        bo.say("{'type':'mute','participantId':null,'kind':'audio'}");
        assertEquals(bo.id, host.take("muted").get("by").asText(), "mute everyone includes the host");
        cy.take("muted");
        bo.assertNo("muted");

        bo.say("{'type':'kick','participantId':'" + host.id + "','reason':null}");
        assertTrue(bo.error("forbidden").get("message").asText().contains("host"));
        bo.say("{'type':'set-role','participantId':'" + host.id + "','role':'participant'}");
        assertTrue(bo.error("forbidden").get("message").asText().contains("host"));
        host.assertNo("kicked");
        host.assertNo("role");
    }

    @Test
    void muteEveryoneElse() {
        host.say("{'type':'mute','participantId':null,'kind':'video'}");
        bo.take("muted");
        cy.take("muted");
        host.assertNo("muted");
        bo.say("{'type':'mute','kind':'video'}");
        bo.error("forbidden");
    }

    @Test
    void aLockedRoomRefusesNewcomers() {
        host.say("{'type':'set-lock','locked':true}");
        assertTrue(cy.take("room-updated").at("/room/locked").asBoolean());
        TestClient dee = h.client();
        dee.say("{'type':'join','room':'team','name':'Dee'}");
        dee.error("room-locked");
        host.say("{'type':'set-lock','locked':false}");
        dee.join("team", "Dee", "");
    }

    @Test
    void startMutedIsARoomSetting() {
        host.say("{'type':'set-start-muted','audio':true,'video':false}");
        assertTrue(bo.take("room-updated").at("/room/startAudioMuted").asBoolean());
        JsonNode joined = h.client().join("team", "Dee", "");
        assertTrue(joined.at("/you/audioMuted").asBoolean());
        assertFalse(joined.at("/you/videoMuted").asBoolean());
        assertTrue(joined.at("/room/startAudioMuted").asBoolean());
    }

    @Test
    void endingTheMeetingDisconnectsEveryoneAndForgetsTheRoom() {
        TestClient guest = h.client();
        host.say("{'type':'set-lobby','enabled':true}");
        guest.say("{'type':'join','room':'team','name':'Gus'}");
        guest.take("lobby-waiting");
        cy.say("{'type':'end-meeting'}");
        cy.error("forbidden");
        host.say("{'type':'end-meeting'}");
        for (TestClient c : new TestClient[] {host, bo, cy}) {
            assertEquals(host.id, c.take("ended").get("by").asText(), "who ended it, so the ender is told it was them");
            c.assertClosed(1000, "ended");
        }
        assertTrue(guest.take("ended").get("by").isNull(), "a lobby guest learns no participant id");
        guest.assertClosed(1000, "ended");
        assertEquals(0, h.server.roomCount());
        assertEquals(0, h.server.participantCount());

        TestClient late = h.client();
        late.say("{'type':'join','room':'TEAM','name':'Late'}");
        late.error("meeting-ended");
        assertEquals(0, h.server.roomCount(), "a late visitor opens no new room at an ended meeting's name");
        h.advance(java.time.Duration.ofHours(24));
        assertEquals("host", late.join("team", "Late", "").at("/you/role").asText(), "after a day the name is free again");
    }

    @Test
    void rotationMovesEveryoneAndTheOldNameNoLongerReachesTheRoom() {
        bo.say("{'type':'rotate','newPassword':true}");
        bo.error("forbidden");
        host.say("{'type':'rotate','newPassword':true}");
        JsonNode moved = host.take("moved");
        String newName = moved.get("room").asText();
        String password = moved.get("password").asText();
        assertTrue(newName.matches("[a-z0-9]{5}(-[a-z0-9]{5}){3}"), newName);
        assertTrue(password.matches("[a-z2-9]{4}(-[a-z2-9]{4}){3}"), password);
        JsonNode boMoved = bo.take("moved");
        assertEquals(newName, boMoved.get("room").asText());
        assertTrue(boMoved.get("password").isNull(), "only the moderator who asked learns the password");
        assertTrue(bo.take("room-updated").at("/room/hasPassword").asBoolean());
        TestClient eve = h.client();
        eve.say("{'type':'join','room':'team','name':'Eve'}");
        JsonNode refused = eve.error("link-changed");
        assertFalse(refused.toString().contains(newName), "the refusal names the new link: " + refused);
        assertEquals(1, h.server.roomCount(), "the old link opened a new room");
        TestClient late = h.client();
        late.say("{'type':'join','room':'" + newName + "','name':'Lu'}");
        late.error("password-required");
        assertEquals(3, late.join(newName, "Lu", "'password':'" + password + "'").get("participants").size());
        chatHasNoPassword(password);
    }

    @Test
    void rotationKeepsTheOldPasswordUnlessAskedForANewOne() {
        host.say("{'type':'set-password','password':'old-secret'}");
        host.say("{'type':'rotate'}");
        assertTrue(host.take("moved").get("password").isNull());
        String name = bo.take("moved").get("room").asText();
        h.client().join(name, "Lu", "'password':'old-secret'");
    }

    private void chatHasNoPassword(String password) {
        for (TestClient c : new TestClient[] {bo, cy}) {
            for (JsonNode m : c.inbox) assertFalse(m.toString().contains(password), "password leaked in " + m);
        }
    }
}
