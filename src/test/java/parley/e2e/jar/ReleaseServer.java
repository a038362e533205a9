package parley.e2e.jar;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import parley.e2e.E2eException;
import parley.e2e.Poll;
import parley.e2e.Processes;

/**
 * The release jar run the way an operator runs it: {@code java -jar parley.jar <flags>} as
 * a separate process of the same JDK as the tests, with its working directory, HOME
 * ({@code user.home} too: Java takes it from the password database, not from $HOME) and
 * temporary directory ({@code java.io.tmpdir} and $TMPDIR) each a fresh empty directory
 * that the test can inspect afterwards. Its stdout and stderr go, merged, to a file outside
 * those three. Not thread-safe: one test drives it.
 */
final class ReleaseServer implements AutoCloseable {
    /** The line Main prints once every part is listening. */
    static final String UP_LINE = "Parley is up: ";
    /** What Main logs when its shutdown hook has stopped every part. */
    static final String STOPPED_LINE = "Parley stopped";

    private final Path scratch;
    private final Path workDir;
    private final Path homeDir;
    private final Path tmpDir;
    private final Path outputFile;
    private final Process process;
    private final Thread reaper;

    private ReleaseServer(Path scratch, Process process) {
        this.scratch = scratch;
        this.workDir = scratch.resolve("work");
        this.homeDir = scratch.resolve("home");
        this.tmpDir = scratch.resolve("tmp");
        this.outputFile = scratch.resolve("output.log");
        this.process = process;
        // A test run stopped by Ctrl-C or a timeout leaves no server behind.
        this.reaper = new Thread(process::destroyForcibly, "release-server-reaper");
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    /** Starts {@code jar} with {@code flags}; returns at once (see {@link #awaitUp}). */
    static ReleaseServer start(Path jar, List<String> flags) {
        Path scratch;
        try {
            scratch = Files.createTempDirectory("parley-release-");
            for (String dir : List.of("work", "home", "tmp")) {
                Files.createDirectory(scratch.resolve(dir));
            }
        } catch (IOException e) {
            throw new E2eException("cannot create the server's directories", e);
        }
        Path home = scratch.resolve("home");
        Path tmp = scratch.resolve("tmp");
        List<String> command = new ArrayList<>(List.of(javaCommand(),
                "-Djava.io.tmpdir=" + tmp, "-Duser.home=" + home, "-jar", jar.toString()));
        command.addAll(flags);
        Map<String, String> env = new java.util.HashMap<>();
        env.put("HOME", home.toString());
        env.put("TMPDIR", tmp.toString());
        // Nothing from the test's environment may configure the server or add JVM output.
        System.getenv().keySet().stream()
                .filter(k -> k.startsWith("PARLEY_") || k.equals("JAVA_TOOL_OPTIONS")
                        || k.equals("JDK_JAVA_OPTIONS") || k.equals("_JAVA_OPTIONS"))
                .forEach(k -> env.put(k, null));
        ProcessBuilder builder = new ProcessBuilder(command).directory(scratch.resolve("work").toFile())
                .redirectErrorStream(true)
                .redirectOutput(scratch.resolve("output.log").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        env.forEach((key, value) -> {
            if (value == null) {
                builder.environment().remove(key);
            } else {
                builder.environment().put(key, value);
            }
        });
        try {
            return new ReleaseServer(scratch, builder.start());
        } catch (IOException e) {
            Processes.deleteTree(scratch);
            throw new E2eException("cannot start `" + String.join(" ", command) + "`", e);
        }
    }

    /** The java launcher of the JDK running the tests. */
    static String javaCommand() {
        return ProcessHandle.current().info().command()
                .orElseThrow(() -> new E2eException("cannot tell which java runs the tests"));
    }

    /** Waits for the start line and returns it; fails with the output if the process dies first. */
    String awaitUp(Duration timeout) {
        return Poll.await("the release jar printing \"" + UP_LINE + "\"", timeout, () -> {
            String line = output().lines().filter(l -> l.startsWith(UP_LINE)).findFirst().orElse(null);
            if (line == null && !process.isAlive()) {
                throw new AssertionError("the server exited " + process.exitValue() + " before it was up:\n" + output());
            }
            return line;
        }, java.util.Objects::nonNull, v -> "output so far:\n" + output());
    }

    /** Sends SIGTERM ({@link Process#destroy()}) and waits for the exit; returns the exit status. */
    int stop(Duration timeout) {
        process.destroy();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("the server still runs " + timeout.toMillis() + " ms after SIGTERM:\n" + output());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the server to stop", e);
        }
        return process.exitValue();
    }

    /** Everything the process wrote to stdout and stderr so far. */
    String output() {
        return Processes.readLog(outputFile);
    }

    long pid() {
        return process.pid();
    }

    /** The file the process's stdout and stderr go to. */
    Path outputFile() {
        return outputFile;
    }

    /**
     * The files (not devices, sockets or pipes) the process has open now, from
     * /proc/PID/fd: only what is open at this moment, not what was written and closed.
     */
    List<Path> openFiles() {
        Path fds = Path.of("/proc", String.valueOf(process.pid()), "fd");
        List<Path> files = new ArrayList<>();
        try (Stream<Path> links = Files.list(fds)) {
            for (Path link : links.toList()) {
                try {
                    Path target = Files.readSymbolicLink(link);
                    if (target.isAbsolute() && !target.startsWith("/dev")) {
                        files.add(target);
                    }
                } catch (IOException e) {
                    // closed between the listing and the read
                }
            }
        } catch (IOException e) {
            throw new E2eException("cannot list " + fds, e);
        }
        return files;
    }

    /**
     * HotSpot's performance-data file of this process: Linux HotSpot puts it in /tmp itself
     * (os::get_temp_directory), whatever java.io.tmpdir says, and deletes it at exit.
     */
    Path perfDataFile() {
        return Path.of("/tmp", "hsperfdata_" + System.getProperty("user.name"), String.valueOf(process.pid()));
    }

    /** The working directory, HOME and temporary directory the server was given. */
    Map<String, Path> givenDirs() {
        return Map.of("working directory", workDir, "HOME", homeDir, "java.io.tmpdir", tmpDir);
    }

    /** Every file and directory below {@code dir} (not {@code dir} itself). */
    static List<Path> contents(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(p -> !p.equals(dir)).toList();
        } catch (IOException e) {
            throw new E2eException("cannot list " + dir, e);
        }
    }

    /** Ends the process if it still runs and deletes its directories and output. */
    @Override
    public void close() {
        Processes.kill(process);
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook runs anyway
        }
        Processes.deleteTree(scratch);
    }
}
