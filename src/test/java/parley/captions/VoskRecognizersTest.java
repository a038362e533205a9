package parley.captions;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import parley.audio.Resampler;

/** Real Vosk on a sentence spoken by espeak-ng: through Opus at 48 kHz and back, as a meeting would carry it. */
class VoskRecognizersTest {
    static final String SENTENCE = "the quick brown fox jumps over the lazy dog";

    @TempDir
    Path dir;

    @Test
    void recognisesMostWordsOfASpokenSentence() throws Exception {
        TestAudio.Wav wav = TestAudio.readWav(TestAudio.espeak(dir, SENTENCE));
        short[] pcm48 = to48k(wav);
        List<String> finals = new ArrayList<>();
        try (VoskRecognizers vosk = new VoskRecognizers(TestModel.folder())) {
            Speaker s = new Speaker("p1", vosk, (who, text, fin) -> {
                if (fin) finals.add(text);
            }, new Speaker.Counts());
            short[] padded = Arrays.copyOf(pcm48, pcm48.length + 48 * 2_000); // then 2 s of quiet: the line ends
            int seq = 0;
            for (byte[] op : TestAudio.opus(padded)) s.packet(op, 0, op.length, seq++);
            s.close();
        }
        String heard = String.join(" ", finals).toLowerCase(Locale.ROOT);
        assertTrue(TestModel.wordsFound(SENTENCE, heard) >= 6, "heard '" + heard + "'");
    }

    /** espeak-ng speaks at 22.05 kHz: up to 48 kHz through 16 kHz with parley.audio's resampler (the test's own shortcut). */
    static short[] to48k(TestAudio.Wav wav) {
        if (wav.rateHz() == 48_000) return wav.pcm();
        Resampler down = new Resampler(wav.rateHz(), 16_000);
        int n = wav.pcm().length - wav.pcm().length % down.inputMultiple();
        short[] pcm16 = new short[down.outputCount(n)];
        down.process(wav.pcm(), 0, n, pcm16, 0);
        Resampler up = new Resampler(16_000, 48_000);
        short[] pcm48 = new short[up.outputCount(pcm16.length)];
        up.process(pcm16, 0, pcm16.length, pcm48, 0);
        return pcm48;
    }
}
