package parley.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import parley.sfu.MediaTap;
import parley.sfu.TrackSink;

/**
 * A live stream without a browser: one participant's real VP8 and Opus (from ffmpeg) handed to
 * the stream's sinks in real time, as the media loop would; a real ffmpeg listening for RTMP
 * on loopback takes the stream and keeps it as FLV. It goes live; the RTMP server is killed:
 * the stream says "reconnecting"; a new server on the same port: live again by itself. A lost
 * video packet makes the stream ask for a keyframe (the sender sends none by itself). Both
 * files hold H.264 and AAC of about the time streamed. And destinations are checked.
 */
class LiveStreamTest {
    private static final String KEY = "test-key";
    private static final int FPS = 15;
    /** A keyframe interval longer than the clip: its first frame is its only keyframe. */
    private static final int ONE_KEYFRAME = 1_000;
    private static final long KEYFRAME_GAP_MS = 500;

    @TempDir
    Path dir;

    private final LongSupplier clock = () -> System.nanoTime() / 1_000_000;
    private final LinkedBlockingQueue<String> events = new LinkedBlockingQueue<>();
    private volatile LiveStream.State state;
    private final LiveStreamListener listener = new LiveStreamListener() {
        @Override
        public void onState(LiveStream.State s) {
            state = s;
            events.add(s.name());
        }

        @Override
        public void onFailed(String message) {
            events.add("failed: " + message);
        }
    };

    @Test
    void goesLiveAndComesBackByItselfAfterTheServerRestarts() throws Exception {
        SyntheticMedia.vp8(0xD03030, FPS, 4, ONE_KEYFRAME); // made (and cached) before the clock runs
        SyntheticMedia.opus(440, 4);
        int port = freePort();
        Process first = rtmpServer(port, dir.resolve("first.flv"));
        Streamer streamer = new Streamer(new StreamConfig(List.of("127.0.0.1"), List.of("ffmpeg"), 1, 60_000), clock);
        LiveStream stream = streamer.start("rtmp://127.0.0.1:" + port + "/live", KEY, listener);
        Feed feed = new Feed(stream);
        feed.until(() -> state == LiveStream.State.LIVE, 60_000);
        long liveMs = clock.getAsLong();
        feed.until(() -> clock.getAsLong() - liveMs > 3_000, 10_000);
        int asked = feed.keyframesAsked;
        feed.loseOne = true; // the video stops at the lost frame until a keyframe: the stream asks for one
        feed.until(() -> feed.keyframesAsked > asked, 10_000);
        first.destroyForcibly().waitFor();
        feed.until(() -> state == LiveStream.State.RECONNECTING, 30_000);
        Process second = rtmpServer(port, dir.resolve("second.flv"));
        feed.until(() -> state == LiveStream.State.LIVE, 60_000);
        long backMs = clock.getAsLong();
        feed.until(() -> clock.getAsLong() - backMs > 3_000, 10_000);
        stream.stop();
        second.waitFor();
        assertEquals(List.of("STARTING", "LIVE", "RECONNECTING", "LIVE"), List.copyOf(events));
        assertEquals(0, awaitEnded(streamer), "the stream ended");

        assertEquals(List.of("h264", "aac"), MediaCheck.codecs(dir.resolve("first.flv")));
        assertTrue(MediaCheck.packetSeconds(dir.resolve("first.flv")) >= 2, "first: " + MediaCheck.packetSeconds(dir.resolve("first.flv")));
        assertEquals(List.of("h264", "aac"), MediaCheck.codecs(dir.resolve("second.flv")));
        assertTrue(MediaCheck.packetSeconds(dir.resolve("second.flv")) >= 2, "second: " + MediaCheck.packetSeconds(dir.resolve("second.flv")));
        assertTrue(MediaCheck.near(MediaCheck.meanColour(dir.resolve("second.flv"), 1.5, 560, 300, 160, 120), 0xD03030, 48),
                "the participant's picture fills the middle of the canvas");
    }

