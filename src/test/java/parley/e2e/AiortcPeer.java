package parley.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * An independent WebRTC participant: {@code src/test/python/aiortc_client.py} (written from
 * docs/protocol.md alone) run with the system Python as a child process, optionally inside
 * a {@link NetNs}. It stays {@link Options#duration()} in the room, then writes a summary
 * that {@link #awaitSummary()} parses. Its output goes to a log file; {@link #close()}
 * kills it if it is still running. Not thread-safe.
 */
public final class AiortcPeer implements AutoCloseable {
    /** How long past its duration the client may take to leave, close and write its summary. */
    private static final Duration EXIT_GRACE = Duration.ofSeconds(20);

    private final Options options;
    private final Path dir;
    private final Process process;

    /**
     * How to run the client.
     *
     * @param url       signaling URL, e.g. {@code wss://127.0.0.1:8443/ws}
     * @param colourRgb its synthetic camera's colour, 0xRRGGBB (a test can look for it)
     * @param toneHz    its synthetic microphone's frequency
     * @param password  the room password, or null
     * @param netns     the namespace to run in, or null for the root namespace
     * @param claimE2ee say {@code e2eeCapable} without encrypting: it then receives what the SFU
     *                  forwards in an end-to-end encrypted meeting (docs/e2ee.md), as the server has it
     */
    public record Options(String url, String room, String name, Duration duration, int colourRgb,
                          double toneHz, String password, NetNs netns, boolean claimE2ee) {
        public Options {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(room, "room");
            Objects.requireNonNull(name, "name");
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("duration " + duration + " (expected: positive)");
            }
        }

        /** Ten seconds in {@code room} with participant 5's colour and tone ({@link FakeMedia}). */
        public static Options of(String url, String room, String name) {
            return new Options(url, room, name, Duration.ofSeconds(10), FakeMedia.colour(5), FakeMedia.toneHz(5),
                    null, null, false);
        }

        public Options withName(String n) {
            return new Options(url, room, n, duration, colourRgb, toneHz, password, netns, claimE2ee);
        }

        public Options withDuration(Duration d) {
            return new Options(url, room, name, d, colourRgb, toneHz, password, netns, claimE2ee);
        }

        /** Camera colour and microphone tone of {@link FakeMedia} participant {@code index}. */
        public Options withMedia(int index) {
            return new Options(url, room, name, duration, FakeMedia.colour(index), FakeMedia.toneHz(index),
                    password, netns, claimE2ee);
        }

        public Options withPassword(String p) {
            return new Options(url, room, name, duration, colourRgb, toneHz, p, netns, claimE2ee);
        }

        public Options claimingE2ee() {
            return new Options(url, room, name, duration, colourRgb, toneHz, password, netns, true);
        }

        public Options inNamespace(NetNs ns) {
            return new Options(url, room, name, duration, colourRgb, toneHz, password, ns, claimE2ee);
        }
    }

    private AiortcPeer(Options options, Path dir, Process process) {
        this.options = options;
        this.dir = dir;
        this.process = process;
    }

    /** Starts the client; it joins at once. */
    public static AiortcPeer start(Options options) {
        Path dir;
        try {
            dir = Files.createTempDirectory("parley-aiortc");
        } catch (IOException e) {
            throw new E2eException("cannot create a directory for the aiortc client", e);
        }
        List<String> args = new ArrayList<>(List.of(options.url(), options.room(), options.name(),
                "--duration", Double.toString(options.duration().toMillis() / 1000.0),
                "--out", dir.resolve("summary.json").toString(),
                "--color", "%06x".formatted(options.colourRgb()),
                "--tone-hz", Double.toString(options.toneHz())));
        if (options.password() != null) {
            args.addAll(List.of("--password", options.password()));
        }
        if (options.claimE2ee()) {
            args.add("--claim-e2ee");
        }
        List<String> command = Processes.python("aiortc_client.py", args);
        if (options.netns() != null) {
            command = options.netns().exec(command);
        }
        return new AiortcPeer(options, dir, Processes.start(command, dir.resolve("client.log"), Processes.PYTHON_ENV));
    }

    /** Runs {@code aiortc_client.py --help} and returns its text (proves Python and aiortc import). */
    public static String help() {
        return Processes.run(Processes.python("aiortc_client.py", List.of("--help")), 30);
    }

    /**
     * Waits for the client to finish (its duration plus 20 s of grace) and returns its summary.
     *
     * @throws E2eException when it does not finish or writes no summary; the message holds its log
     */
    public AiortcSummary awaitSummary() {
        long waitMs = options.duration().plus(EXIT_GRACE).toMillis();
        try {
            if (!process.waitFor(waitMs, TimeUnit.MILLISECONDS)) {
                Processes.kill(process);
                throw new E2eException("aiortc client still running after " + waitMs + " ms; log:\n" + log());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new E2eException("interrupted waiting for the aiortc client", e);
        }
        Path summary = dir.resolve("summary.json");
        if (!Files.isRegularFile(summary)) {
            throw new E2eException("aiortc client exited " + process.exitValue() + " without a summary; log:\n" + log());
        }
        return AiortcSummary.parse(Json.parse(Processes.readLog(summary)));
    }

    /** The client's log (its stdout and stderr). */
    public String log() {
        return Processes.readLog(dir.resolve("client.log"));
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Kills the client if it still runs and deletes its files. */
    @Override
    public void close() {
        Processes.kill(process);
        Processes.deleteTree(dir);
    }
}
