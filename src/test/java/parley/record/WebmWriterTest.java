package parley.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real VP8 and Opus (encoded by ffmpeg) as RTP through a {@link TrackRecorder} into WebM files
 * that ffprobe and ffmpeg read back: codec, duration, frame count, timeline offset, and a
 * decode without a single error.
 */
class WebmWriterTest {
    @TempDir
    Path dir;

    @Test
    void vp8FromRtpIsAWebmThatDecodes() throws IOException {
        List<SyntheticMedia.Frame> frames = SyntheticMedia.vp8(0x3050D0, 15, 4, 30);
        Path out = dir.resolve("video.webm");
        TrackRecorder track = new TrackRecorder(out, true);
        int seq = 65_500; // wraps during the test
        long ts = 0xFFFF0000L; // and so does the timestamp
        for (int i = 0; i < frames.size(); i++) {
            long arrival = 1_000 + i * 1000L / 15;
            for (byte[] p : SyntheticMedia.vp8Packets(frames.get(i), seq, ts, i, 300)) {
                track.packet(p, 0, p.length, arrival);
                seq = (seq + 1) & 0xFFFF;
            }
            ts = (ts + 6000) & 0xFFFFFFFFL;
        }
        TrackFile f = track.finish();

        assertEquals(frames.size(), f.frames());
        assertEquals(1_000, f.firstMs(), "the track starts where it started in the recording");
        assertEquals("vp8", SyntheticMedia.probe(out, "stream=codec_name"));
        assertEquals("320\n240", SyntheticMedia.probe(out, "stream=width,height"));
        double duration = Double.parseDouble(SyntheticMedia.probe(out, "format=duration"));
        assertEquals(5.0, duration, 0.2, "1 s offset + 4 s of video");
        String decoded = SyntheticMedia.run(List.of("ffprobe", "-v", "error", "-count_frames", "-select_streams", "v:0",
                "-show_entries", "stream=nb_read_frames", "-of", "default=nw=1:nk=1", out.toString())).strip();
        assertEquals(String.valueOf(frames.size()), decoded);
        SyntheticMedia.ffmpeg("-i", out.toString(), "-f", "null", "-"); // -v error: any decoding error fails
    }

    @Test
    void opusFromRtpIsAWebmThatDecodes() throws IOException {
        List<byte[]> packets = SyntheticMedia.opus(440, 3);
        Path out = dir.resolve("audio.webm");
        TrackRecorder track = new TrackRecorder(out, false);
        for (int i = 0; i < packets.size(); i++) {
            byte[] p = SyntheticMedia.opusPacket(packets.get(i), i, 960L * i);
            track.packet(p, 0, p.length, 500 + 20L * i);
        }
        TrackFile f = track.finish();

        assertEquals(packets.size(), f.frames());
        assertEquals("opus", SyntheticMedia.probe(out, "stream=codec_name"));
        assertEquals("48000", SyntheticMedia.probe(out, "stream=sample_rate"));
        assertEquals(3.5, Double.parseDouble(SyntheticMedia.probe(out, "format=duration")), 0.2);
        SyntheticMedia.ffmpeg("-i", out.toString(), "-f", "null", "-");
    }

    @Test
    void aGapInSendingStaysAGapInTheFile() throws IOException {
        List<byte[]> packets = SyntheticMedia.opus(660, 2);
        Path out = dir.resolve("gap.webm");
        TrackRecorder track = new TrackRecorder(out, false);
        for (int i = 0; i < packets.size(); i++) {
            long ts = 960L * i + (i >= 50 ? 48_000 * 3 : 0); // 3 s without packets after the first second
            byte[] p = SyntheticMedia.opusPacket(packets.get(i), i, ts);
            track.packet(p, 0, p.length, 20L * i + (i >= 50 ? 3_000 : 0));
        }
        TrackFile f = track.finish();

        assertTrue(f.lastMs() >= 4_900 && f.lastMs() <= 5_000, "last frame at " + f.lastMs() + " ms (expected: ~4980)");
        assertEquals(5.0, Double.parseDouble(SyntheticMedia.probe(out, "format=duration")), 0.1);
    }

    @Test
    void sizesAreShortestVariableLengthIntegers() {
        assertEquals("81", hex(new Ebml(8).size(1)));
        assertEquals("fe", hex(new Ebml(8).size(126)));
        assertEquals("407f", hex(new Ebml(8).size(127)), "127 in one byte would be all ones: reserved");
        assertEquals("4100", hex(new Ebml(8).size(256)));
        assertEquals("0100000000000005", hex(new Ebml(8).sizeIn(5, 8)));
        assertEquals("1a45dfa3", hex(new Ebml(8).id(WebmWriter.ID_EBML)));
        assertEquals("d78101", hex(new Ebml(8).uint(WebmWriter.ID_TRACK_NUMBER, 1)));
        assertEquals("2ad7b1830f4240", hex(new Ebml(8).uint(WebmWriter.ID_TIMECODE_SCALE, 1_000_000)));
    }

    private static String hex(Ebml e) {
        return java.util.HexFormat.of().formatHex(e.array(), 0, e.length());
    }
}
