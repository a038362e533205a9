package parley.record;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
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
 * What a server recording costs (bench/record.sh): R recordings of a three-person meeting at
 * once, each fed real VP8 (640x360, 30 fps) and Opus packets through the tap's sinks as the
 * media loop would (faster than real time, paced so that no ring overflows); then each is
 * composed by ffmpeg as in production. Prints, per R: the CPU of the tap's copies (the media
 * loop's share), of the recordings' threads (reorder, depacketize, WebM), both per second of
 * meeting, the heap held per recording, and ffmpeg's wall time and CPU (from this process's
 * reaped children) per minute of meeting; and how many recordings fit. With --stream, what a
 * live stream costs instead ({@link StreamBench}).
 */
public final class RecordBench {
    static final int PEOPLE = 3;
    /** Meeting seconds fed per second of bench time. */
    static final int SPEEDUP = 8;
    /** Packets handed over between two pacing pauses (and two CPU clock reads). */
    static final int BATCH = 64;

    record Packet(int track, byte[] data, int seq, long ts, long atMs) {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--stream")) {
            int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
            List<String> rows = List.of((args.length > 2 ? args[2] : "1,2,1+2,2+2").split(","));
            List<Packet> meeting = meeting(Files.createDirectories(Path.of("target/record-bench")), seconds);
            System.out.printf(Locale.ROOT, "live streams of a meeting of %d people, %d s in real time%n%n", PEOPLE, seconds);
            StreamBench.main(meeting, seconds, rows);
            return;
        }
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int[] counts = args.length > 1 ? java.util.Arrays.stream(args[1].split(",")).mapToInt(Integer::parseInt).toArray() : new int[] {1, 2, 4};
        Path dir = Files.createDirectories(Path.of("target/record-bench"));
        List<Packet> meeting = meeting(dir, seconds);
        System.out.printf(Locale.ROOT, "meeting: %d people, %d s, %d packets (%.0f per second)%n%n",
                PEOPLE, seconds, meeting.size(), meeting.size() / (double) seconds);
        System.out.println("| recordings | tap copy µs/pkt | tap CPU %/rec | writer CPU %/rec | heap MB/rec | dropped | compose s/min (wall) | ffmpeg CPU s/min |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        double writerPct = 0, ffmpegCpuPerMin = 0, tapPct = 0;
        for (int r : counts) {
            double[] row = run(dir, meeting, seconds, r);
            tapPct = row[1];
            writerPct = row[2];
            ffmpegCpuPerMin = row[6];
            System.out.printf(Locale.ROOT, "| %d | %.2f | %.3f | %.2f | %.1f | %.0f | %.1f | %.1f |%n", r, row[0], row[1], row[2], row[3], row[4], row[5], row[6]);
        }
        System.out.printf(Locale.ROOT, "%nfit on one core: %.0f recordings writing at once (tap + writer), "
                + "and compositions keep up with %.1f recordings per core (ffmpeg CPU s per meeting minute: %.1f)%n",
                100 / (tapPct + writerPct), 60 / ffmpegCpuPerMin, ffmpegCpuPerMin);
    }

