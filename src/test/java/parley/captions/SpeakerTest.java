package parley.captions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One track to text with a fake recogniser: silence skipped, partial then final, gaps concealed, late dropped. */
class SpeakerTest {
    /** Ends a line ("word10") after each 1 s of audio; its live text changes every 200 ms ("word0" ... "word4"). */
    static class FakeRecognizer implements Recognizer {
        int samples;
        int pieces;
        boolean closed;

        @Override
        public Text accept(short[] pcm, int len) {
            samples += len;
            pieces++;
            if (pieces % 10 == 0) return new Text(text(), true);
            return new Text(text(), false);
        }

        private String text() {
            return "word" + (pieces % 10 == 0 ? 10 : pieces % 10 / 2);
        }

        @Override
        public String flush() {
            return pieces % 10 == 0 ? "" : "rest" + pieces;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    record Caption(String who, String text, boolean isFinal) {}

    final List<FakeRecognizer> made = new ArrayList<>();
    final Recognizer.Factory factory = () -> {
        FakeRecognizer r = new FakeRecognizer();
        made.add(r);
        return r;
    };
    final List<Caption> captions = new ArrayList<>();
    final Speaker.Counts counts = new Speaker.Counts();
    final Speaker speaker = new Speaker("p1", factory, (who, text, fin) -> captions.add(new Caption(who, text, fin)), counts);
    int seq = 100;

    void play(short[] pcm) {
        for (byte[] op : TestAudio.opus(pcm)) speaker.packet(op, 0, op.length, seq++);
    }

    @Test
    void silenceNeverReachesTheRecogniser() {
        play(TestAudio.tone(2_000, false));
        assertEquals(100, counts.frames);
        assertEquals(0, counts.recognisedFrames);
        assertTrue(made.isEmpty(), "no recogniser is made for a silent speaker");
        assertTrue(captions.isEmpty());
    }

    @Test
    void speechGivesPartialsThenAFinalLineWhenTheSpeakerStops() {
        play(TestAudio.tone(500, true));
        assertEquals(1, made.size());
        assertTrue(captions.stream().noneMatch(Caption::isFinal), "only live text while speaking: " + captions);
        assertTrue(captions.stream().allMatch(c -> c.who().equals("p1")));
        play(TestAudio.tone(2_000, false));
        Caption last = captions.getLast();
        assertTrue(last.isFinal(), "the line ends when the speaker stops: " + captions);
        assertTrue(last.text().startsWith("rest"), last.text());
        // 500 ms of speech and the 800 ms hangover were recognised; the rest of the silence was not
        assertEquals((500 + Speaker.HANGOVER_MS) / 20, counts.recognisedFrames);
        assertEquals(16 * (500 + Speaker.HANGOVER_MS), made.getFirst().samples);
        assertTrue(!made.getFirst().closed, "kept across a pause");
        play(TestAudio.tone(300, true));
        assertEquals(1, made.size(), "the next line uses the same recogniser");
        play(TestAudio.tone(Speaker.IDLE_MS + 1_000, false));
        assertTrue(made.getFirst().closed, "freed after a long quiet");
        play(TestAudio.tone(300, true));
        assertEquals(2, made.size(), "speech after that gets a new one");
    }

    @Test
    void aLineTheRecogniserEndsIsFinalAndPartialsAreNotRepeated() {
        play(TestAudio.tone(1_500, true));
        List<Caption> finals = captions.stream().filter(Caption::isFinal).toList();
        assertEquals(List.of(new Caption("p1", "word10", true)), finals);
        for (int i = 1; i < captions.size(); i++) {
            assertTrue(!captions.get(i).equals(captions.get(i - 1)), "an unchanged partial is not sent again: " + captions);
        }
        // 15 pieces of 100 ms: word0, 1, 2, 3, 4, the final word10, then word0, 1, 2
        assertEquals(9, captions.size(), captions.toString());
    }

    @Test
    void aShortGapIsConcealedAndALatePacketDropped() {
        List<byte[]> ops = TestAudio.opus(TestAudio.tone(200, true));
        speaker.packet(ops.get(0), 0, ops.get(0).length, 10);
        speaker.packet(ops.get(1), 0, ops.get(1).length, 13); // 11 and 12 lost
        speaker.packet(ops.get(2), 0, ops.get(2).length, 12); // late
        speaker.packet(ops.get(3), 0, ops.get(3).length, 13); // duplicate
        assertEquals(2, counts.concealed);
        assertEquals(2, counts.late);
        assertEquals(4, counts.frames);
        speaker.packet(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF}, 0, 3, 14);
        assertEquals(1, counts.badPackets);
    }

    @Test
    void closeClosesTheRecogniser() {
        play(TestAudio.tone(200, true));
        speaker.close();
        assertTrue(made.getFirst().closed);
    }
}
