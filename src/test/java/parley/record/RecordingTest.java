package parley.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import parley.e2e.Poll;
import org.junit.jupiter.api.io.TempDir;
import parley.sfu.MediaTap;
import parley.sfu.TrackSink;

/**
 * A whole recording without a browser: two participants' real VP8 and Opus (from ffmpeg) handed
 * to the recording's sinks as the media loop would, the second joining 2 s later; stopped; then
 * the composed MP4 (real ffmpeg) holds H.264 and AAC of the meeting's length, each participant's
 * colour in its grid cell, and both tones in the mix.
 */
class RecordingTest {
    @TempDir
    Path dir;

    private final AtomicLong clock = new AtomicLong();

    record Outcome(String file, boolean uploaded, String failure) {}

    private CompletableFuture<Outcome> outcome = new CompletableFuture<>();
    private final RecordingListener listener = new RecordingListener() {
        @Override
        public void onSaved(String fileName, boolean uploaded) {
            outcome.complete(new Outcome(fileName, uploaded, null));
        }

        @Override
        public void onFailed(String message) {
            outcome.complete(new Outcome(null, false, message));
        }
    };

    private Recorder recorder(String upload) {
        Path folder = dir.resolve("recordings");
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return new Recorder(RecorderConfig.of(folder, false, upload), InstantSource.fixed(Instant.parse("2025-03-04T05:06:07Z")),
                clock::get);
    }

    /** Feeds {@code seconds} of one participant (colour, tone) from {@code startMs}. */
    private void feed(Recording r, String who, int rgb, int hz, long startMs, int seconds) throws IOException {
        TrackSink video = r.open(new MediaTap.TappedTrack(who, who + "v", "video", "camera"));
        TrackSink audio = r.open(new MediaTap.TappedTrack(who, who + "a", "audio", "mic"));
        List<SyntheticMedia.Frame> frames = SyntheticMedia.vp8(rgb, 15, seconds, 30);
        List<byte[]> opus = SyntheticMedia.opus(hz, seconds);
        int seq = 100;
        for (int i = 0; i < frames.size(); i++) {
            for (byte[] p : SyntheticMedia.vp8Packets(frames.get(i), seq, 6000L * i, i, 1000)) {
                video.onRtp(p, 0, p.length, seq++, 6000L * i, startMs + i * 1000L / 15);
            }
        }
        for (int i = 0; i < opus.size(); i++) {
            byte[] p = SyntheticMedia.opusPacket(opus.get(i), i, 960L * i);
            audio.onRtp(p, 0, p.length, i, 960L * i, startMs + 20L * i);
        }
    }

    @Test
    void twoParticipantsAreComposedIntoOneGridWithBothTones() throws Exception {
        Recorder recorder = recorder(null);
        Recording r = recorder.start("secret-room", listener);
        feed(r, "p1", 0xD03030, 440, 0, 6);
        feed(r, "p2", 0x3050D0, 1000, 2_000, 4);
        clock.set(6_000);
        r.stop();
        Outcome o = outcome.get(120, TimeUnit.SECONDS);

        assertNull(o.failure());
        assertTrue(o.file().matches("parley-20250304-050607-[0-9a-f]{12}\\.mp4"), o.file());
        Path mp4 = dir.resolve("recordings").resolve(o.file());
        assertEquals(List.of("h264", "aac"), MediaCheck.codecs(mp4));
        assertEquals(6.0, MediaCheck.durationSeconds(mp4), 0.5);
        try (var left = Files.list(dir.resolve("recordings"))) {
            assertEquals(List.of(mp4), left.toList(), "the working folder is gone once the file is stored");
        }
        // two tiles side by side: 640x720 cells, each 320x240 picture fitted to 640x480 in the middle
        assertTrue(MediaCheck.near(MediaCheck.meanColour(mp4, 4.0, 220, 260, 200, 200), 0xD03030, 40), "left: red");
        assertTrue(MediaCheck.near(MediaCheck.meanColour(mp4, 4.0, 860, 260, 200, 200), 0x3050D0, 40), "right: blue");
        assertTrue(MediaCheck.near(MediaCheck.meanColour(mp4, 1.0, 860, 260, 200, 200), 0x000000, 20),
                "right is black before its participant came");
        short[] both = MediaCheck.pcm(mp4, 3.0, 2.0);
        assertTrue(MediaCheck.toneShare(both, 16_000, 440) > 0.2, "440 Hz in the mix");
        assertTrue(MediaCheck.toneShare(both, 16_000, 1000) > 0.2, "1000 Hz in the mix");
        short[] first = MediaCheck.pcm(mp4, 0.5, 1.0);
        assertTrue(MediaCheck.toneShare(first, 16_000, 1000) < 0.01, "no 1000 Hz before its participant came");
        assertFalse(MediaCheck.durationSeconds(mp4) > 7);
    }

