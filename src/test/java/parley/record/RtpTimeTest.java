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

    /**
     * Lip sync: one sender captured a sound and a picture at the same moment (its wall clock
     * 1,000,100 ms), but the picture's packets arrived 200 ms after the sound's. By arrival the
     * two land 200 ms apart; by the sender's reports (NTP time to each track's RTP clock) and
     * one clock shared by the sender's tracks, at the same time.
     */
    @Test
    void senderReportsAlignASendersAudioAndVideoThatArrivedApart() {
        long audioBase = 1_000;
        long videoBase = 5_000_000;
        long audioTs = audioBase + 48 * 100;
        long videoTs = videoBase + 90 * 100;

        RtpTime audioByArrival = new RtpTime(48_000);
        RtpTime videoByArrival = new RtpTime(90_000);
        long offBy = videoByArrival.toMs(videoTs, 10_300) - audioByArrival.toMs(audioTs, 10_100);
        assertEquals(200, offBy, "without reports, the arrival offset stays in the recording");

        SenderClock sender = new SenderClock();
        RtpTime audio = new RtpTime(48_000, sender);
        RtpTime video = new RtpTime(90_000, sender);
        audio.senderReport(1_000_000, audioBase);
        video.senderReport(1_000_000, videoBase);
        long audioMs = audio.toMs(audioTs, 10_100);
        long videoMs = video.toMs(videoTs, 10_300);
        assertEquals(audioMs, videoMs, "captured together, placed together");
        assertEquals(10_100, audioMs, "the first frame fixes where the sender's clock lands on the timeline");
        assertEquals(audioMs + 1_000, video.toMs(videoTs + 90_000, 11_290), "and the picture a second later, a second later");
    }

    @Test
    void withoutAReportArrivalStillAnchorsTheTrack() {
        RtpTime t = new RtpTime(48_000, new SenderClock());
        assertEquals(2_000, t.toMs(123_456, 2_000));
        t.senderReport(9_000_000, 123_456);
        assertEquals(3_010, t.toMs(123_456 + 48_000, 3_010), "from the report on, the sender's clock, placed where this frame arrived");
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