    /** One row: tap µs/packet, tap %, writer %, heap MB per recording, dropped, compose wall s/min, ffmpeg CPU s/min. */
    private static double[] run(Path dir, List<Packet> meeting, int seconds, int recordings) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("out-" + recordings));
        AtomicLong clock = new AtomicLong();
        Recorder recorder = new Recorder(RecorderConfig.of(folder, false, null), InstantSource.system(), clock::get);
        List<Recording> recs = new ArrayList<>();
        List<CompletableFuture<String>> saved = new ArrayList<>();
        List<TrackSink[]> sinks = new ArrayList<>();
        System.gc();
        long heapBefore = heapUsed();
        for (int i = 0; i < recordings; i++) {
            Recording rec = startRecording(recorder, saved);
            recs.add(rec);
            TrackSink[] s = new TrackSink[PEOPLE * 2];
            for (int t = 0; t < s.length; t++) {
                s[t] = rec.open(new MediaTap.TappedTrack("p" + t / 2, "t" + t, t % 2 == 0 ? "video" : "audio", t % 2 == 0 ? "camera" : "mic"));
            }
            sinks.add(s);
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long writerBefore = writerCpuNs(mx);
        long tapNs = 0;
        long startNs = System.nanoTime();
        for (int batch = 0; batch < meeting.size(); batch += BATCH) {
            long due = startNs + meeting.get(batch).atMs() * 1_000_000 / SPEEDUP;
            long wait = due - System.nanoTime();
            if (wait > 0) TimeUnit.NANOSECONDS.sleep(wait);
            long t0 = mx.getCurrentThreadCpuTime(); // per batch: the clock's own cost spread over BATCH packets
            for (int i = batch; i < Math.min(meeting.size(), batch + BATCH); i++) {
                Packet p = meeting.get(i);
                clock.set(p.atMs());
                for (TrackSink[] s : sinks) s[p.track()].onRtp(p.data(), 0, p.data().length, p.seq(), p.ts(), p.atMs());
            }
            tapNs += mx.getCurrentThreadCpuTime() - t0;
        }
        clock.set(seconds * 1000L);
        Thread.sleep(200); // the last drain
        long writerNs = writerCpuNs(mx) - writerBefore;
        long dropped = 0;
        for (Recording rec : recs) dropped += rec.droppedPackets();
        System.gc();
        long heapHeld = heapUsed() - heapBefore;
        long childBefore = childCpuTicks();
        long composeStart = System.nanoTime();
        for (Recording rec : recs) rec.stop();
        for (CompletableFuture<String> f : saved) f.get(30, TimeUnit.MINUTES);
        double composeWallS = (System.nanoTime() - composeStart) / 1e9;
        double ffmpegCpuS = (childCpuTicks() - childBefore) / 100.0;
        recorder.close();
        double minutes = seconds / 60.0;
        return new double[] {
            tapNs / 1000.0 / (meeting.size() * (double) recordings),
            tapNs / 1e7 / seconds / recordings,
            writerNs / 1e7 / seconds / recordings,
            Math.max(0, heapHeld) / 1e6 / recordings,
            dropped,
            composeWallS / minutes / recordings,
            ffmpegCpuS / minutes / recordings,
        };
    }

    /** A recording whose saved file name (or failure) completes a future added to {@code saved}. */
    static Recording startRecording(Recorder recorder, List<CompletableFuture<String>> saved) throws IOException {
        CompletableFuture<String> f = new CompletableFuture<>();
        saved.add(f);
        return recorder.start(null, new RecordingListener() {
            @Override
            public void onSaved(String fileName, boolean uploaded) {
                f.complete(fileName);
            }

            @Override
            public void onFailed(String message) {
                f.completeExceptionally(new IOException(message));
            }
        });
    }

    private static long writerCpuNs(ThreadMXBean mx) {
        long sum = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("recording-") && !t.getName().startsWith("recording-compose")) {
                long ns = mx.getThreadCpuTime(t.threadId());
                if (ns > 0) sum += ns;
            }
        }
        return sum;
    }

    private static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** cutime + cstime of this process (clock ticks, 100 per second): the CPU of children it reaped, ffmpeg here. */
    private static long childCpuTicks() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[13]) + Long.parseLong(f[14]);
    }

    /** Three people's camera and microphone packets in arrival order, with their times. */
    private static List<Packet> meeting(Path dir, int seconds) throws IOException {
        List<Packet> all = new ArrayList<>();
        for (int p = 0; p < PEOPLE; p++) {
            Path ivf = dir.resolve("cam-" + p + "-" + seconds + ".ivf");
            if (!Files.exists(ivf)) {
                SyntheticMedia.ffmpeg("-f", "lavfi", "-i", "testsrc2=s=640x360:r=30:d=" + seconds + ",hue=h=" + (p * 120),
                        "-c:v", "libvpx", "-deadline", "realtime", "-cpu-used", "8", "-b:v", "800k", "-g", "90", ivf.toString());
            }
            List<SyntheticMedia.Frame> frames = SyntheticMedia.ivfFrames(Files.readAllBytes(ivf));
            int seq = 1000 * p;
            for (int i = 0; i < frames.size(); i++) {
                for (byte[] pkt : SyntheticMedia.vp8Packets(frames.get(i), seq, 3000L * i, i, 1100)) {
                    all.add(new Packet(2 * p, pkt, seq++ & 0xFFFF, 3000L * i, i * 1000L / 30));
                }
            }
            List<byte[]> opus = SyntheticMedia.opus(300 + 200 * p, seconds);
            for (int i = 0; i < opus.size(); i++) {
                all.add(new Packet(2 * p + 1, SyntheticMedia.opusPacket(opus.get(i), i, 960L * i), i, 960L * i, 20L * i));
            }
        }
        all.sort(java.util.Comparator.comparingLong(Packet::atMs));
        return all;
    }
}
