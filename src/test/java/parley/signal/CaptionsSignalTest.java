package parley.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * Live captions on the wire (docs/protocol.md, "Captions"): who may turn them on, everyone and
 * every newcomer told, every line to everyone, refused in encrypted meetings, and unavailable
 * without a model.
 */
class CaptionsSignalTest {
    private static final String ON = "{'type':'set-captions','on':true}";
    private static final String OFF = "{'type':'set-captions','on':false}";
    private final Harness h = new Harness(Harness.testConfig().captions(CaptionsPolicy.MODERATORS));

    @Test
    void aModeratorTurnsThemOnAndEveryoneGetsTheLines() {
        TestClient host = h.joined("room", "Ada");
        TestClient bo = h.joined("room", "Bo");
        assertEquals("moderators", h.client().join("room", "Eve", "").at("/captions/who").asText());
        host.say(ON);
        for (TestClient c : new TestClient[] {host, bo}) {
            JsonNode m = c.take("captions");
            assertTrue(m.get("on").asBoolean());
            assertEquals(host.id, m.get("by").asText());
        }
        JsonNode joined = h.client().join("room", "Cy", "");
        assertTrue(joined.at("/captions/on").asBoolean(), "a newcomer learns it in joined");
        assertEquals(host.id, joined.at("/captions/by").asText());

        var events = h.media.room().captions.get(0).events;
        events.onCaption(bo.id, "hello every", false);
        events.onCaption(bo.id, "hello everyone", true);
        for (TestClient c : new TestClient[] {host, bo}) {
            JsonNode partial = c.take("caption");
            assertEquals(bo.id, partial.get("participantId").asText());
            assertEquals("hello every", partial.get("text").asText());
            assertFalse(partial.get("final").asBoolean());
            JsonNode fin = c.take("caption");
            assertEquals("hello everyone", fin.get("text").asText());
            assertTrue(fin.get("final").asBoolean());
        }
        events.onCaption("p-nobody", "ghost", true);
        host.assertNo("caption");

        host.say(OFF);
        assertTrue(h.media.room().captions.get(0).stopped);
        assertFalse(bo.take("captions").get("on").asBoolean());
        events.onCaption(bo.id, "too late", true);
        host.assertNo("caption");
    }

    @Test
    void aParticipantIsRefusedUnlessAnyoneMay() {
        TestClient host = h.joined("room", "Ada");
        TestClient bo = h.joined("room", "Bo");
        bo.say(ON);
        assertEquals("set-captions", bo.error("forbidden").get("ref").asText());
        assertTrue(h.media.room().captions.isEmpty());
        host.assertNo("captions");

        Harness open = new Harness(Harness.testConfig().captions(CaptionsPolicy.ANYONE));
        open.joined("room", "Ada");
        TestClient cy = open.joined("room", "Cy");
        assertEquals("anyone", open.client().join("room", "Di", "").at("/captions/who").asText());
        cy.say(ON);
        assertTrue(cy.take("captions").get("on").asBoolean());
    }

    @Test
    void anEncryptedMeetingIsRefusedWithItsOwnCode() {
        TestClient host = h.client();
        host.join("vault", "Ada", "'e2ee':true,'e2eeCapable':true");
        host.say(ON);
        JsonNode e = host.error("captions-e2ee");
        assertTrue(e.get("message").asText().contains("end-to-end encrypted"), e.toString());
        assertTrue(h.media.room().captions.isEmpty());
        assertEquals(1L, h.server.errorCounts().get("captions-e2ee"));
    }

    @Test
    void turningEncryptionOnOrEndingTheMeetingStopsThem() {
        TestClient host = h.client();
        host.join("room", "Ada", "'e2eeCapable':true");
        host.say(ON);
        host.take("captions");
        host.say("{'type':'set-e2ee','enabled':true}");
        assertTrue(h.media.room().captions.get(0).stopped);
        assertFalse(host.take("captions").get("on").asBoolean());
    }

    @Test
    void endingTheMeetingStopsThem() {
        TestClient host = h.joined("room", "Ada");
        host.say(ON);
        var c = h.media.room().captions.getLast();
        host.say("{'type':'leave'}");
        assertTrue(c.stopped);
    }

    @Test
    void aServerWithoutAModelSaysSoAndJoinedTellsClientsToHideTheControl() {
        Harness none = new Harness();
        TestClient host = none.client();
        JsonNode joined = host.join("room", "Ada", "");
        assertTrue(joined.at("/captions/who").isNull(), joined.toString());
        host.say(ON);
        assertTrue(host.error("captions-unavailable").get("message").asText().contains("--captions-model"));
        host.assertNo("captions");
    }

    @Test
    void twiceOnOrOffWhenOffIsABadRequest() {
        TestClient host = h.joined("room", "Ada");
        host.say(OFF);
        host.error("bad-request");
        host.say(ON);
        host.say(ON);
        assertTrue(host.error("bad-request").get("message").asText().contains("already"));
        assertEquals(1, h.media.room().captions.size());
        host.say("{'type':'set-captions'}");
        host.error("bad-request");
    }
}