    @Test
    void onlyRtmpUrlsToAllowedHostsAreTaken() {
        Streamer streamer = new Streamer(new StreamConfig(List.of("a.rtmp.youtube.com", "live.example.org:1936"), List.of("ffmpeg"), 1, 1), clock);
        assertEquals("rtmp://a.rtmp.youtube.com/live2/abc", streamer.destination("rtmp://a.rtmp.youtube.com/live2", "abc"));
        assertEquals("rtmps://live.example.org:1936/app/k", streamer.destination("rtmps://live.example.org:1936/app/", "k"));
        assertEquals("rtmp://a.rtmp.youtube.com/live2/in-url", streamer.destination("rtmp://a.rtmp.youtube.com/live2/in-url", ""));
        for (String bad : List.of("http://a.rtmp.youtube.com/live2", "rtmp://127.0.0.1/live", "rtmp://live.example.org/app",
                "rtmp://user:pw@a.rtmp.youtube.com/live2", "not a url")) {
            assertThrows(IllegalArgumentException.class, () -> streamer.destination(bad, "k"), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> streamer.destination("rtmp://a.rtmp.youtube.com/live2", "a key"));
        assertThrows(IllegalArgumentException.class, () -> streamer.destination("rtmp://a.rtmp.youtube.com/live2", "../x"));
        Streamer any = new Streamer(new StreamConfig(List.of("*"), List.of("ffmpeg"), 1, 1), clock);
        assertEquals("rtmp://10.0.0.1/x/k", any.destination("rtmp://10.0.0.1/x", "k"));
    }

    private static int awaitEnded(Streamer s) throws InterruptedException {
        long end = System.nanoTime() + 10_000_000_000L;
        while (s.active() > 0 && System.nanoTime() < end) Thread.sleep(50);
        return s.active();
    }

    /** ffmpeg as an RTMP server that takes one stream and keeps it as FLV. */
    private static Process rtmpServer(int port, Path flv) throws IOException {
        // probing little and flushing every packet: what it took is on disk when it is killed
        return new ProcessBuilder("ffmpeg", "-nostdin", "-v", "error", "-probesize", "32768", "-analyzeduration", "500000",
                "-listen", "1", "-i", "rtmp://127.0.0.1:" + port + "/live/" + KEY,
                "-c", "copy", "-flush_packets", "1", "-f", "flv", "-y", flv.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /**
     * One participant (red, 440 Hz) in real time, looped, sending video as Chromium does: one
     * keyframe at the start, then a keyframe only when asked (the sink wants one; at most every
     * {@link #KEYFRAME_GAP_MS}, as a sender answers a PLI), never one by itself. Opus every 20 ms.
     */
    private final class Feed {
        private final TrackSink video;
        private final TrackSink audio;
        private final List<SyntheticMedia.Frame> frames = SyntheticMedia.vp8(0xD03030, FPS, 4, ONE_KEYFRAME);
        private final List<byte[]> opus = SyntheticMedia.opus(440, 4);
        private final long startMs = clock.getAsLong();
        private int frame;
        /** The next frame of the clip: 0 is its only keyframe; after its end it goes on from 1 (interframes). */
        private int clip;
        private long keyframeSentMs = Long.MIN_VALUE / 2;
        private int sound;
        private int seq;
        /** Keyframes sent because the sink wanted one. */
        volatile int keyframesAsked;
        /** Leaves out the next interframe (a loss). */
        volatile boolean loseOne;

        Feed(LiveStream stream) throws IOException {
            video = stream.open(new MediaTap.TappedTrack("p1", "v", "video", "camera"));
            audio = stream.open(new MediaTap.TappedTrack("p1", "a", "audio", "mic"));
        }

        /** Sends media in real time until {@code done}, failing after {@code maxMs}. */
        void until(BooleanSupplier done, long maxMs) throws InterruptedException {
            long deadline = clock.getAsLong() + maxMs;
            while (!done.getAsBoolean()) {
                long now = clock.getAsLong();
                if (now > deadline) throw new AssertionError("timed out; events: " + events);
                while (frame * 1000L / FPS <= now - startMs) {
                    long ts = 90_000L / FPS * frame;
                    if (video.wantsKeyframe() && now - keyframeSentMs >= KEYFRAME_GAP_MS) {
                        clip = 0;
                        keyframesAsked++;
                    }
                    if (clip == 0) keyframeSentMs = now;
                    for (byte[] p : SyntheticMedia.vp8Packets(frames.get(clip), seq, ts, frame, 1000)) {
                        if (loseOne && clip > 0) {
                            loseOne = false;
                            seq++;
                            continue;
                        }
                        video.onRtp(p, 0, p.length, seq++ & 0xFFFF, ts, now);
                    }
                    frame++;
                    clip = clip + 1 < frames.size() ? clip + 1 : 1;
                }
                while (sound * 20L <= now - startMs) {
                    byte[] p = SyntheticMedia.opusPacket(opus.get(sound % opus.size()), sound, 960L * sound);
                    audio.onRtp(p, 0, p.length, sound & 0xFFFF, 960L * sound, now);
                    sound++;
                }
                Thread.sleep(5);
            }
        }
    }
}