    @Test
    void aLostVideoPacketAsksTheSenderForAKeyframeUntilOneComes() throws Exception {
        Recording r = recorder(null).start("lossy-room", listener);
        TrackSink video = r.open(new MediaTap.TappedTrack("p1", "p1v", "video", "camera"));
        List<SyntheticMedia.Frame> frames = SyntheticMedia.vp8(0x30D030, 15, 2, 15); // keyframes at 0 and 1 s
        int seq = 100;
        for (int i = 0; i < 15; i++) {
            List<byte[]> packets = SyntheticMedia.vp8Packets(frames.get(i), seq, 6000L * i, i, 300);
            for (byte[] p : packets) {
                if (i != 5) video.onRtp(p, 0, p.length, seq, 6000L * i, i * 1000L / 15); // frame 5 is lost
                seq++;
            }
        }
        Poll.until("the recording asking for a keyframe after the loss", java.time.Duration.ofSeconds(10), video::wantsKeyframe);
        List<byte[]> key = SyntheticMedia.vp8Packets(frames.get(15), seq, 6000L * 15, 15, 300);
        for (byte[] p : key) video.onRtp(p, 0, p.length, seq++, 6000L * 15, 1000);
        Poll.until("no more asking once the keyframe came", java.time.Duration.ofSeconds(10), () -> !video.wantsKeyframe());
        clock.set(1_100);
        r.stop();
        outcome.get(120, TimeUnit.SECONDS);
    }

    @Test
    void anUploadMovesTheFileAndRemovesTheServersCopy() throws Exception {
        Path remote = dir.resolve("remote");
        Recorder recorder = recorder(":local:" + remote);
        Recording r = recorder.start(null, listener);
        feed(r, "p1", 0x30B040, 550, 0, 2);
        clock.set(2_000);
        r.stop();
        Outcome o = outcome.get(120, TimeUnit.SECONDS);

        assertNull(o.failure());
        assertTrue(o.uploaded());
        assertTrue(Files.size(remote.resolve(o.file())) > 1000, "the remote has it");
        try (var left = Files.list(dir.resolve("recordings"))) {
            assertEquals(List.of(), left.toList(), "the server's copy is removed after the confirmed upload");
        }
    }

    @Test
    void aFailedUploadKeepsTheFileAndSaysSo() throws Exception {
        Recorder recorder = recorder("nosuchremote:somewhere");
        Recording r = recorder.start(null, listener);
        feed(r, "p1", 0x30B040, 550, 0, 2);
        clock.set(2_000);
        r.stop();
        Outcome o = outcome.get(120, TimeUnit.SECONDS);

        assertTrue(o.failure().contains("could not be uploaded"), o.failure());
        try (var left = Files.list(dir.resolve("recordings"))) {
            List<Path> kept = left.toList();
            assertEquals(1, kept.size());
            assertTrue(o.failure().contains(kept.get(0).getFileName().toString()), "the message names the kept file");
        }
    }

    @Test
    void roomNamesOnlyWhenAsked() {
        assertEquals("team-standup", Recorder.safe("Team Standup"));
        assertEquals("a-b", Recorder.safe("a/../b".replace("..", "")));
    }
}
