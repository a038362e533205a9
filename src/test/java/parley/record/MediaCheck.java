package parley.record;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Looks into a composed recording with ffmpeg: the mean colour of a region of one decoded frame,
 * and the strength of a tone in the decoded audio (Goertzel's algorithm: one DFT bin).
 */
public final class MediaCheck {
    private MediaCheck() {}

    /** The mean colour (0xRRGGBB) of the rectangle x, y, w, h of the frame at {@code seconds}. */
    public static int meanColour(Path video, double seconds, int x, int y, int w, int h) throws IOException {
        Path raw = Files.createTempFile("frame", ".rgb");
        try {
            SyntheticMedia.ffmpeg("-ss", String.valueOf(seconds), "-i", video.toString(), "-frames:v", "1",
                    "-vf", "crop=%d:%d:%d:%d".formatted(w, h, x, y), "-f", "rawvideo", "-pix_fmt", "rgb24", raw.toString());
            byte[] px = Files.readAllBytes(raw);
            long r = 0, g = 0, b = 0;
            int n = px.length / 3;
            if (n == 0) throw new IOException("no frame at " + seconds + " s");
            for (int i = 0; i < n; i++) {
                r += px[3 * i] & 0xFF;
                g += px[3 * i + 1] & 0xFF;
                b += px[3 * i + 2] & 0xFF;
            }
            return (int) (r / n) << 16 | (int) (g / n) << 8 | (int) (b / n);
        } finally {
            Files.deleteIfExists(raw);
        }
    }

    /** Whether two colours are within {@code tolerance} per channel. */
    public static boolean near(int a, int b, int tolerance) {
        for (int shift = 0; shift <= 16; shift += 8) {
            if (Math.abs((a >> shift & 0xFF) - (b >> shift & 0xFF)) > tolerance) return false;
        }
        return true;
    }

    /** Mono 16-bit samples at 16 kHz of the file's audio from {@code fromSeconds} for {@code seconds}. */
    public static short[] pcm(Path media, double fromSeconds, double seconds) throws IOException {
        Path raw = Files.createTempFile("audio", ".pcm");
        try {
            SyntheticMedia.ffmpeg("-ss", String.valueOf(fromSeconds), "-t", String.valueOf(seconds), "-i", media.toString(),
                    "-vn", "-ac", "1", "-ar", "16000", "-f", "s16le", raw.toString());
            ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(raw)).order(ByteOrder.LITTLE_ENDIAN);
            short[] s = new short[b.remaining() / 2];
            b.asShortBuffer().get(s);
            return s;
        } finally {
            Files.deleteIfExists(raw);
        }
    }

    /** The power of {@code hz} in {@code samples} (at {@code rate}), relative to the signal's total power (0..1). */
    public static double toneShare(short[] samples, int rate, double hz) {
        double w = 2 * Math.PI * hz / rate;
        double coeff = 2 * Math.cos(w);
        double s1 = 0, s2 = 0, total = 0;
        for (short x : samples) {
            double s0 = x + coeff * s1 - s2;
            s2 = s1;
            s1 = s0;
            total += (double) x * x;
        }
        double power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
        // a pure tone's bin holds n/2 times its mean-square: normalise to a share of the total
        return total == 0 ? 0 : power / (total * samples.length / 2.0);
    }

    /** The stream codec names of a file, e.g. [h264, aac]. */
    public static List<String> codecs(Path media) throws IOException {
        return List.of(SyntheticMedia.probe(media, "stream=codec_name").split("\\s+"));
    }

    /**
     * The time of a file's last video packet: the length of a file whose header has none (a
     * browser's MediaRecorder WebM, an FLV still being written).
     */
    public static double packetSeconds(Path media) throws IOException {
        return packetSeconds(media, "v:0");
    }

    /** The time of the last packet of the stream {@code stream} selects (ffprobe's "v:0", "a:0"), 0 if none. */
    public static double packetSeconds(Path media, String stream) throws IOException {
        String out = SyntheticMedia.run(List.of("ffprobe", "-v", "error", "-select_streams", stream, "-show_entries", "packet=pts_time",
                "-of", "csv=p=0", media.toString()));
        // A packet with side data gets more (empty) columns: "0.000000," (a MediaRecorder WebM).
        return out.lines().map(l -> l.split(",", -1)[0].strip()).filter(l -> !l.isEmpty() && !l.equals("N/A"))
                .mapToDouble(Double::parseDouble).max().orElse(0);
    }

    public static double durationSeconds(Path media) throws IOException {
        return Double.parseDouble(SyntheticMedia.probe(media, "format=duration"));
    }
}
