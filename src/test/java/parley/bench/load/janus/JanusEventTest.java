package parley.bench.load.janus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Janus's messages as Janus 1.1.2 writes them (shapes taken from its HTTP transport, indented as it sends them). */
class JanusEventTest {
    @Test
    void readsASuccessWithTheNewId() throws JanusException {
        JanusEvent e = JanusEvent.parseAll("""
                {
                   "janus": "success",
                   "transaction": "t1",
                   "data": {
                      "id": 4551926432917634
                   }
                }""").get(0);
        assertEquals("success", e.janus());
        assertEquals("t1", e.transaction());
        assertEquals(4551926432917634L, e.data().path("id").asLong());
        assertFalse(e.isError());
        assertNull(e.sdp());
    }

    @Test
    void readsALongPollOfPluginEventsWithJsep() throws JanusException {
        List<JanusEvent> events = JanusEvent.parseAll("""
                [
                   {"janus": "event", "session_id": 11, "transaction": "t7", "sender": 22,
                    "plugindata": {"plugin": "janus.plugin.videoroom",
                                   "data": {"videoroom": "attached", "room": 5,
                                            "streams": [{"type": "audio", "mid": "0", "feed_id": 33}]}},
                    "jsep": {"type": "offer", "sdp": "v=0\\r\\n"}},
                   {"janus": "webrtcup", "session_id": 11, "sender": 44},
                   {"janus": "keepalive"}
                ]""");
        assertEquals(3, events.size());
        JanusEvent attached = events.get(0);
        assertEquals(22, attached.sender());
        assertEquals("attached", attached.videoroom());
        assertEquals("offer", attached.jsepType());
        assertEquals("v=0\r\n", attached.sdp());
        assertEquals(33, attached.data().path("streams").get(0).path("feed_id").asLong());
        assertEquals("webrtcup", events.get(1).janus());
        assertEquals(44, events.get(1).sender());
        assertEquals(0, events.get(2).sender());
        assertEquals("", events.get(2).videoroom());
    }

    @Test
    void aPluginErrorIsAnError() throws JanusException {
        JanusEvent e = JanusEvent.parseAll("""
                {"janus": "success", "sender": 2, "plugindata": {"plugin": "janus.plugin.videoroom",
                 "data": {"videoroom": "event", "error_code": 427, "error": "Room 5 already exists"}}}""").get(0);
        assertTrue(e.isError());
        assertEquals(427, e.errorCode());
        JanusException thrown = assertThrows(JanusException.class, () -> e.orThrow("create"));
        assertEquals(427, thrown.code());
        assertEquals("create: Janus error 427 Room 5 already exists", thrown.getMessage());
    }

    @Test
    void aCoreErrorIsAnError() throws JanusException {
        JanusEvent e = JanusEvent.parseAll("""
                {"janus": "error", "transaction": "t3", "error": {"code": 458, "reason": "No such session 9"}}""").get(0);
        assertTrue(e.isError());
        assertEquals(458, e.errorCode());
        assertEquals("No such session 9", e.error());
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "<html>         | Janus sent '<html>' (expected: JSON)",
        "[1]            | Janus message 1 (expected: a JSON object)",
        "{\"data\": 1}  | Janus message without \"janus\": {\"data\":1}",
        "''             | Janus sent an empty body (expected: JSON)",
    })
    void namesWhatWasWrong(String body, String message) {
        assertEquals(message, assertThrows(JanusException.class, () -> JanusEvent.parseAll(body)).getMessage());
    }
}
