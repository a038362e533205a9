package parley.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * Server recording on the wire (docs/protocol.md, "Recording"): only moderators start and stop
 * it, everyone and every newcomer is told, encrypted meetings are refused, and the outcome goes
 * to whoever started it.
 */
class RecordingSignalTest {
    private static final String START = "{'type':'record','action':'start'}";
    private static final String STOP = "{'type':'record','action':'stop'}";
    private final Harness h = new Harness();

    @Test
    void aModeratorStartsAndEveryoneAndEveryNewcomerIsTold() {
        TestClient host = h.joined("room", "Ada");
        TestClient bo = h.joined("room", "Bo");
        h.time.advance(java.time.Duration.ofSeconds(5));
        host.say(START);

        for (TestClient c : new TestClient[] {host, bo}) {
            JsonNode m = c.take("recording");
            assertTrue(m.get("active").asBoolean());
            assertEquals(host.id, m.get("by").asText());
            assertEquals(h.time.millis(), m.get("since").asLong());
        }
        assertEquals("room", h.media.room().recordings.get(0).roomName, "the media plane decides whether the name is used");
        TestClient cy = h.client();
        JsonNode joined = cy.join("room", "Cy", "");
        assertEquals(host.id, joined.at("/recording/by").asText(), "a newcomer learns it in joined");
        assertEquals(h.time.millis(), joined.at("/recording/since").asLong());

        host.say(STOP);
        assertTrue(h.media.room().recordings.get(0).stopped);
        for (TestClient c : new TestClient[] {host, bo, cy}) {
            JsonNode m = c.take("recording");
            assertFalse(m.get("active").asBoolean());
            assertEquals(host.id, m.get("by").asText());
            assertTrue(m.get("since").isNull());
        }
        assertTrue(h.client().join("room", "Di", "").get("recording").isNull(), "no recording: null");
    }

    @Test
    void aParticipantWhoIsNoModeratorIsRefusedAndCounted() {
        TestClient host = h.joined("room", "Ada");
        TestClient bo = h.joined("room", "Bo");
        bo.say(START);
        assertEquals("record", bo.error("forbidden").get("ref").asText());
        assertTrue(h.media.room().recordings.isEmpty());
        host.assertNo("recording");
        host.say(START);
        bo.clear();
        bo.say(STOP);
        bo.error("forbidden");
        assertFalse(h.media.room().recordings.get(0).stopped);
        assertEquals(2L, h.server.errorCounts().get("forbidden"));
    }

    @Test
    void anEncryptedMeetingIsRefusedWithItsOwnCode() {
        TestClient host = h.client();
        host.join("vault", "Ada", "'e2ee':true,'e2eeCapable':true");
        host.say(START);
        JsonNode e = host.error("recording-e2ee");
        assertTrue(e.get("message").asText().contains("end-to-end encrypted"), e.toString());
        assertTrue(h.media.room().recordings.isEmpty());
        assertEquals(1L, h.server.errorCounts().get("recording-e2ee"));
    }

    @Test
    void turningEncryptionOnStopsTheRecording() {
        TestClient host = h.client();
        host.join("room", "Ada", "'e2eeCapable':true");
        host.say(START);
        host.take("recording");
        host.say("{'type':'set-e2ee','enabled':true}");
        assertTrue(h.media.room().recordings.get(0).stopped);
        assertFalse(host.take("recording").get("active").asBoolean());
    }

    @Test
    void aServerWithoutRecordingsSaysSo() {
        TestClient host = h.joined("room", "Ada");
        h.media.room().recordRefusal = "this server does not record (it was started without --recordings)";
        host.say(START);
        assertTrue(host.error("recording-unavailable").get("message").asText().contains("--recordings"));
        host.assertNo("recording");
    }

    @Test
    void startingTwiceOrStoppingNothingIsABadRequest() {
        TestClient host = h.joined("room", "Ada");
        host.say(STOP);
        host.error("bad-request");
        host.say(START);
        host.say(START);
        assertTrue(host.error("bad-request").get("message").asText().contains("already"));
        assertEquals(1, h.media.room().recordings.size());
        host.say("{'type':'record','action':'pause'}");
        host.error("bad-request");
    }

    @Test
    void theOutcomeGoesToTheStarterOrElseToTheModerators() {
        TestClient host = h.joined("room", "Ada");
        TestClient bo = h.joined("room", "Bo");
        host.say(START);
        host.say(STOP);
        var first = h.media.room().recordings.get(0);
        first.events.onSaved("parley-x.mp4", true);
        JsonNode saved = host.take("recording-saved");
        assertEquals("parley-x.mp4", saved.get("file").asText());
        assertTrue(saved.get("uploaded").asBoolean());
        bo.assertNo("recording-saved");

        host.say(START);
        var second = h.media.room().recordings.get(1);
        host.say("{'type':'set-role','participantId':'" + bo.id + "','role':'moderator'}");
        host.say("{'type':'leave'}");
        second.events.onFailed("the recording could not be uploaded; it is kept on the server as y.mp4");
        JsonNode e = bo.error("recording-failed");
        assertTrue(e.get("message").asText().contains("kept on the server"));
        assertFalse(second.stopped, "the starter leaving does not stop the recording");
    }

    @Test
    void aFailureWhileRecordingEndsItForEveryone() {
        TestClient host = h.joined("room", "Ada");
        TestClient bo = h.joined("room", "Bo");
        host.say(START);
        bo.take("recording");
        h.media.room().recordings.get(0).events.onFailed("the recording could not be written (IOException); what was recorded is kept");
        assertTrue(host.error("recording-failed").get("message").asText().contains("could not be written"));
        JsonNode stopped = bo.take("recording");
        assertFalse(stopped.get("active").asBoolean());
        assertTrue(stopped.get("by").isNull(), "it stopped by itself");
        host.clear();
        host.say(START);
        assertEquals(2, h.media.room().recordings.size(), "a new one may start");
    }

    @Test
    void theRecordingStopsWhenTheMeetingEnds() {
        TestClient host = h.joined("room", "Ada");
        host.say(START);
        var rec = h.media.room().recordings.get(0);
        host.say("{'type':'leave'}");
        assertTrue(rec.stopped);
    }
}
