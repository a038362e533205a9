package parley.record;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the recorder's helper programs (ffmpeg, rclone) as separate processes. */
final class Processes {
    private Processes() {}

    /**
     * Runs {@code cmd} with its output appended to {@code log}, waiting at most {@code timeoutSeconds};
     * throws when it cannot start, times out (it is killed) or exits with a status other than 0.
     */
    static void run(List<String> cmd, Path log, long timeoutSeconds) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        try {
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(name(cmd) + " took more than " + timeoutSeconds + " s");
            }
            if (p.exitValue() != 0) throw new IOException(name(cmd) + " exited with status " + p.exitValue());
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException(name(cmd) + " interrupted", e);
        }
    }

    /** The program's name (the last word of a prefix like "nice -n 10 ffmpeg" is found by the caller's message). */
    private static String name(List<String> cmd) {
        for (String c : cmd) if (c.endsWith("ffmpeg") || c.endsWith("rclone")) return c;
        return cmd.get(0);
    }
}
