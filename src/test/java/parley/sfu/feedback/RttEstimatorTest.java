package parley.sfu.feedback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** RTT from LSR/DLSR (RFC 3550 §6.4.1), with the RFC's own example. */
class RttEstimatorTest {
    @Test
    void ntpTimestampOfAUnixTime() {
        // 2023-11-14T22:13:20.250Z = 1 700 000 000.25 s since 1970.
        long ntp = RttEstimator.ntpTimestamp(1_700_000_000_250L);
        assertEquals(1_700_000_000L + 2_208_988_800L, ntp >>> 32);
        assertEquals(0x4000_0000L, ntp & 0xFFFF_FFFFL);
        assertEquals(((1_700_000_000L + 2_208_988_800L) & 0xFFFF) << 16 | 0x4000, RttEstimator.middle32(ntp));
    }

    @Test
    void rfc3550Example() {
        // RFC 3550 §6.4.1 figure 2: A = 0xb710:8000 (46864.500 s), LSR = 0xb705:2000 (46853.125 s),
        // DLSR = 0x0005:4000 (5.250 s): RTT = 6.125 s.
        RttEstimator rtt = new RttEstimator();
        assertTrue(rtt.onReportBlock(0xb710_8000L, 0xb705_2000L, 0x0005_4000L));
        assertEquals(6125, rtt.rttMs());
    }

    @Test
    void samplesAreSmoothedAndUnknownUntilTheFirst() {
        RttEstimator rtt = new RttEstimator();
        assertEquals(-1, rtt.rttMs());
        assertEquals(100, rtt.rttMsOr(100));
        long lsr = 0x1234_0000L;
        rtt.onReportBlock(lsr + 0x0001_0000L + 0x1999, lsr, 0x0001_0000L);   // 100 ms (0x1999/65536 s)
        assertEquals(99, rtt.rttMs());
        rtt.onReportBlock(lsr + 0x0001_0000L + 0x3333, lsr, 0x0001_0000L);   // 200 ms
        assertEquals((3 * 99 + 199) / 4, rtt.rttMs());
    }

    @Test
    void blocksWithoutAnSrOrWithImpossibleDelaysGiveNoSample() {
        RttEstimator rtt = new RttEstimator();
        assertFalse(rtt.onReportBlock(0x5000_0000L, 0, 0));                      // LSR 0: no SR yet
        assertFalse(rtt.onReportBlock(0x5000_0000L, 0x5000_0000L, 0x0001_0000L)); // 1 s in the future
        assertFalse(rtt.onReportBlock(0x5000_0000L, 0x4000_0000L, 0));           // 4096 s
        assertEquals(-1, rtt.rttMs());
        assertTrue(rtt.onReportBlock(0x5000_0000L, 0x5000_0000L - 10, 20));       // rounding: counts as 0
        assertEquals(0, rtt.rttMs());
    }

    @Test
    void theDifferenceWrapsAt32Bits() {
        RttEstimator rtt = new RttEstimator();
        assertTrue(rtt.onReportBlock(0x0000_8000L, 0xFFFF_8000L, 0));   // LSR just before the wrap, 1 s
        assertEquals(1000, rtt.rttMs());
    }
}
