package parley.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResamplerTest {
    /** Resamples one second in 20 ms frames, as a call does, and returns the output. */
    private static short[] resample(short[] in, int inRate, int outRate) {
        Resampler r = new Resampler(inRate, outRate);
        int inFrame = Pcm.samplesPerFrame(inRate);
        int outFrame = Pcm.samplesPerFrame(outRate);
        short[] out = new short[in.length / inFrame * outFrame];
        for (int f = 0; f < in.length / inFrame; f++) {
            assertEquals(outFrame, r.process(in, f * inFrame, inFrame, out, f * outFrame));
        }
        return out;
    }

    @ParameterizedTest(name = "{0} Hz tone from {1} to {2} Hz")
    @CsvSource({
        "1000, 48000, 8000",
        "3000, 48000, 8000",
        "300, 48000, 8000",
        "1000, 48000, 16000",
        "7000, 48000, 16000",
        "1000, 8000, 48000",
        "3000, 8000, 48000",
        "1000, 16000, 48000",
        "6000, 16000, 48000",
    })
    void aToneKeepsItsFrequencyAndLevel(double freqHz, int inRate, int outRate) {
        double dbov = -10;
        short[] out = resample(Signals.tone(freqHz, inRate, Signals.amplitudeForDbov(dbov), inRate, 0), inRate, outRate);
        int skip = outRate / 10; // past the filter's delay
        int count = outRate / 2;
        double lowNyquist = Math.min(inRate, outRate) / 2.0;
        assertEquals(freqHz, Signals.peakFrequency(out, skip, count, outRate, 100, lowNyquist, 50), 0.1);
        assertEquals(dbov, Signals.dbovOf(out, skip, count), 0.1, "level in the pass band");
        double snr = Signals.toneSnrDb(out, skip, count, freqHz, outRate);
        assertTrue(snr > 60, "SNR " + snr + " dB (expected: > 60)");
    }

    /**
     * A tone above the new Nyquist frequency would fold back as an alias; the filter stops it.
     * At or past the stop-band edge (0.4875 + 0.0625 of the new rate: 4.4 kHz for 8 kHz, 8.8 kHz
     * for 16 kHz) the attenuation is at least 80 dB, as designed (measured: 81 dB at 4.4 kHz, 88 dB
     * at 4.5 kHz, 86 dB at 8.8 kHz; further out the alias rounds to zero in 16 bits).
     */
    @ParameterizedTest(name = "{0} Hz tone from {1} to {2} Hz")
    @CsvSource({
        "4400, 48000, 8000",
        "4500, 48000, 8000",
        "6000, 48000, 8000",
        "11000, 48000, 8000",
        "8800, 48000, 16000",
        "12000, 48000, 16000",
        "20000, 48000, 16000",
    })
    void aToneAboveTheNewNyquistIsAttenuated(double freqHz, int inRate, int outRate) {
        double inDbov = -3.5;
        short[] out = resample(Signals.tone(freqHz, inRate, Signals.amplitudeForDbov(inDbov), inRate, 0), inRate, outRate);
        int skip = outRate / 10;
        double outDbov = Signals.dbovOf(out, skip, outRate / 2);
        assertTrue(inDbov - outDbov >= 80, "attenuation " + (inDbov - outDbov) + " dB (expected: >= 80)");
    }

    @Test
    void framesJoinUpWithoutAClick() {
        // One call on the whole second and fifty calls of 20 ms give the same samples.
        short[] in = Signals.tone(440, 48000, 20000, 48000, 0);
        Resampler whole = new Resampler(48000, 8000);
        short[] once = new short[8000];
        whole.process(in, 0, in.length, once, 0);
        assertEquals(java.util.Arrays.toString(once), java.util.Arrays.toString(resample(in, 48000, 8000)));
    }

    @Test
    void inputMustEndOnAWholeOutputSample() {
        Resampler r = new Resampler(48000, 8000);
        assertEquals(6, r.inputMultiple());
        assertThrows(IllegalArgumentException.class, () -> r.process(new short[7], 0, 7, new short[2], 0));
    }
}
