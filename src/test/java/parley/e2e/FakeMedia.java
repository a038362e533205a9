package parley.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fake camera and microphone files for browsers, made with ffmpeg once per JVM.
 *
 * <p>Participant {@code n} gets a video of a solid colour ({@link #colour(int)}) with a
 * small white bar moving along its top edge (so that every frame differs and encoders
 * keep sending), and a sine tone of its own frequency ({@link #toneHz(int)}). The centre
 * pixel of every frame is the solid colour, which lets a test tell who it is looking at.
 * Files live in one temporary directory deleted when the JVM exits. Thread-safe.
 */
public final class FakeMedia {
    public static final int WIDTH = 320;
    public static final int HEIGHT = 240;
    public static final int FPS = 15;
    public static final int LOOP_SECONDS = 4;

    /** Distinct saturated colours as 0xRRGGBB, far apart in hue. */
    private static final List<Integer> COLOURS =
            List.of(0xD03030, 0x30B040, 0x3050D0, 0xD0C030, 0xB040C0, 0x30C0C0, 0xE08020, 0x808080);

    private static final Map<String, Path> CACHE = new ConcurrentHashMap<>();
    private static volatile Path dir;

    private FakeMedia() {}

    /** The solid colour (0xRRGGBB) of participant {@code index}'s fake camera. */
    public static int colour(int index) {
        return COLOURS.get(Math.floorMod(index, COLOURS.size()));
    }

    /** The frequency in Hz of participant {@code index}'s fake microphone tone. */
    public static int toneHz(int index) {
        return 330 + 110 * Math.floorMod(index, COLOURS.size());
    }

    /** A Y4M file (I420, {@value #WIDTH}x{@value #HEIGHT}, {@value #FPS} fps) for Chromium's fake camera. */
    public static Path y4m(int index) {
        return y4m(index, WIDTH, HEIGHT);
    }

    /**
     * The same camera at {@code width}x{@code height}: 960x540 or more lets the web client
     * send all three simulcast layers (a smaller camera gets fewer), for tests of the layer
     * the server picks. About 46 MB at 960x540.
     */
    public static Path y4m(int index, int width, int height) {
        int rgb = colour(index);
        // A band of moving noise along the bottom makes the encoder spend real bits (a solid
        // frame costs ~100 bytes, too little for the loss test to lose anything that matters);
        // the centre stays the solid colour.
        String graph = "color=c=0x%06X:s=%dx%d:r=%d:d=%d[bg];color=c=white:s=40x24:r=%d:d=%d[bar];"
                .formatted(rgb, width, height, FPS, LOOP_SECONDS, FPS, LOOP_SECONDS)
                + "color=c=gray:s=%dx%d:r=%d:d=%d,noise=alls=60:allf=t[noise];"
                        .formatted(width, height / 5, FPS, LOOP_SECONDS)
                + "[bg][noise]overlay=x=0:y=%d:shortest=1[bn];".formatted(height - height / 5)
                + "[bn][bar]overlay=x='mod(t*80,%d)':y=0:shortest=1".formatted(width);
        String size = width == WIDTH && height == HEIGHT ? "" : "-" + width + "x" + height;
        return cached("camera-noise-" + Math.floorMod(index, COLOURS.size()) + size + ".y4m",
                List.of("-f", "lavfi", "-i", graph, "-pix_fmt", "yuv420p"));
    }

    /**
     * A 48 kHz mono 16-bit WAV file of a sine tone for Chromium's fake microphone, at half of
     * full scale: loud enough that the client counts it as speaking (ffmpeg's default of
     * 1/8 gives an audioLevel of about 0.014, under the client's 0.03).
     */
    public static Path wav(int index) {
        String source = "sine=frequency=%d:sample_rate=48000:duration=%d,volume=4"
                .formatted(toneHz(index), LOOP_SECONDS);
        return cached("mic-" + toneHz(index) + ".wav",
                List.of("-f", "lavfi", "-i", source, "-ac", "1", "-c:a", "pcm_s16le"));
    }

    private static Path cached(String name, List<String> ffmpegInput) {
        return CACHE.computeIfAbsent(name, n -> generate(n, ffmpegInput));
    }

    private static Path generate(String name, List<String> ffmpegArgs) {
        Path out = directory().resolve(name);
        List<String> command = new java.util.ArrayList<>(List.of("ffmpeg", "-nostdin", "-v", "error", "-y"));
        command.addAll(ffmpegArgs);
        command.add(out.toString());
        Processes.run(command, 30);
        if (!Files.isRegularFile(out)) {
            throw new E2eException("ffmpeg made no file " + out + " (expected: generated " + name + ")");
        }
        return out;
    }

    private static Path directory() {
        Path d = dir;
        if (d == null) {
            synchronized (FakeMedia.class) {
                if (dir == null) {
                    try {
                        dir = Files.createTempDirectory("parley-fake-media");
                    } catch (IOException e) {
                        throw new E2eException("cannot create the fake media directory", e);
                    }
                    Path created = dir;
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> Processes.deleteTree(created)));
                }
                d = dir;
            }
        }
        return d;
    }
}
