package parley.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import parley.app.SfuMediaPlane;

/**
 * Packet loss on the way to one receiver: the server drops 5 % of the RTP it sends to Lou
 * (its test hook), Lou's browser asks for the missing packets (NACK), the server answers
 * from its packet cache, and Lou's video keeps decoding.
 */
@Tag("e2e")
@Tag("solo") // run alone (pom.xml, e2e-solo): bounds how long the video may stall
class LossE2eTest {
    @RegisterExtension
    static final ParleyServerExtension PARLEY = ParleyServerExtension.onLoopback();

    private static final String ROOM = "lossy-line-" + Long.toString(System.nanoTime(), 36);
    private static final String SENDER_NAME = "Sam Sender";
    private static final String LOSSY_NAME = "Lou Lossy";
    private static final double DROP_RATE = 0.05;
    private static final Duration LOSSY_PERIOD = Duration.ofSeconds(10);
    /** At {@link FakeMedia#FPS} fps, 10 s are 150 frames; a receiver that recovers decodes most of them. */
    private static final long MIN_FRAMES_IN_PERIOD = 60;

    /** The longest time Lou's frame count may stand still while packets are lost. */
    private static final Duration MAX_STALL = Duration.ofSeconds(3);

    private static ChromiumSession senderBrowser;
    private static ChromiumSession lossyBrowser;

    @BeforeAll
    static void startBrowsers() {
        if (PARLEY.skipped()) {
            return;
        }
        senderBrowser = Browsers.chromium(0);
        lossyBrowser = Browsers.chromium(1);
    }

    @AfterAll
    static void stopBrowsersAndCheckTheLog() {
        for (ChromiumSession browser : new ChromiumSession[] {senderBrowser, lossyBrowser}) {
            if (browser != null) {
                browser.close();
            }
        }
        PARLEY.assertLogNeverHeld(ROOM, SENDER_NAME, LOSSY_NAME);
    }

    @Test
    void videoKeepsDecodingWhenFivePercentOfPacketsToOneReceiverAreLost(ServerHandle server) throws InterruptedException {
        String link = server.roomUrl("127.0.0.1", ROOM);
        MeetingClient sam = MeetingClient.in(senderBrowser.page()).joinMeeting(link, SENDER_NAME);
        MeetingClient lou = MeetingClient.in(lossyBrowser.page()).joinMeeting(link, LOSSY_NAME);
        lou.awaitSeesAndHears(sam);
        SfuMediaPlane media = server.running().media();

        assertTrue(media.setOutgoingLossForTests(lou.participantId(), DROP_RATE), "no media peer for Lou");
        Map<String, Long> before = media.counters();
        StatsProbe.Inbound start = video(lou, sam);
        Duration longestStall = longestStall(lou, sam, LOSSY_PERIOD);
        StatsProbe.Inbound end = video(lou, sam);
        Map<String, Long> after = media.counters();
        media.setOutgoingLossForTests(lou.participantId(), 0);

        String report = "video at start %s%nat end %s%nlongest stall %d ms%nserver counters before %s%nafter %s"
                .formatted(start, end, longestStall.toMillis(), before, after);
        System.out.println(report);
        assertTrue(end.framesDecoded() - start.framesDecoded() >= MIN_FRAMES_IN_PERIOD, report);
        assertTrue(longestStall.compareTo(MAX_STALL) < 0, "video froze: " + report);
        assertTrue(end.nackCount() > start.nackCount(), "Lou sent no NACK: " + report);
        assertTrue(delta(before, after, "testDropped") > 0, report);
        assertTrue(delta(before, after, "nackedPacketsAnswered") > 0, report);
        lou.awaitSeesAndHears(sam);
    }

    /** Watches {@code viewer}'s frames from {@code sender} for {@code period}; the longest time they stood still. */
    private static Duration longestStall(MeetingClient viewer, MeetingClient sender, Duration period)
            throws InterruptedException {
        long t0 = System.nanoTime();
        long lastFrames = -1;
        long lastChange = t0;
        long longest = 0;
        while (System.nanoTime() - t0 < period.toNanos()) {
            long now = System.nanoTime();
            long frames = video(viewer, sender).framesDecoded();
            if (frames != lastFrames) {
                lastFrames = frames;
                lastChange = now;
            }
            longest = Math.max(longest, now - lastChange);
            Thread.sleep(Poll.INTERVAL_MS); // sampling for a fixed period: nothing to wait for
        }
        return Duration.ofNanos(longest);
    }

    private static StatsProbe.Inbound video(MeetingClient viewer, MeetingClient sender) {
        return StatsProbe.find(viewer.stats(), "video", sender.participantId())
                .orElseThrow(() -> new AssertionError(viewer + " receives no video from " + sender));
    }

    private static long delta(Map<String, Long> before, Map<String, Long> after, String counter) {
        return after.getOrDefault(counter, 0L) - before.getOrDefault(counter, 0L);
    }
}
