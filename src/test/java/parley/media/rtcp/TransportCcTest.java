package parley.media.rtcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import parley.media.rtp.Hex;

/** Transport-cc feedback: captures parse and write back byte for byte; the builder picks chunks like libwebrtc. */
class TransportCcTest {
    private static final long X = TransportCc.NOT_RECEIVED;
    private static final long REF_CAPTURED_US = 6197520L * 64_000;

    @Test
    void capturedFeedbackParsesAndWritesBack() throws RtcpException {
        byte[] b = RtcpFixtures.capturedTransportCc();
        TransportCc feedback = TransportCc.parse(b, 0, b.length);
        long r = REF_CAPTURED_US;
        assertEquals(new TransportCc(1, 0xdd586eb6, 1, 6197520, 0, List.of(r + 7000, r + 10_000, r + 21_000,
                r + 35_000, r + 35_000, r + 36_000, r + 36_000, r + 38_000, r + 44_000)), feedback);
        byte[] out = new byte[feedback.size()];
        assertEquals(32, feedback.write(out, 0));
        assertArrayEquals(b, out);
    }

    @Test
    void pionFeedbackParsesAndWritesBack() throws RtcpException {
        byte[] b = RtcpFixtures.pionTransportCc();
        TransportCc feedback = TransportCc.parse(b, 0, b.length);
        assertEquals(4, feedback.baseSeq());
        assertEquals(1, feedback.feedbackCount());
        assertEquals(1074030L * 64_000 + 19_000, feedback.arrivalTimesUs().get(0));
        assertEquals(1074030L * 64_000 + 51_000, feedback.arrivalTimesUs().get(6));
        byte[] out = new byte[feedback.size()];
        feedback.write(out, 0);
        assertArrayEquals(b, out);
    }

