package parley.record;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** RTP timestamps to milliseconds on the recording's timeline. */
class RtpTimeTest {
    @Test
    void theFirstPacketAnchorsAtItsArrivalThenTheRtpClockCounts() {
        RtpTime t = new RtpTime(48_000);
        assertEquals(2_000, t.toMs(123_456, 2_000));
        assertEquals(2_020, t.toMs(123_456 + 960, 2_090), "jitter in arrival does not move a frame");
        assertEquals(3_000, t.toMs(123_456 + 48_000, 3_001));
    }

    @Test
    void wrapsAroundAtTwoToTheThirtyTwo() {
        RtpTime t = new RtpTime(90_000);
        t.toMs(0x1_0000_0000L - 9_000, 0);
        assertEquals(100, t.toMs(0, 100), "at the wrap");
        assertEquals(200, t.toMs(9_000, 200), "after it");
        assertEquals(50, t.toMs(0x1_0000_0000L - 4_500, 210), "a reordered packet from before it");
    }

    @Test
    void aReorderedPacketMapsBackInTime() {
        RtpTime t = new RtpTime(90_000);
        t.toMs(900_000, 0);
        t.toMs(900_000 + 9_000, 100);
        assertEquals(50, t.toMs(900_000 + 4_500, 120));
    }

    @Test
    void aPauseInSendingKeepsItsLength() {
        RtpTime t = new RtpTime(48_000);
        t.toMs(0, 1_000);
        assertEquals(4_000, t.toMs(3 * 48_000, 4_100), "3 s of silence, then the next packet");
    }

    @Test
    void aClockJumpReanchorsAtArrival() {
        RtpTime t = new RtpTime(90_000);
        t.toMs(1_000, 0);
        assertEquals(600, t.toMs(1_000 + 90_000L * 3600, 600), "an hour ahead in 0.6 s: a restarted clock");
        assertEquals(700, t.toMs(1_000 + 90_000L * 3600 + 9_000, 710));
        assertEquals(1, t.resyncs());
    }
}
