package parley.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The media every synthetic participant sends: three VP8 simulcast layers and Opus, encoded once
 * by Debian's ffmpeg (libvpx, libopus) from lavfi's testsrc2 and sine sources into a cache
 * folder (IVF and Ogg files, reused when present), then parsed here. 6 s at 30 fps with a keyframe
 * every 60 frames (2 s), so the loop keeps the keyframe rhythm; libvpx in real-time mode without
 * alt-ref frames, as a browser encodes. Immutable once loaded; shared by every participant.
 *
 * @param layers low to high: q (320x180), h (640x360), f (1280x720)
 * @param opus   Opus packets of 20 ms each
 */
record MediaFixtures(List<VideoFixture> layers, List<byte[]> opus) {
    /** The simulcast layers as the offer names them (rids), lowest first, and their encodings. */
    static final List<Layer> LAYERS = List.of(
            new Layer("q", 320, 180, 150),
            new Layer("h", 640, 360, 500),
            new Layer("f", 1280, 720, 1500));
    static final int FPS = 30;
    static final int KEYFRAME_INTERVAL_FRAMES = 60;
    static final int SECONDS = 6;
    static final int OPUS_KBPS = 32;
    static final int OPUS_FRAME_MS = 20;
    private static final String AUDIO_FILE = "mic.ogg";
    private static final long FFMPEG_TIMEOUT_S = 120;

    /** One simulcast layer's encoding. */
    record Layer(String rid, int width, int height, int kbps) {
        String file() {
            return rid + "-" + width + "x" + height + "-" + kbps + "k.ivf";
        }
    }

    MediaFixtures {
        layers = List.copyOf(layers);
        opus = List.copyOf(opus);
        if (layers.size() != LAYERS.size()) {
            throw new IllegalArgumentException(layers.size() + " video layers (expected: " + LAYERS.size() + ")");
        }
    }

    /** Loads the fixtures from {@code dir}, making the missing ones with ffmpeg first. */
    static MediaFixtures load(Path dir) throws IOException {
        Files.createDirectories(dir);
        List<VideoFixture> layers = new ArrayList<>();
        for (Layer layer : LAYERS) {
            Path file = ensure(dir.resolve(layer.file()), videoCommand(layer));
            layers.add(IvfReader.parse(Files.readAllBytes(file)));
        }
        Path audio = ensure(dir.resolve(AUDIO_FILE), audioCommand());
        return new MediaFixtures(layers, OggOpusReader.parse(Files.readAllBytes(audio)));
    }

    private static List<String> videoCommand(Layer l) {
        String kbps = l.kbps() + "k";
        return List.of("-f", "lavfi", "-i", "testsrc2=size=" + l.width() + "x" + l.height() + ":rate=" + FPS,
                "-t", String.valueOf(SECONDS), "-c:v", "libvpx", "-b:v", kbps, "-minrate", kbps, "-maxrate", kbps,
                "-bufsize", kbps, "-g", String.valueOf(KEYFRAME_INTERVAL_FRAMES),
                "-keyint_min", String.valueOf(KEYFRAME_INTERVAL_FRAMES), "-deadline", "realtime", "-cpu-used", "8",
                "-lag-in-frames", "0", "-auto-alt-ref", "0", "-error-resilient", "1", "-threads", "1", "-f", "ivf");
    }

    private static List<String> audioCommand() {
        return List.of("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000", "-t", String.valueOf(SECONDS),
                "-c:a", "libopus", "-b:a", OPUS_KBPS + "k", "-frame_duration", String.valueOf(OPUS_FRAME_MS),
                "-application", "voip", "-f", "ogg");
    }

    /** Runs ffmpeg into a temporary file and renames it, so a parallel run never reads half a file. */
    private static Path ensure(Path file, List<String> args) throws IOException {
        if (Files.isRegularFile(file) && Files.size(file) > 0) return file;
        Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        List<String> command = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin", "-y"));
        command.addAll(args);
        command.add(tmp.toString());
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw new IOException("cannot run ffmpeg to make " + file + " (install Debian's ffmpeg: apt-get install ffmpeg)", e);
        }
        try {
            String output = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(FFMPEG_TIMEOUT_S, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("ffmpeg failed making " + file + ": " + output.strip());
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while ffmpeg made " + file, e);
        } finally {
            p.destroy();
            Files.deleteIfExists(tmp);
        }
    }
}
