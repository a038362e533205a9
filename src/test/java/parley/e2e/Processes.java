package parley.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Starting, waiting for and ending helper processes (browsers, ffmpeg, ip, python). */
public final class Processes {
    private Processes() {}

    /**
     * Runs a short command to completion and returns its output (stdout and stderr merged).
     *
     * @throws E2eException when it fails to start, exits non-zero or outlives {@code timeoutS}
     */
    public static String run(List<String> command, int timeoutS) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        try {
            Process p = builder.start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(timeoutS, TimeUnit.SECONDS)) {
                kill(p);
                throw new E2eException("`" + String.join(" ", command) + "` still running after " + timeoutS + " s");
            }
            String text = new String(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new E2eException("`" + String.join(" ", command) + "` exited " + p.exitValue()
                        + " (expected: 0): " + text.strip());
            }
            return text;
        } catch (IOException e) {
            throw new E2eException("cannot run `" + String.join(" ", command) + "`", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new E2eException("interrupted while running `" + String.join(" ", command) + "`", e);
        }
    }

    /** Like {@link #run} but returns the exit code and output instead of throwing on failure. */
    public static Result tryRun(List<String> command, int timeoutS) {
        try {
            return new Result(0, run(command, timeoutS));
        } catch (E2eException e) {
            return new Result(1, e.getMessage());
        }
    }

    /** The outcome of {@link #tryRun}: exit status 0 means success. */
    public record Result(int status, String output) {
        public boolean ok() {
            return status == 0;
        }
    }

    /**
     * Starts a long-running process with stdout and stderr appended to {@code logFile}.
     * {@code env} adds variables to this JVM's environment; a null value removes one.
     */
    public static Process start(List<String> command, Path logFile, Map<String, String> env) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        env.forEach((key, value) -> {
            if (value == null) {
                builder.environment().remove(key);
            } else {
                builder.environment().put(key, value);
            }
        });
        try {
            return builder.start();
        } catch (IOException e) {
            throw new E2eException("cannot start `" + String.join(" ", command) + "`", e);
        }
    }

    /**
     * Ends a process and all its descendants: SIGTERM, up to 3 s of grace, then SIGKILL.
     * Only this process tree is touched.
     */
    public static void kill(Process process) {
        if (process == null) {
            return;
        }
        List<ProcessHandle> tree = Stream.concat(process.descendants(), Stream.of(process.toHandle())).toList();
        tree.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        for (ProcessHandle h : tree) {
            long leftMs = Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
            try {
                h.onExit().get(leftMs, TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                h.destroyForcibly();
            }
        }
    }

    /**
     * The command to run a script of {@code src/test/python} with the system Python
     * (which has aiortc), unbuffered; pass {@link #PYTHON_ENV} as its environment.
     */
    public static List<String> python(String script, List<String> args) {
        List<String> command = new java.util.ArrayList<>(List.of(Browsers.PYTHON.toString(), "-u",
                Project.file("src/test/python/" + script).toString()));
        command.addAll(args);
        return command;
    }

    /** Environment for {@link #python}: no pyenv or virtualenv paths leak into the system Python. */
    public static final Map<String, String> PYTHON_ENV = pythonEnv();

    private static Map<String, String> pythonEnv() {
        Map<String, String> env = new java.util.HashMap<>();
        env.put("PYTHONUNBUFFERED", "1");
        env.put("PYTHONPATH", null);
        env.put("PYTHONHOME", null);
        env.put("VIRTUAL_ENV", null);
        return java.util.Collections.unmodifiableMap(env);
    }

    /** Reads a log file written by a process, or a note saying why it cannot. */
    public static String readLog(Path logFile) {
        try {
            return Files.readString(logFile, StandardCharsets.UTF_8);
        } catch (IOException | UncheckedIOException e) {
            return "(no log at " + logFile + ": " + e.getMessage() + ")";
        }
    }

    /** Deletes a directory tree, ignoring files that vanish or cannot be deleted. */
    public static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // best effort: a browser may still be writing while we clean up
        }
    }
}
