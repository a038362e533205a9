package parley.cc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import parley.media.rtcp.TransportCcBuilder;
import parley.media.rtp.Hex;

/** Whatever a receiver sends as feedback, {@link BandwidthEstimator#onFeedback} counts it and goes on. */
class MalformedFeedbackTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            empty                                   | ''
            shorter than the fixed part             | 8f cd 00 03 00 00 00 01 00 00 00 02 00 00 00 03
            reserved run-length symbol (0x6018)     | 8f cd 00 05 00 00 00 01 00 00 00 02 00 00 00 18 00 00 00 00 60 18 00 00
            chunks missing                          | 8f cd 00 05 00 00 00 01 00 00 00 02 00 00 00 20 00 00 00 00 20 02 00 00
            deltas missing                          | 8f cd 00 05 00 00 00 01 00 00 00 02 00 00 00 03 00 00 00 00 40 03 00 00
            length field beyond the buffer          | 8f cd 00 09 00 00 00 01 00 00 00 02 00 00 00 01 00 00 00 00 20 01 04 00
            generic NACK, not transport-cc (FMT 1)  | 81 cd 00 03 00 00 00 01 00 00 00 02 00 05 00 00 00 00 00 00
            receiver report                         | 80 c9 00 01 00 00 00 01 00 00 00 00 00 00 00 00 00 00 00 00
            RTCP version 1                          | 4f cd 00 05 00 00 00 01 00 00 00 02 00 00 00 01 00 00 00 00 20 01 04 00
            """)
    void malformedFeedbackIsCounted(String why, String hex) {
        BandwidthEstimator estimator = new BandwidthEstimator(1_000_000, 50_000, 10_000_000);
        byte[] b = Hex.bytes(hex);
        estimator.onFeedback(b, 0, b.length, 1_000_000);
        assertEquals(1, estimator.malformedFeedback(), why);
        assertEquals(0, estimator.feedbackCount(), why);
        assertEquals(1_000_000, estimator.estimateBps(), why);
    }

    @Test
    void offsetAndLengthOutsideTheArrayAreCounted() {
        BandwidthEstimator estimator = new BandwidthEstimator(1_000_000, 50_000, 10_000_000);
        byte[] b = validFeedback();
        estimator.onFeedback(b, 0, b.length + 1, 0);
        estimator.onFeedback(b, -1, b.length, 0);
        estimator.onFeedback(b, 8, b.length, 0);
        estimator.onFeedback(null, 0, 0, 0);
        assertEquals(4, estimator.malformedFeedback());
        estimator.onFeedback(b, 0, b.length, 0);
        assertEquals(1, estimator.feedbackCount());
    }

    /** Random bytes, random truncations and random bit flips of a valid feedback: nothing escapes. */
    @Test
    void fuzzedFeedbackNeverThrows() {
        SplittableRandom random = new SplittableRandom(11);
        BandwidthEstimator estimator = new BandwidthEstimator(1_000_000, 50_000, 10_000_000);
        for (int seq = 0; seq < 2000; seq++) {
            estimator.onPacketSent(seq, 1200, seq * 1000L);
        }
        byte[] valid = validFeedback();
        int rounds = 30_000;
        for (int round = 0; round < rounds; round++) {
            long nowUs = 3_000_000L + round;
            if (round % 3 == 0) {
                byte[] b = new byte[random.nextInt(64)];
                random.nextBytes(b);
                estimator.onFeedback(b, 0, b.length, nowUs);
            } else if (round % 3 == 1) {
                long before = estimator.malformedFeedback();
                estimator.onFeedback(valid.clone(), 0, random.nextInt(valid.length), nowUs);
                assertEquals(before + 1, estimator.malformedFeedback(), "a truncation is malformed");
            } else {
                byte[] b = valid.clone();
                b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
                estimator.onFeedback(b, 0, b.length, nowUs);
            }
        }
        assertEquals(rounds, estimator.malformedFeedback() + estimator.feedbackCount());
        assertTrue(estimator.feedbackCount() > 0, "some bit flips leave valid feedback");
    }

    /** Packets 0..99 arrived 2 ms apart; two chunks' worth with large and small deltas. */
    private static byte[] validFeedback() {
        TransportCcBuilder builder = new TransportCcBuilder(1200).reset(1, 2, 0, 64_000, 0);
        for (int seq = 0; seq < 100; seq++) {
            builder.add(seq, 64_000 + seq * 2000L);
        }
        byte[] b = new byte[builder.size()];
        builder.write(b, 0);
        return b;
    }
}