    @Test
    void builderWritesTheCaptureFromArrivalTimes() {
        long r = REF_CAPTURED_US;
        long[] arrivals = {r + 7000, r + 10_100, r + 21_000, r + 34_950, r + 35_000, r + 36_000, r + 36_100,
            r + 38_000, r + 44_000};   // off the 250 us grid by up to 100 us: rounding is carried
        TransportCcBuilder builder = new TransportCcBuilder(1200).reset(1, 0xdd586eb6, 1, arrivals[0], 0);
        for (int i = 0; i < arrivals.length; i++) {
            assertTrue(builder.add(1 + i, arrivals[i]));
        }
        byte[] out = new byte[builder.size()];
        assertEquals(32, builder.write(out, 0));
        assertArrayEquals(RtcpFixtures.capturedTransportCc(), out);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            one-bit vector (draft example 0x9F1C)  | X 1 1 1 1 1 X X X 1 1 1 X X | 9f 1c
            two-bit vector with a negative delta   | 1 -200 X X X X X           | d8 00
            run of 221 lost (draft 0x00DD), then 1 | 221X 4                      | 00 dd 20 01
            run of 14 small deltas                 | 14*1                        | 20 0e
            8 symbols with a large one: 7 + 1      | 1 300 1 1 1 1 1 1           | d9 55 20 01
            """)
    void builderChoosesChunksLikeLibwebrtc(String why, String script, String chunks) throws RtcpException {
        long[] ticks = expand(script);
        TransportCcBuilder builder = new TransportCcBuilder(1200).reset(7, 8, 100, 0, 3);
        long timeUs = 0;
        for (int i = 0; i < ticks.length; i++) {
            timeUs += ticks[i] == X ? 0 : ticks[i] * 250;
            assertTrue(builder.add(100 + i, ticks[i] == X ? X : timeUs), why);
        }
        byte[] out = new byte[builder.size()];
        builder.write(out, 0);
        assertEquals(chunks, Hex.of(out, 20, chunks.length() / 3 + 1), why);
        List<Long> parsed = TransportCc.parse(out, 0, out.length).arrivalTimesUs();
        timeUs = 0;
        for (int i = 0; i < ticks.length; i++) {
            timeUs += ticks[i] == X ? 0 : ticks[i] * 250;
            assertEquals(ticks[i] == X ? X : timeUs, parsed.get(i), why + " packet " + i);
        }
    }

    @Test
    void builderReportsSkippedNumbersAsLostAndAcrossTheWrap() throws RtcpException {
        TransportCcBuilder builder = new TransportCcBuilder(1200).reset(1, 2, 65534, 64_000, 0);
        assertTrue(builder.add(65534, 64_000));
        assertTrue(builder.add(1, 65_000));            // 65535 and 0 lost
        byte[] out = new byte[builder.size()];
        builder.write(out, 0);
        List<String> seen = new ArrayList<>();
        TransportCc.forEach(out, 0, out.length, (seq, t) -> seen.add(seq + "=" + (t == X ? "lost" : t)));
        assertEquals(List.of("65534=64000", "65535=lost", "0=lost", "1=65000"), seen);
        assertThrows(IllegalArgumentException.class, () -> builder.add(0, 70_000));
    }

    @Test
    void builderRefusesWhatDoesNotFit() {
        TransportCcBuilder builder = new TransportCcBuilder(1200).reset(1, 2, 0, 0, 0);
        assertTrue(builder.add(0, 0));
        assertFalse(builder.add(1, 8_192_000));       // 32768 ticks: past a large delta
        assertTrue(builder.add(1, 8_191_750));        // 32767 ticks
        assertTrue(builder.add(2, 0));                // -32767 ticks
        TransportCcBuilder small = new TransportCcBuilder(24).reset(1, 2, 0, 0, 0);
        assertTrue(small.add(0, 1000));                // 20 + chunk 2 + delta 1 = 23
        assertTrue(small.add(1, 2000));                // 24
        assertFalse(small.add(2, 3000));
        assertEquals(2, small.statusCount());
    }

    @Test
    void randomFeedbackRoundTrips() throws RtcpException {
        SplittableRandom random = new SplittableRandom(42);
        TransportCcBuilder builder = new TransportCcBuilder(1200);
        for (int round = 0; round < 2000; round++) {
            int base = random.nextInt(65536);
            builder.reset(3, 4, base, 1_000_000, round & 0xFF);
            List<Long> expected = new ArrayList<>();
            long timeUs = 1_000_000;
            for (int i = 0; i < 300; i++) {
                int kind = random.nextInt(10);
                long arrival = kind < 3 ? X : timeUs + 250L * (kind < 8 ? random.nextInt(256) : random.nextInt(-2000, 2000));
                if (!builder.add(base + i, arrival)) {
                    break;
                }
                if (arrival != X) {
                    timeUs = arrival;
                }
                expected.add(arrival);
            }
            byte[] out = new byte[builder.size()];
            builder.write(out, 0);
            List<Long> times = TransportCc.parse(out, 0, out.length).arrivalTimesUs();
            assertEquals(expected, times.subList(0, expected.size()), "round " + round);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            reserved run-length symbol (draft example 0x6018) | 8f cd 00 05 00 00 00 01 00 00 00 02 00 00 00 18 00 00 00 00 60 18 00 00 | run-length symbol 3
            reserved symbol in a two-bit vector (0xCD50)      | 8f cd 00 05 00 00 00 01 00 00 00 02 00 00 00 07 00 00 00 00 cd 50 00 00 | status symbol 3
            chunks missing                                    | 8f cd 00 05 00 00 00 01 00 00 00 02 00 00 00 20 00 00 00 00 20 02 00 00 | chunks for 32 packets
            deltas missing                                    | 8f cd 00 05 00 00 00 01 00 00 00 02 00 00 00 03 00 00 00 00 40 03 00 00 | receive deltas
            deltas hidden by padding                          | af cd 00 05 00 00 00 01 00 00 00 02 00 00 00 02 00 00 00 00 20 02 01 02 | receive deltas
            shorter than the fixed part                       | 8f cd 00 03 00 00 00 01 00 00 00 02 00 00 00 03 | transport-cc length 16
            """)
    void rejectsMalformedFeedback(String why, String hex, String message) {
        byte[] b = Hex.bytes(hex);
        RtcpException e = assertThrows(RtcpException.class, () -> TransportCc.forEach(b, 0, b.length, (seq, t) -> { }), why);
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    /** "X" lost, "n" ticks of 250 us, "kX" k lost, "k*n" k times n. */
    private static long[] expand(String script) {
        List<Long> ticks = new ArrayList<>();
        for (String item : script.trim().split(" +")) {
            if (item.endsWith("X") && item.length() > 1) {
                for (int i = Integer.parseInt(item.substring(0, item.length() - 1)); i > 0; i--) {
                    ticks.add(X);
                }
            } else if (item.contains("*")) {
                String[] parts = item.split("\\*");
                for (int i = Integer.parseInt(parts[0]); i > 0; i--) {
                    ticks.add(Long.parseLong(parts[1]));
                }
            } else {
                ticks.add(item.equals("X") ? X : Long.parseLong(item));
            }
        }
        return ticks.stream().mapToLong(Long::longValue).toArray();
    }
}
