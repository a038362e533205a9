package parley.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Live streaming and recording on a device on the wire (docs/protocol.md, "Live streaming",
 * "Recording on a device"): only moderators stream; everyone learns that the meeting is live,
 * nobody where to; moderators learn how it goes; encrypted meetings are refused; a failure goes
 * to the starter. Anyone may record on their device, and everyone (and every newcomer) is told.
 */
class StreamSignalTest {
    private static final String URL = "rtmp://live.example.org/app";
    private static final String KEY = "sk-3f9a0c1b2d4e";
    private static final String START = "{'type':'stream','action':'start','url':'" + URL + "','key':'" + KEY + "'}";
    private static final String STOP = "{'type':'stream','action':'stop'}";
    private final Harness h = new Harness();

    @Test
    void aModeratorStreamsEveryoneLearnsItIsLiveAndNobodyWhereTo() {
        TestClient host = h.joined("room", "Ada");
        TestClient bo = h.joined("room", "Bo");
        host.say(START);
        var stream = h.media.room().streams.get(0);
        assertEquals(List.of(URL, KEY), List.of(stream.url, stream.key), "the media plane gets the destination");
        for (TestClient c : new TestClient[] {host, bo}) {
            JsonNode m = c.take("stream");
            assertTrue(m.get("active").asBoolean());
            assertEquals(host.id, m.get("by").asText());
            assertFalse(m.toString().contains(KEY) || m.toString().contains("example.org"), m.toString());
        }
        assertEquals("starting", host.take("stream-state").get("state").asText());
        bo.assertNo("stream-state");

        stream.events.onState("reconnecting");
        assertEquals("reconnecting", host.take("stream-state").get("state").asText(), "moderators learn how it goes");
        bo.assertNo("stream-state");
        JsonNode joined = h.client().join("room", "Cy", "");
        assertEquals(host.id, joined.at("/stream/by").asText(), "a newcomer learns it in joined");
        assertTrue(joined.at("/stream/state").isNull(), "but not how it goes: that is for moderators");

        host.say(STOP);
        assertTrue(stream.stopped);
        assertFalse(bo.take("stream").get("active").asBoolean());
    }

    @Test
    void participantsAreRefused() {
        h.joined("room", "Ada");
        TestClient bo = h.joined("room", "Bo");
        bo.say(START);
        assertEquals("stream", bo.error("forbidden").get("ref").asText());
        assertTrue(h.media.room().streams.isEmpty());
    }

    @Test
    void anEncryptedMeetingIsRefusedWithItsOwnCode() {
        TestClient vault = h.client();
        vault.join("vault", "Di", "'e2ee':true,'e2eeCapable':true");
        vault.say(START);
        assertTrue(vault.error("stream-e2ee").get("message").asText().contains("end-to-end encrypted"));
        assertTrue(h.media.room().streams.isEmpty());
    }

    @Test
    void aStreamThatEndsByItselfTellsTheStarterWhy() {
        TestClient host = h.joined("room", "Ada");
        TestClient bo = h.joined("room", "Bo");
        host.say(START);
        bo.take("stream");
        h.media.room().streams.get(0).events.onFailed("the live stream stopped: the streaming server could not be reached for 60 s");
        assertTrue(host.error("stream-failed").get("message").asText().contains("could not be reached"));
        JsonNode stopped = bo.take("stream");
        assertFalse(stopped.get("active").asBoolean());
        assertTrue(stopped.get("by").isNull(), "it stopped by itself");
    }

    @Test
    void anyoneMayRecordOnTheirDeviceAndEveryoneIsTold() {
        TestClient host = h.joined("room", "Ada");
        TestClient bo = h.joined("room", "Bo");
        bo.say("{'type':'local-recording','action':'start'}");
        for (TestClient c : new TestClient[] {host, bo}) {
            JsonNode m = c.take("local-recording");
            assertEquals(bo.id, m.get("participantId").asText());
            assertTrue(m.get("active").asBoolean());
        }
        JsonNode joined = h.client().join("room", "Cy", "");
        assertEquals(List.of(bo.id), List.of(joined.get("localRecordings").get(0).asText()), "a newcomer is told in joined");
        bo.say("{'type':'local-recording','action':'stop'}");
        assertFalse(host.take("local-recording").get("active").asBoolean());
        assertEquals(0, h.client().join("room", "Di", "").get("localRecordings").size());
        bo.say("{'type':'local-recording','action':'start'}");
        bo.say("{'type':'leave'}");
        assertEquals(0, h.client().join("room", "Ed", "").get("localRecordings").size(), "it ends with its participant");
    }
}
