package parley.record;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import parley.sfu.MediaTap;
import parley.sfu.TrackSink;

/**
 * What a live stream costs (bench/record.sh --stream): S streams of a three-person meeting at
 * once, each fed real VP8 (640x360, 30 fps) and Opus packets through the tap's sinks in real
 * time (a live stream cannot go faster), each to its own RTMP server (an ffmpeg listening on
 * loopback that throws the stream away). Prints, per S: the CPU of the streams' threads and of
 * their ffmpeg encoders (from /proc) as a share of one core, the encoders' resident memory and
 * the heap held, per stream; and how many streams fit on this machine's cores.
 */
public final class StreamBench {
    private StreamBench() {}

    /** One row: stream-thread CPU %, encoder CPU %, encoder RSS MB, heap MB (each per stream), live streams. */
    static double[] run(List<RecordBench.Packet> meeting, int seconds, int streams) throws Exception {
        AtomicLong clock = new AtomicLong();
        Streamer streamer = new Streamer(new StreamConfig(List.of("127.0.0.1"), List.of("ffmpeg"), 2, 60_000), clock::get);
        List<Process> servers = new ArrayList<>();
        List<LiveStream> live = new ArrayList<>();
        List<TrackSink[]> sinks = new ArrayList<>();
        AtomicLong flowing = new AtomicLong();
        System.gc();
        long heapBefore = heapUsed();
        for (int i = 0; i < streams; i++) {
            int port = 19_400 + i;
            servers.add(new ProcessBuilder("ffmpeg", "-v", "error", "-listen", "1", "-i", "rtmp://127.0.0.1:" + port + "/live/bench",
                    "-c", "copy", "-f", "null", "-").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
            LiveStream s = streamer.start("rtmp://127.0.0.1:" + port + "/live", "bench", new LiveStreamListener() {
                @Override
                public void onState(LiveStream.State state) {
                    if (state == LiveStream.State.LIVE) flowing.incrementAndGet();
                }

                @Override
                public void onFailed(String message) {
                    System.out.println("stream failed: " + message);
                }
            });
            live.add(s);
            TrackSink[] t = new TrackSink[RecordBench.PEOPLE * 2];
            for (int k = 0; k < t.length; k++) {
                t[k] = s.open(new MediaTap.TappedTrack("p" + k / 2, "t" + k, k % 2 == 0 ? "video" : "audio", k % 2 == 0 ? "camera" : "mic"));
            }
            sinks.add(t);
        }
        long startNs = System.nanoTime();
        long measureFrom = seconds * 1000L / 3; // after ffmpeg started and x264 settled
        double[] cpuAtMeasure = null;
        for (RecordBench.Packet p : meeting) {
            long wait = startNs + p.atMs() * 1_000_000 - System.nanoTime();
            if (wait > 0) TimeUnit.NANOSECONDS.sleep(wait);
            clock.set(p.atMs());
            if (cpuAtMeasure == null && p.atMs() >= measureFrom) cpuAtMeasure = cpu();
            for (TrackSink[] s : sinks) s[p.track()].onRtp(p.data(), 0, p.data().length, p.seq(), p.ts(), p.atMs());
        }
        double[] cpuEnd = cpu();
        double measuredS = (seconds * 1000L - measureFrom) / 1000.0;
        double rssMb = encoderRssKb() / 1024.0;
        System.gc();
        long heapHeld = heapUsed() - heapBefore;
        for (LiveStream s : live) s.stop();
        Thread.sleep(4_000);
        for (Process p : servers) p.destroyForcibly();
        return new double[] {
            (cpuEnd[0] - cpuAtMeasure[0]) / 1e7 / measuredS / streams,
            (cpuEnd[1] - cpuAtMeasure[1]) / 1e7 / measuredS / streams,
            rssMb / streams,
            Math.max(0, heapHeld) / 1e6 / streams,
            flowing.get(),
        };
    }

    /** CPU ns so far of the streams' threads, and of the encoders (ffmpeg children reading pipe:0). */
    private static double[] cpu() throws IOException {
        var mx = ManagementFactory.getThreadMXBean();
        double threads = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("live-stream-")) threads += Math.max(0, mx.getThreadCpuTime(t.threadId()));
        }
        double encoders = 0;
        for (Path stat : encoders("stat")) {
            String s = Files.readString(stat);
            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
            encoders += (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000.0; // clock ticks of 10 ms
        }
        return new double[] {threads, encoders};
    }

    private static long encoderRssKb() throws IOException {
        long kb = 0;
        for (Path status : encoders("status")) {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmRSS:")) kb += Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return kb;
    }

    /** /proc/<pid>/{@code file} of this process's children that encode a live stream. */
    private static List<Path> encoders(String file) {
        List<Path> out = new ArrayList<>();
        ProcessHandle.current().children().forEach(c -> {
            String cmd = c.info().arguments().map(a -> String.join(" ", a)).orElse("");
            if (cmd.contains("pipe:0")) out.add(Path.of("/proc/" + c.pid() + "/" + file));
        });
        return out;
    }

    private static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Prints the table for {@code counts} streams at once. */
    static void main(List<RecordBench.Packet> meeting, int seconds, int[] counts) throws Exception {
        System.out.println("| streams | live | stream thread CPU %/stream | ffmpeg CPU %/stream | ffmpeg RSS MB/stream | heap MB/stream |");
        System.out.println("|---|---|---|---|---|---|");
        double perStream = 0;
        for (int s : counts) {
            double[] row = run(meeting, seconds, s);
            if (row[4] == s) perStream = Math.max(perStream, row[0] + row[1]); // only rows where every stream went live
            System.out.printf(Locale.ROOT, "| %d | %.0f | %.2f | %.1f | %.0f | %.1f |%n", s, row[4], row[0], row[1], row[2], row[3]);
        }
        int cores = Runtime.getRuntime().availableProcessors();
        if (perStream == 0) {
            System.out.println("\nno row had every stream live: the machine is too busy to tell how many fit");
            return;
        }
        System.out.printf(Locale.ROOT, "%nfit on this machine's %d cores: about %.1f streams at once (%.0f %% of a core each)%n",
                cores, cores * 100 / perStream, perStream);
    }
}
