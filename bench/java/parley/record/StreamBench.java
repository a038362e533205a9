package parley.record;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import parley.sfu.MediaTap;
import parley.sfu.TrackSink;

/**
 * What a live stream costs (bench/stream.sh, bench/record.sh --stream): S streams of a
 * three-person meeting at once, and R server recordings of it beside them, each fed real VP8
 * (640x360, 30 fps) and Opus packets through the tap's sinks in real time (a live stream cannot
 * go faster), each stream to its own RTMP server (an ffmpeg listening on loopback that throws
 * the stream away). Prints, per row: the load average when it started and ended (the machine
 * is shared), how many streams went live, the CPU of the streams' threads and of their ffmpeg
 * encoders (from /proc) as a share of one core per stream, the encoders' resident memory per
 * stream, the whole JVM's CPU (the feeding thread stands for the media loop) and heap held, the
 * recordings' writer CPU, and the packets dropped because a stream or recording did not keep
 * up (a full ring: the sign that the machine is full); then how many streams fit.
 */
public final class StreamBench {
    private StreamBench() {}

    /** One row's figures. */
    record Row(int streams, int recordings, double loadBefore, double loadAfter, long live, double threadPct, double ffmpegPct,
               double ffmpegRssMb, double jvmPct, double heapMb, double writerPct, long dropped, double composeS) {}

    static Row run(List<RecordBench.Packet> meeting, int seconds, int streams, int recordings) throws Exception {
        double loadBefore = loadAverage();
        AtomicLong clock = new AtomicLong();
        Streamer streamer = new Streamer(new StreamConfig(List.of("127.0.0.1"), List.of("ffmpeg"), 2, 60_000), clock::get);
        Path folder = Files.createDirectories(Path.of("target/record-bench/stream-" + streams + "-" + recordings));
        Recorder recorder = new Recorder(RecorderConfig.of(folder, false, null), InstantSource.system(), clock::get);
        List<Process> servers = new ArrayList<>();
        List<LiveStream> live = new ArrayList<>();
        List<Recording> recs = new ArrayList<>();
        List<CompletableFuture<String>> saved = new ArrayList<>();
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
            sinks.add(open(s));
        }
        for (int i = 0; i < recordings; i++) {
            Recording rec = RecordBench.startRecording(recorder, saved);
            recs.add(rec);
            sinks.add(open(rec));
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
        long dropped = 0;
        for (LiveStream s : live) dropped += s.droppedPackets();
        for (Recording r : recs) dropped += r.droppedPackets();
        System.gc();
        long heapHeld = heapUsed() - heapBefore;
        for (LiveStream s : live) s.stop();
        long composeStart = System.nanoTime();
        for (Recording r : recs) r.stop();
        for (CompletableFuture<String> f : saved) f.get(30, TimeUnit.MINUTES);
        double composeS = (System.nanoTime() - composeStart) / 1e9;
        recorder.close();
        Thread.sleep(4_000);
        for (Process p : servers) p.destroyForcibly();
        int perStream = Math.max(1, streams);
        return new Row(streams, recordings, loadBefore, loadAverage(), flowing.get(),
                (cpuEnd[0] - cpuAtMeasure[0]) / 1e7 / measuredS / perStream,
                (cpuEnd[1] - cpuAtMeasure[1]) / 1e7 / measuredS / perStream,
                rssMb / perStream,
                (cpuEnd[3] - cpuAtMeasure[3]) / 1e7 / measuredS,
                Math.max(0, heapHeld) / 1e6,
                recordings == 0 ? 0 : (cpuEnd[2] - cpuAtMeasure[2]) / 1e7 / measuredS / recordings,
                dropped, composeS);
    }

    private static TrackSink[] open(MediaTap tap) {
        TrackSink[] t = new TrackSink[RecordBench.PEOPLE * 2];
        for (int k = 0; k < t.length; k++) {
            t[k] = tap.open(new MediaTap.TappedTrack("p" + k / 2, "t" + k, k % 2 == 0 ? "video" : "audio", k % 2 == 0 ? "camera" : "mic"));
        }
        return t;
    }

    /** CPU ns so far of the streams' threads, of the encoders (ffmpeg children reading pipe:0), of the recordings' threads, of the JVM. */
    private static double[] cpu() throws IOException {
        var mx = ManagementFactory.getThreadMXBean();
        double threads = 0;
        double writers = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            long ns = Math.max(0, mx.getThreadCpuTime(t.threadId()));
            if (t.getName().startsWith("live-stream-")) threads += ns;
            if (t.getName().startsWith("recording-") && !t.getName().startsWith("recording-compose")) writers += ns;
        }
        double encoders = 0;
        for (Path stat : encoders("stat")) encoders += ticks(Files.readString(stat), 11) * 10_000_000.0; // clock ticks of 10 ms
        double jvm = ticks(Files.readString(Path.of("/proc/self/stat")), 11) * 10_000_000.0;
        return new double[] {threads, encoders, writers, jvm};
    }

    /** utime + stime (fields 14 and 15 of /proc/pid/stat; {@code at}: utime's index after the command). */
    private static long ticks(String stat, int at) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[at]) + Long.parseLong(f[at + 1]);
    }

    private static double loadAverage() throws IOException {
        return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
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

    /** Prints the table for {@code rows}: "S" (S streams) or "S+R" (S streams and R recordings at once). */
    static void main(List<RecordBench.Packet> meeting, int seconds, List<String> rows) throws Exception {
        System.out.println("| streams | recordings | load avg (start, end) | live | stream thread CPU %/stream | ffmpeg CPU %/stream"
                + " | ffmpeg RSS MB/stream | JVM CPU % | heap MB | recording writer CPU %/rec | dropped | compose s |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|");
        double perStream = 0;
        double loadAtFit = 0;
        for (String spec : rows) {
            String[] sr = spec.split("\\+");
            Row r = run(meeting, seconds, Integer.parseInt(sr[0]), sr.length > 1 ? Integer.parseInt(sr[1]) : 0);
            if (r.recordings() == 0 && r.live() == r.streams() && r.dropped() == 0 && r.threadPct() + r.ffmpegPct() > perStream) {
                perStream = r.threadPct() + r.ffmpegPct(); // only rows where every stream went live and kept up
                loadAtFit = (r.loadBefore() + r.loadAfter()) / 2;
            }
            System.out.printf(Locale.ROOT, "| %d | %d | %.1f, %.1f | %d | %.2f | %.1f | %.0f | %.1f | %.1f | %.2f | %d | %.1f |%n",
                    r.streams(), r.recordings(), r.loadBefore(), r.loadAfter(), r.live(), r.threadPct(), r.ffmpegPct(),
                    r.ffmpegRssMb(), r.jvmPct(), r.heapMb(), r.writerPct(), r.dropped(), r.composeS());
        }
        int cores = Runtime.getRuntime().availableProcessors();
        if (perStream == 0) {
            System.out.println("\nno streams-only row had every stream live and keeping up: the machine is too busy to tell how many fit");
            return;
        }
        System.out.printf(Locale.ROOT, "%nfit on this machine's %d cores: about %.1f streams at once (%.0f %% of a core each,"
                + " measured at load average %.1f)%n", cores, cores * 100 / perStream, perStream, loadAtFit);
    }
}
