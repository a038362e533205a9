package parley.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DtmfDetectorTest {
    private static final double[] ROWS = {697, 770, 852, 941};
    private static final double[] COLUMNS = {1209, 1336, 1477, 1633};
    private static final String KEYS = "123A456B789C*0#D";

    /** Key presses of {@code toneMs} with {@code gapMs} between, each tone at {@code dbov} per tone. */
    private static short[] keys(String keys, int toneMs, int gapMs, double dbov, double twistDb) {
        int tone = toneMs * 8, gap = gapMs * 8;
        short[] out = new short[gap + keys.length() * (tone + gap)];
        for (int k = 0; k < keys.length(); k++) {
            int i = KEYS.indexOf(keys.charAt(k));
            short[] t = Signals.dualTone(ROWS[i / 4], COLUMNS[i % 4], Signals.amplitudeForDbov(dbov), twistDb, 8000, tone);
            System.arraycopy(t, 0, out, gap + k * (tone + gap), tone);
        }
        return out;
    }

    /** Through a G.711 μ-law channel, as a phone call delivers it. */
    private static short[] throughUlaw(short[] pcm) {
        byte[] coded = new byte[pcm.length];
        G711.encode(false, pcm, 0, coded, 0, pcm.length);
        short[] out = new short[pcm.length];
        G711.decode(false, coded, 0, out, 0, pcm.length);
        return out;
    }

    /** Feeds 20 ms frames, as a call does, and returns the keys found. */
    private static String detect(short[] pcm) {
        StringBuilder found = new StringBuilder();
        DtmfDetector detector = new DtmfDetector(found::append);
        for (int off = 0; off < pcm.length; off += 160) detector.process(pcm, off, Math.min(160, pcm.length - off));
        return found.toString();
    }

    @Test
    void everyKeyIsFoundOnceThroughG711() {
        assertEquals(KEYS, detect(throughUlaw(keys(KEYS, 70, 50, -10, 0))));
    }

    @Test
    void aPinWithShortTonesAndGapsAsPhonesSendThem() {
        assertEquals("4711#", detect(throughUlaw(keys("4711#", 50, 45, -15, 2))));
    }

    @Test
    void aLongPressIsOneKey() {
        assertEquals("5", detect(throughUlaw(keys("5", 1500, 100, -10, 0))));
    }

    @ParameterizedTest(name = "twist {0} dB, noise at SNR {1} dB, {2} dBov per tone: \"{3}\"")
    @CsvSource({
        "0, 20, -10, 159#",
        "6, 20, -10, 159#",       // column tone 6 dB louder (normal twist)
        "-4, 20, -10, 159#",      // row tone 4 dB louder (reverse twist)
        "3, 12, -20, 159#",       // noisy line
        "0, 99, -30, 159#",       // quiet
        "12, 99, -10, ''",        // twist beyond 8 dB: not DTMF
        "-10, 99, -10, ''",       // reverse twist beyond 6 dB
        "0, 99, -45, ''",         // below the level floor
        "0, 0, -10, ''",          // as much noise as tone
    })
    void twistNoiseAndLevel(double twistDb, double snrDb, double dbov, String expected) {
        short[] clean = keys("159#", 80, 60, dbov, twistDb);
        // noise RMS relative to the two tones' combined RMS
        double toneRms = Signals.amplitudeForDbov(dbov) / Math.sqrt(2) * Math.sqrt(1 + Math.pow(10, twistDb / 10));
        short[] noisy = snrDb >= 99 ? clean : Signals.addNoise(clean, toneRms * Math.pow(10, -snrDb / 20), 42);
        assertEquals(expected, detect(throughUlaw(noisy)));
    }

    @Test
    void tooShortATonIsNotAKey() {
        assertEquals("", detect(throughUlaw(keys("9", 20, 50, -10, 0))));
    }

    /**
     * Speech does not trigger: speech-8k.ulaw is 12 s of espeak-ng 1.51 (Debian bookworm), made with
     * <pre>
     * espeak-ng -w s1.wav "Good morning everyone. Thank you for joining the weekly planning meeting. Seven hundred and seventy people asked about the new schedule."
     * espeak-ng -v en-us+f3 -p 70 -w s2.wav "Please press one to continue, or stay on the line while we connect you to the conference."
     * sox s1.wav s2.wav -r 8000 -c 1 -e u-law -t raw speech-8k.ulaw
     * </pre>
     * at several levels; and a key pressed over the speech is still found.
     */
    @Test
    void speechDoesNotTriggerAndAKeyOverSpeechIsFound() throws IOException {
        byte[] ulaw;
        try (InputStream in = getClass().getResourceAsStream("speech-8k.ulaw")) {
            ulaw = in.readAllBytes();
        }
        short[] speech = new short[ulaw.length];
        G711.decode(false, ulaw, 0, speech, 0, ulaw.length);
        assertTrue(speech.length > 8000 * 10);
        for (double gainDb : new double[] {-20, -6, 0, 6}) {
            short[] scaled = new short[speech.length];
            double g = Math.pow(10, gainDb / 20);
            for (int i = 0; i < speech.length; i++) scaled[i] = Pcm.saturate((int) Math.round(speech[i] * g));
            assertEquals("", detect(throughUlaw(scaled)), "speech at " + gainDb + " dB");
        }
        short[] mixed = speech.clone();
        short[] key = keys("7", 100, 0, -8, 0);
        int at = 8000 * 3;
        for (int i = 0; i < key.length; i++) mixed[at + i] = Pcm.saturate(mixed[at + i] / 4 + key[i]);
        assertEquals("7", detect(throughUlaw(mixed)));
    }

    /** A chord of tones with harmonics, some on DTMF frequencies, like music on hold. */
    @Test
    void aMultiToneWithHarmonicsDoesNotTrigger() {
        short[] out = new short[8000 * 2];
        double[] fundamentals = {233, 349, 697.0 / 2, 1209.0 / 3};   // harmonics land on 697 and 1209 Hz
        for (int i = 0; i < out.length; i++) {
            double t = i / 8000.0, v = 0;
            for (double f : fundamentals) for (int h = 1; h * f < 3800; h++) v += 2500.0 / h * Math.sin(2 * Math.PI * f * h * t);
            out[i] = Pcm.saturate((int) Math.round(v));
        }
        assertEquals("", detect(throughUlaw(out)));
        // and a lone tone is not a key either
        assertEquals("", detect(throughUlaw(Signals.tone(941, 8000, 10000, 8000, 0))));
    }
}
