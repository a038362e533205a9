package parley.record;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's recorder: starts {@link Recording}s (each with a working folder inside the
 * recordings folder), and when one ends composes its tracks into one MP4 with ffmpeg (a separate
 * process at a low priority, a bounded number at once), moves it into the recordings folder and,
 * if asked, uploads it with rclone. What was recorded is never deleted before what replaces it
 * is safe: the track files go only once the composed file is in the folder, the composed file
 * only after rclone confirmed its upload. Thread-safe.
 */
public final class Recorder {
    /** Counts and random ids only: never room names, nicknames or paths with them. */
    private static final Logger LOG = LoggerFactory.getLogger("parley.record");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final RecorderConfig config;
    private final InstantSource wallClock;
    private final LongSupplier clockMs;
    private final SecureRandom random = new SecureRandom();
    private final ExecutorService composers;
    private final AtomicInteger active = new AtomicInteger();
    /** Recordings still taking media, for {@link #close}. */
    private final java.util.Set<Recording> running = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** {@code clockMs}: the media loop's clock (packets carry its times); {@code wallClock}: for file names. */
    public Recorder(RecorderConfig config, InstantSource wallClock, LongSupplier clockMs) {
        this.config = config;
        this.wallClock = wallClock;
        this.clockMs = clockMs;
        this.composers = Executors.newFixedThreadPool(config.compositions(),
                Thread.ofPlatform().daemon().name("recording-compose-", 0).factory());
    }

    public RecorderConfig config() {
        return config;
    }

    /** Recordings running or being composed. */
    public int active() {
        return active.get();
    }

    /**
     * A new recording, not yet tapping anything: add it to the room's router. {@code roomName} is
     * used only with {@link RecorderConfig#roomNames()}.
     */
    public Recording start(String roomName, RecordingListener listener) throws IOException {
        String id = HexFormat.of().formatHex(bytes(6));
        String prefix = config.roomNames() && roomName != null ? safe(roomName) + "-" : "parley-";
        String fileName = prefix + DATE.format(wallClock.instant()) + "-" + id + ".mp4";
        Path work = Files.createDirectory(config.folder().resolve(".recording-" + id));
        Recording r = new Recording(id, work, fileName, clockMs, this, listener);
        active.incrementAndGet();
        running.add(r);
        r.start();
        LOG.info("recording {} started (recordings now: {})", id, active.get());
        return r;
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    /** A room name as a file name: letters, digits, '-' and '_' only, at most 64. */
    static String safe(String name) {
        String s = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]+", "-");
        return s.length() > 64 ? s.substring(0, 64) : s;
    }

    /** The recording's thread is done writing: compose and store in the background. */
    void finished(Recording r, List<TrackFile> files, String failure) {
        running.remove(r);
        LOG.info("recording {} stopped: {} tracks, {} ms, {} packets dropped at hand-over, {} lost",
                r.id(), files.size(), r.durationMs(), r.droppedPackets(), r.lostPackets());
        if (failure != null) {
            done(r, null, failure + "; what was recorded is kept on the server in " + r.workDir().getFileName());
            return;
        }
        if (files.isEmpty()) {
            try {
                deleteTree(r.workDir());
            } catch (IOException e) {
                LOG.warn("recording {}: its empty working folder stays", r.id());
            }
            done(r, null, "nothing was recorded: no one sent audio or video while the recording ran");
            return;
        }
        composers.execute(() -> composeAndStore(r, files));
    }

    private void composeAndStore(Recording r, List<TrackFile> files) {
        Path composed = r.workDir().resolve(r.fileName());
        try {
            compose(files, r.durationMs(), composed, r.workDir().resolve("compose.log"));
        } catch (IOException e) {
            LOG.warn("recording {}: composition failed: {}", r.id(), e.getMessage());
            done(r, null, "the recording could not be composed; its tracks are kept on the server in " + r.workDir().getFileName());
            return;
        }
        Path stored = config.folder().resolve(r.fileName());
        try {
            Files.move(composed, stored, StandardCopyOption.ATOMIC_MOVE);
            deleteTree(r.workDir());
        } catch (IOException e) {
            done(r, null, "the recording could not be stored; it is kept on the server in " + r.workDir().getFileName());
            return;
        }
        if (config.upload() == null) {
            done(r, r.fileName(), null);
            return;
        }
        try {
            Uploads.copy(config.rclone(), stored, config.upload(), r.fileName());
            Files.delete(stored);
            done(r, r.fileName(), null);
        } catch (IOException e) {
            LOG.warn("recording {}: upload failed: {}", r.id(), e.getMessage());
            done(r, null, "the recording could not be uploaded; it is kept on the server as " + r.fileName());
        }
    }

    /** Runs ffmpeg; its messages go to {@code log} (kept with the tracks if it fails). */
    void compose(List<TrackFile> files, long durationMs, Path out, Path log) throws IOException {
        List<String> cmd = new ArrayList<>(config.ffmpeg());
        cmd.addAll(Composition.arguments(files, durationMs, config.threads(), new Composition.Output.File(out.toString())));
        long start = System.nanoTime();
        Processes.run(cmd, log, 120 + durationMs / 1000 * 2);
        LOG.info("composed {} tracks of {} ms in {} ms", files.size(), durationMs, (System.nanoTime() - start) / 1_000_000);
    }

    private void done(Recording r, String savedAs, String failure) {
        active.decrementAndGet();
        if (savedAs != null) {
            LOG.info("recording {} saved{}", r.id(), config.upload() != null ? " and uploaded" : "");
            r.listener().onSaved(savedAs, config.upload() != null);
        } else {
            LOG.warn("recording {} failed (kept on the server)", r.id());
            r.listener().onFailed(failure);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) Files.delete(p);
        }
        Files.delete(dir);
    }

    /**
     * Server shutdown: every recording stops and closes its files (waiting a few seconds for
     * that), so that what was recorded stays readable in its working folder; compositions not
     * finished by then are not made.
     */
    public void close() {
        List<Recording> stopping = List.copyOf(running);
        for (Recording r : stopping) r.stop();
        for (Recording r : stopping) r.awaitWritten(5_000);
        composers.shutdown();
    }
}
