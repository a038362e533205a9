package parley.record;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One run of the live stream's ffmpeg: it reads a {@link LiveMatroska} of the meeting's tracks on
 * its standard input, composes them ({@link Composition#liveArguments}) and sends the result to
 * the RTMP URL. Its progress lines (standard output) tell whether output flows, which is how the
 * stream knows it is live. Its messages may hold the URL with the stream key, so they are kept
 * only in memory, with the URL and key blanked, for a debug line. The stream's thread owns it;
 * the two readers are virtual threads of their own.
 */
final class LiveEncoder implements AutoCloseable {
    private static final int KEPT_LINES = 8;

    private final Process process;
    private final LiveMatroska mux;
    /** ffmpeg's last output time (µs), -1 before any; from the progress reader. */
    private volatile long outTimeUs = -1;
    private final Deque<String> lastLines = new ArrayDeque<>();

    private LiveEncoder(Process process, List<TrackFormat> formats, List<String> secrets) throws IOException {
        this.process = process;
        Thread.ofVirtual().name("live-progress").start(() -> readProgress(process));
        Thread.ofVirtual().name("live-messages").start(() -> readMessages(process, secrets));
        this.mux = new LiveMatroska(new BufferedOutputStream(process.getOutputStream(), 64 * 1024), formats);
    }

    /** Starts ffmpeg ({@code command}: the program and what goes before its arguments). */
    static LiveEncoder start(List<String> command, List<Composition.LiveTrack> tracks, List<TrackFormat> formats,
                             int threads, String url, List<String> secrets) throws IOException {
        List<String> cmd = new ArrayList<>(command);
        cmd.addAll(Composition.liveArguments(tracks, threads, url));
        Process p = new ProcessBuilder(cmd).start();
        try {
            return new LiveEncoder(p, formats, secrets);
        } catch (IOException e) {
            p.destroyForcibly();
            throw e;
        }
    }

    LiveMatroska mux() {
        return mux;
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Whether ffmpeg has written output (to a connected RTMP server). */
    boolean flowing() {
        return outTimeUs > 0;
    }

    /** ffmpeg's exit status, or -1 while it runs. */
    int exitStatus() {
        return process.isAlive() ? -1 : process.exitValue();
    }

    /** ffmpeg's last messages, URL and key blanked (for a debug line). */
    String lastMessages() {
        synchronized (lastLines) {
            return String.join(" | ", lastLines);
        }
    }

    private void readProgress(Process p) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.startsWith("out_time_us=")) {
                    try {
                        outTimeUs = Long.parseLong(line.substring(12).strip());
                    } catch (NumberFormatException e) {
                        // "N/A" before the first frame
                    }
                }
            }
        } catch (IOException e) {
            // ffmpeg ended
        }
    }

    private void readMessages(Process p, List<String> secrets) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                for (String s : secrets) if (!s.isEmpty()) line = line.replace(s, "(secret)");
                synchronized (lastLines) {
                    if (lastLines.size() == KEPT_LINES) lastLines.removeFirst();
                    lastLines.addLast(line.length() > 200 ? line.substring(0, 200) : line);
                }
            }
        } catch (IOException e) {
            // ffmpeg ended
        }
    }

    /** Ends ffmpeg: its input closes (it finishes the stream), and it is killed if it takes more than a few seconds. */
    @Override
    public void close() {
        try {
            mux.flush();
            process.getOutputStream().close();
        } catch (IOException e) {
            // it has gone already
        }
        try {
            if (!process.waitFor(3, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
