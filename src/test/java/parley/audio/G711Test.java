package parley.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class G711Test {
    // The vectors below were computed independently of this code, with CPython 3.11's audioop
    // (a C implementation of Sun's reference g711.c, 16-bit samples):
    //   [int.from_bytes(audioop.ulaw2lin(bytes([c]), 2), 'little', signed=True) for c in range(256)]
    //   [int.from_bytes(audioop.alaw2lin(bytes([c]), 2), 'little', signed=True) for c in range(256)]
    //   audioop.lin2ulaw(x.to_bytes(2, 'little', signed=True), 2)[0]   (and lin2alaw) for each input
    // The inputs are segment boundaries, the extremes, and 28 from random.seed(711); randint(-32768, 32767).

    private static final int[] ULAW_DECODED = {
            -32124, -31100, -30076, -29052, -28028, -27004, -25980, -24956, -23932, -22908, -21884, -20860, -19836, -18812, -17788, -16764,
            -15996, -15484, -14972, -14460, -13948, -13436, -12924, -12412, -11900, -11388, -10876, -10364, -9852, -9340, -8828, -8316,
            -7932, -7676, -7420, -7164, -6908, -6652, -6396, -6140, -5884, -5628, -5372, -5116, -4860, -4604, -4348, -4092,
            -3900, -3772, -3644, -3516, -3388, -3260, -3132, -3004, -2876, -2748, -2620, -2492, -2364, -2236, -2108, -1980,
            -1884, -1820, -1756, -1692, -1628, -1564, -1500, -1436, -1372, -1308, -1244, -1180, -1116, -1052, -988, -924,
            -876, -844, -812, -780, -748, -716, -684, -652, -620, -588, -556, -524, -492, -460, -428, -396,
            -372, -356, -340, -324, -308, -292, -276, -260, -244, -228, -212, -196, -180, -164, -148, -132,
            -120, -112, -104, -96, -88, -80, -72, -64, -56, -48, -40, -32, -24, -16, -8, 0,
            32124, 31100, 30076, 29052, 28028, 27004, 25980, 24956, 23932, 22908, 21884, 20860, 19836, 18812, 17788, 16764,
            15996, 15484, 14972, 14460, 13948, 13436, 12924, 12412, 11900, 11388, 10876, 10364, 9852, 9340, 8828, 8316,
            7932, 7676, 7420, 7164, 6908, 6652, 6396, 6140, 5884, 5628, 5372, 5116, 4860, 4604, 4348, 4092,
            3900, 3772, 3644, 3516, 3388, 3260, 3132, 3004, 2876, 2748, 2620, 2492, 2364, 2236, 2108, 1980,
            1884, 1820, 1756, 1692, 1628, 1564, 1500, 1436, 1372, 1308, 1244, 1180, 1116, 1052, 988, 924,
            876, 844, 812, 780, 748, 716, 684, 652, 620, 588, 556, 524, 492, 460, 428, 396,
            372, 356, 340, 324, 308, 292, 276, 260, 244, 228, 212, 196, 180, 164, 148, 132,
            120, 112, 104, 96, 88, 80, 72, 64, 56, 48, 40, 32, 24, 16, 8, 0,
    };

    private static final int[] ALAW_DECODED = {
            -5504, -5248, -6016, -5760, -4480, -4224, -4992, -4736, -7552, -7296, -8064, -7808, -6528, -6272, -7040, -6784,
            -2752, -2624, -3008, -2880, -2240, -2112, -2496, -2368, -3776, -3648, -4032, -3904, -3264, -3136, -3520, -3392,
            -22016, -20992, -24064, -23040, -17920, -16896, -19968, -18944, -30208, -29184, -32256, -31232, -26112, -25088, -28160, -27136,
            -11008, -10496, -12032, -11520, -8960, -8448, -9984, -9472, -15104, -14592, -16128, -15616, -13056, -12544, -14080, -13568,
            -344, -328, -376, -360, -280, -264, -312, -296, -472, -456, -504, -488, -408, -392, -440, -424,
            -88, -72, -120, -104, -24, -8, -56, -40, -216, -200, -248, -232, -152, -136, -184, -168,
            -1376, -1312, -1504, -1440, -1120, -1056, -1248, -1184, -1888, -1824, -2016, -1952, -1632, -1568, -1760, -1696,
            -688, -656, -752, -720, -560, -528, -624, -592, -944, -912, -1008, -976, -816, -784, -880, -848,
            5504, 5248, 6016, 5760, 4480, 4224, 4992, 4736, 7552, 7296, 8064, 7808, 6528, 6272, 7040, 6784,
            2752, 2624, 3008, 2880, 2240, 2112, 2496, 2368, 3776, 3648, 4032, 3904, 3264, 3136, 3520, 3392,
            22016, 20992, 24064, 23040, 17920, 16896, 19968, 18944, 30208, 29184, 32256, 31232, 26112, 25088, 28160, 27136,
            11008, 10496, 12032, 11520, 8960, 8448, 9984, 9472, 15104, 14592, 16128, 15616, 13056, 12544, 14080, 13568,
            344, 328, 376, 360, 280, 264, 312, 296, 472, 456, 504, 488, 408, 392, 440, 424,
            88, 72, 120, 104, 24, 8, 56, 40, 216, 200, 248, 232, 152, 136, 184, 168,
            1376, 1312, 1504, 1440, 1120, 1056, 1248, 1184, 1888, 1824, 2016, 1952, 1632, 1568, 1760, 1696,
            688, 656, 752, 720, 560, 528, 624, 592, 944, 912, 1008, 976, 816, 784, 880, 848,
    };

    private static final int[] INPUTS = {
            0, 1, -1, 2, -2, 3, -3, 4, -4, 7, -7, 8,
            -8, 15, -16, 31, -32, 100, -100, 124, -124, 128, -129, 255,
            -256, 1000, -1000, 4000, -4000, 32632, -32636, 12345, -12345, 30000, 32767, -32768,
            30829, 18713, 22936, 13405, -3063, 23585, -479, -3617, 2744, 30598, 10670, -13032,
            -20078, -27015, 20126, -32334, 25958, 23591, -13733, -1813, -9366, -7807, 2537, -9286,
            13999, -21603, 23375, 24870,
    };

    private static final int[] ULAW_ENCODED = {
            255, 255, 126, 255, 126, 255, 126, 254, 126, 254, 126, 254,
            126, 253, 125, 251, 123, 242, 114, 239, 111, 239, 111, 231,
            103, 206, 78, 175, 47, 128, 0, 151, 23, 130, 128, 0,
            129, 141, 137, 149, 55, 136, 92, 50, 185, 129, 154, 22,
            12, 5, 140, 0, 134, 136, 20, 65, 29, 32, 187, 29,
            148, 10, 137, 135,
    };

    private static final int[] ALAW_ENCODED = {
            213, 213, 85, 213, 85, 213, 85, 213, 85, 213, 85, 213,
            85, 213, 85, 212, 84, 211, 83, 210, 82, 221, 93, 218,
            90, 250, 122, 154, 26, 170, 42, 189, 61, 168, 170, 42,
            171, 167, 163, 191, 18, 162, 72, 25, 144, 168, 177, 60,
            38, 47, 166, 42, 172, 162, 63, 105, 55, 11, 150, 55,
            190, 32, 163, 173,
    };

    @Test
    void everyCodeDecodesAsTheReferenceDoes() {
        for (int code = 0; code < 256; code++) {
            assertEquals(ULAW_DECODED[code], G711.ulawToLinear((byte) code), "mu-law code " + code);
            assertEquals(ALAW_DECODED[code], G711.alawToLinear((byte) code), "A-law code " + code);
        }
    }

    @Test
    void samplesEncodeAsTheReferenceDoes() {
        for (int i = 0; i < INPUTS.length; i++) {
            short x = (short) INPUTS[i];
            assertEquals(ULAW_ENCODED[i], G711.linearToUlaw(x) & 0xFF, "mu-law of " + x);
            assertEquals(ALAW_ENCODED[i], G711.linearToAlaw(x) & 0xFF, "A-law of " + x);
        }
    }

    @Test
    void arraysMatchSingleSamples() {
        short[] in = new short[INPUTS.length];
        for (int i = 0; i < in.length; i++) in[i] = (short) INPUTS[i];
        for (boolean alaw : new boolean[] {false, true}) {
            byte[] coded = new byte[in.length];
            G711.encode(alaw, in, 0, coded, 0, in.length);
            short[] decoded = new short[in.length];
            G711.decode(alaw, coded, 0, decoded, 0, in.length);
            for (int i = 0; i < in.length; i++) {
                byte single = alaw ? G711.linearToAlaw(in[i]) : G711.linearToUlaw(in[i]);
                assertEquals(single, coded[i]);
                assertEquals(alaw ? G711.alawToLinear(single) : G711.ulawToLinear(single), decoded[i]);
            }
        }
    }

    @Test
    void decodedValuesEncodeBackToTheirCode() {
        for (int code = 0; code < 256; code++) {
            if (code != 0x7F) { // mu-law has two zeros (0x7F and 0xFF); 0 encodes as 0xFF
                assertEquals(code, G711.linearToUlaw(G711.ulawToLinear((byte) code)) & 0xFF, "mu-law code " + code);
            }
            assertEquals(code, G711.linearToAlaw(G711.alawToLinear((byte) code)) & 0xFF, "A-law code " + code);
        }
    }

    /** G.711's signal-to-quantisation-noise ratio is about 38 dB over a wide range of levels. */
    @Test
    void roundTripOfAToneKeepsItsSnr() {
        for (double dbov : new double[] {-6, -20, -40}) {
            short[] tone = Signals.tone(1000, 8000, Signals.amplitudeForDbov(dbov), 8000, 0);
            for (boolean alaw : new boolean[] {false, true}) {
                byte[] coded = new byte[tone.length];
                short[] back = new short[tone.length];
                G711.encode(alaw, tone, 0, coded, 0, tone.length);
                G711.decode(alaw, coded, 0, back, 0, tone.length);
                double snr = Signals.toneSnrDb(back, 0, back.length, 1000, 8000);
                assertTrue(snr > 33, (alaw ? "A-law" : "mu-law") + " at " + dbov + " dBov: SNR " + snr + " dB (expected: > 33)");
                assertEquals(dbov, Signals.dbovOf(back, 0, back.length), 0.3);
            }
        }
    }

    @Test
    void silenceAndExtremesDoNotWrap() {
        assertEquals((byte) 0xFF, G711.linearToUlaw((short) 0));
        assertEquals((byte) 0xD5, G711.linearToAlaw((short) 0));
        assertArrayEquals(new short[] {32124, -32124},
                new short[] {G711.ulawToLinear(G711.linearToUlaw(Short.MAX_VALUE)), G711.ulawToLinear(G711.linearToUlaw(Short.MIN_VALUE))});
        assertArrayEquals(new short[] {32256, -32256},
                new short[] {G711.alawToLinear(G711.linearToAlaw(Short.MAX_VALUE)), G711.alawToLinear(G711.linearToAlaw(Short.MIN_VALUE))});
    }
}
