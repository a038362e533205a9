package parley.captions;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import parley.sfu.MediaTap.TappedTrack;
import parley.sfu.TrackSink;

/**
 * Live captions' cost and delay (bench/captions.sh), with the real Vosk model and an
 * espeak-ng sentence carried as 20 ms Opus packets, as the tap hands them over:
 * 1. CPU per captioned speaker (decode + resample + Vosk), as a share of one core: speaking
 *    all the time, speaking with pauses (the sentence, then 3 s of quiet), and silent;
 * 2. the caption delay: packets paced in real time through a {@link Captioner}, from the
 *    last packet of speech to the final line (the server's part; the network adds its own).
 */
public final class CaptionsBench {
    static final String SENTENCE = "hello everyone thank you for joining the meeting today";

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        Path dir = Files.createTempDirectory("parley-captions-bench");
        short[] speech = VoskRecognizersTest.to48k(TestAudio.readWav(TestAudio.espeak(dir, SENTENCE)));
        short[] quiet = TestAudio.tone(3_000, false);
        List<byte[]> spoken = TestAudio.opus(speech);
        List<byte[]> paused = new ArrayList<>(spoken);
        paused.addAll(TestAudio.opus(quiet));
        List<byte[]> silent = TestAudio.opus(TestAudio.tone(5_000, false));
        System.out.printf("sentence: %.1f s of speech; model: %s%n", speech.length / 48_000.0, TestModel.folder());
        try (VoskRecognizers vosk = new VoskRecognizers(TestModel.folder())) {
            cpu("speaking all the time", vosk, spoken, seconds);
            cpu("sentence, then 3 s quiet", vosk, paused, seconds);
            cpu("silent", vosk, silent, seconds);
            delay(vosk, paused, 5);
        }
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) Files.delete(p);
        }
        Files.delete(dir);
    }

    /** One speaker's {@code seconds} of audio, looped, as fast as one thread can: CPU seconds per second of audio. */
    static void cpu(String what, VoskRecognizers vosk, List<byte[]> clip, int seconds) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        AtomicLong lines = new AtomicLong();
        Speaker.Counts counts = new Speaker.Counts();
        Speaker s = new Speaker("p1", vosk, (who, text, fin) -> {
            if (fin) lines.incrementAndGet();
        }, counts);
        int packets = seconds * 50;
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long proc0 = os.getProcessCpuTime();
        long cpu0 = mx.getCurrentThreadCpuTime();
        long wall0 = System.nanoTime();
        for (int i = 0; i < packets; i++) {
            byte[] p = clip.get(i % clip.size());
            s.packet(p, 0, p.length, i);
        }
        s.close();
        double threadS = (mx.getCurrentThreadCpuTime() - cpu0) / 1e9;
        double cpuS = (os.getProcessCpuTime() - proc0) / 1e9; // the whole process: native threads, GC, JIT too
        double wallS = (System.nanoTime() - wall0) / 1e9;
        System.out.printf("%-26s %d s of audio: CPU %.2f s = %.1f%% of a core per speaker (%.0f speakers per core); "
                        + "(the captions thread alone %.2f s); wall %.2f s; %d of %d frames recognised; %d final lines%n",
                what, seconds, cpuS, 100 * cpuS / seconds, seconds / Math.max(cpuS, 1e-9), threadS, wallS,
                counts.recognisedFrames, counts.frames, lines.get());
    }

    /** Real-time pacing through the captions thread: ms from the last speech packet to each final line. */
    static void delay(VoskRecognizers vosk, List<byte[]> clip, int rounds) throws Exception {
        int speechPackets = clip.size() - 150;
        List<Long> finals = new java.util.concurrent.CopyOnWriteArrayList<>();
        Captioner c = new Captioner(vosk, (who, text, fin) -> {
            if (fin) finals.add(System.nanoTime());
        }).start();
        TrackSink sink = c.open(new TappedTrack("p1", "a1", "audio", "mic"));
        List<Long> delays = new ArrayList<>();
        int seq = 0;
        long next = System.nanoTime();
        for (int r = 0; r < rounds; r++) {
            long speechEnd = 0;
            int before = finals.size();
            for (int i = 0; i < clip.size(); i++) {
                byte[] rtp = TestAudio.rtp(clip.get(i), seq);
                next += 20_000_000L;
                long wait = next - System.nanoTime();
                if (wait > 0) Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                sink.onRtp(rtp, 0, rtp.length, seq++, 0, 0);
                if (i == speechPackets - 1) speechEnd = System.nanoTime();
            }
            if (finals.size() > before) delays.add((finals.get(before) - speechEnd) / 1_000_000);
        }
        c.close();
        c.awaitClosed(5_000);
        System.out.printf("caption delay (end of speech to final line, server side, real-time pacing): %s ms; dropped %d%n",
                delays, c.dropped());
    }
}
