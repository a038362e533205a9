package parley.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import org.junit.jupiter.api.Test;
import parley.app.Config;
import parley.app.Main;

/**
 * The load generator in this JVM against the whole server in this JVM, on loopback: a few
 * synthetic participants join, publish, receive each other's cameras on their slots and leave.
 */
class LoadRunTest {
    private static final int PARTICIPANTS = 4;

    @Test
    void participantsJoinReceiveEachOtherAndLeave() throws Exception {
        assumeTrue(hasFfmpegOrFixtures(), "needs ffmpeg (apt-get install ffmpeg) to encode the media once");
        try (Main.Running server = startServer()) {
            URI url = URI.create("https://127.0.0.1:" + server.web().port());
            LoadOptions options = LoadOptions.of(url, "load-run-test", PARTICIPANTS).withRampMs(50).withViewTiles(2);
            Report report;
            try (LoadRun run = LoadRun.start(options)) {
                assertTrue(run.awaitJoined(PARTICIPANTS, Duration.ofSeconds(30)), "joined: " + run.report());
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                // Slots fill at the keyframe each sender sends on request: wait for that too, not only for frames.
                while (System.nanoTime() < deadline && (run.receivingCount() < PARTICIPANTS || frames(run.report()) < 100
                        || run.report().number("video_slots_filled").doubleValue() < 2)) {
                    Thread.sleep(100);
                }
                report = run.stop();
            }
            assertEquals(PARTICIPANTS, report.number("joined").intValue(), report.toString());
            assertEquals(PARTICIPANTS, report.number("receiving").intValue(), report.toString());
            assertTrue(frames(report) >= 100, "VP8 frames received: " + report);
            assertTrue(report.number("video_slots_filled").doubleValue() >= 2, "two tiles each (the speaker may be one): " + report);
            assertTrue(report.number("audio_packets_received").longValue() > 0, report.toString());
            assertTrue(report.number("loss_percent").doubleValue() < 5, report.toString());
            assertEquals(Map.of(), report.fields().get("errors"), report.toString());
            assertTrue(report.number("join_p99_ms").longValue() < 30_000, report.toString());
        }
    }

    /** The fan-out of bench/versus-janus.sh: two publishers, two receive-only participants that get both cameras at 720p. */
    @Test
    void receiveOnlyParticipantsGetEveryPublisher() throws Exception {
        assumeTrue(hasFfmpegOrFixtures(), "needs ffmpeg (apt-get install ffmpeg) to encode the media once");
        try (Main.Running server = startServer()) {
            URI url = URI.create("https://127.0.0.1:" + server.web().port());
            LoadOptions options = LoadOptions.of(url, "load-fan-out-test", PARTICIPANTS).withRampMs(50).withPublishers(2);
            Report report;
            try (LoadRun run = LoadRun.start(options)) {
                assertTrue(run.awaitJoined(PARTICIPANTS, Duration.ofSeconds(30)), "joined: " + run.report());
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (System.nanoTime() < deadline && (run.receivingCount() < 2 || frames(run.report()) < 100
                        || run.report().number("video_slots_filled").doubleValue() < 1)) {
                    Thread.sleep(100);
                }
                report = run.stop();
            }
            assertEquals(PARTICIPANTS, report.number("joined").intValue(), report.toString());
            assertEquals(2, report.number("receiving").intValue(), "only the receivers: " + report);
            // Two receivers with two video slots each, averaged over all four participants.
            assertEquals(1.0, report.number("video_slots_filled").doubleValue(), report.toString());
            assertTrue(report.number("audio_packets_received").longValue() > 0, report.toString());
            assertEquals(Map.of(), report.fields().get("errors"), report.toString());
        }
    }

    private static Main.Running startServer() throws Exception {
        return Main.start(Config.parse(new String[] {"--bind=127.0.0.1", "--http-port=0", "--media-bind=127.0.0.1",
            "--media-port=0", "--public-ip=127.0.0.1"}), InstantSource.system());
    }

    private static long frames(Report r) {
        return r.number("frames_received").longValue();
    }

    private static boolean hasFfmpegOrFixtures() {
        if (Files.isDirectory(Path.of("target", "load-fixtures"))) return true;
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, "ffmpeg"))) return true;
        }
        return false;
    }
}
