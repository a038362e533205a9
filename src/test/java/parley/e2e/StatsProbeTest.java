package parley.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The stats helpers against a scripted page standing in for the web client's window.parley. */
class StatsProbeTest {
    private static final String EARLY = """
            {"inbound": [{"trackId": "t1", "participantId": "pA", "kind": "video", "framesDecoded": 3,
                          "frameWidth": 320, "frameHeight": 240}],
             "outbound": []}""";
    private static final String LATER = """
            {"inbound": [{"trackId": "t1", "participantId": "pA", "kind": "video", "framesDecoded": 40,
                          "frameWidth": 320, "frameHeight": 240, "packetsLost": 1, "nackCount": 2,
                          "bytesReceived": 90000},
                         {"trackId": "t2", "participantId": "pA", "kind": "audio", "totalAudioEnergy": 0.8,
                          "audioLevel": 0.2}],
             "outbound": []}""";

    @Test
    void parsesInboundEntriesWithMissingNumbersAsZero() {
        List<StatsProbe.Inbound> inbound = StatsProbe.inbound(Json.parse(LATER));

        assertEquals(new StatsProbe.Inbound(null, "t1", "pA", "video", null, 40, 320, 240, 0, 0, 1, 2, 90000), inbound.get(0));
        assertEquals(new StatsProbe.Inbound(null, "t2", "pA", "audio", null, 0, 0, 0, 0.8, 0.2, 0, 0, 0), inbound.get(1));
    }

    @Test
    void waitsUntilEnoughFramesAreDecoded() {
        ScriptedPage page = new ScriptedPage(EARLY, EARLY, LATER);

        StatsProbe.Inbound video = StatsProbe.awaitVideoFrames(page, "pA", 30, Duration.ofSeconds(5));
        StatsProbe.Inbound audio = StatsProbe.awaitAudioEnergy(page, "pA", 0.1, Duration.ofSeconds(5));

        assertEquals(40, video.framesDecoded());
        assertEquals(0.8, audio.totalAudioEnergy());
    }

    @Test
    void failureQuotesTheLastStats() {
        ScriptedPage page = new ScriptedPage(EARLY);

        AssertionError e = assertThrows(AssertionError.class,
                () -> StatsProbe.awaitVideoFrames(page, "pB", 1, Duration.ofMillis(300)));

        assertTrue(e.getMessage().contains("scripted: at least 1 video frames decoded from pB"), e.getMessage());
        assertTrue(e.getMessage().contains("\"framesDecoded\":3"), e.getMessage());
    }

    @Test
    void readsStateAndParticipantId() {
        ScriptedPage page = new ScriptedPage("\"joined\"", "\"p7f3\"");

        assertEquals("joined", StatsProbe.state(page));
        assertEquals("p7f3", StatsProbe.participantId(page));
    }

    /** Answers every eval with the next scripted JSON, repeating the last one. */
    private static final class ScriptedPage implements Page {
        private final Deque<String> answers;

        ScriptedPage(String... answers) {
            this.answers = new ArrayDeque<>(List.of(answers));
        }

        @Override
        public String label() {
            return "scripted";
        }

        @Override
        public void navigate(String url) {
            throw new UnsupportedOperationException("scripted page");
        }

        @Override
        public synchronized JsonNode eval(String expression) {
            return Json.parse(answers.size() > 1 ? answers.poll() : answers.peek());
        }
    }
}
