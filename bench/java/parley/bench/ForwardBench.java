package parley.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * How much the media thread spends to forward one RTP packet to one receiver, with a real
 * {@link parley.media.transport.MediaLoop}, {@link parley.sfu.Router} and loopback UDP clients
 * (ICE, DTLS, SRTP): CPU time and bytes allocated on the thread named "parley-media", divided by
 * the packets forwarded (packets in x fan-out K). The media thread's per-packet work is: receive,
 * SRTP decrypt, route, then per receiver rewrite, SRTP encrypt and send.
 *
 * <p>Run (from the project root):
 * <pre>
 * bench/forward.sh [packetsPerRun] [fanOut...]      # defaults: 10000 packets, K = 1 5 20 50
 * # which is:
 * export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
 * mvn -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * $JAVA_HOME/bin/java -Xmx1g -cp target/classes:target/test-classes:$(cat target/cp.txt) parley.bench.ForwardBench
 * </pre>
 * The sender sends in bursts of {@value #BURST} packets and waits until every receiver decrypted
 * them (or {@value #STALL_MS} ms pass without progress), so socket buffers never overflow.
 *
 * <p>"kernel %" is the share of the media thread's CPU time spent in the kernel (on loopback a
 * send also delivers into the receiver's socket); the JVM reads user time in 10 ms ticks, so it
 * means something only when the run used a second or more of media CPU. "idle" is the loop's own
 * periodic work (RTCP reports, consent, layer choice) per second with the room connected but silent.
 */
public final class ForwardBench {
    static final int BURST = 200;
    static final long STALL_MS = 1000;
    static final long CONSENT_REFRESH_MS = 5000;
    /** The two socket paths of --media-io, measured in turn in one run. */
    static final List<String> PATHS = List.of("batched", "nio");
    /** The batched path with a sealer thread (--media-threads 2): its floor is the batched one. */
    static final String TWO_THREADS = "batched-2t";

    /** Idle: the loop's own periodic work (ticks: RTCP reports, consent, layer choice) per second, no media. */
    static final long IDLE_MS = 1000;

    /**
     * @param cpuUsPerPacket  CPU of all media threads (the loop and any sealer) per forwarded packet
     * @param loopUsPerPacket CPU of the loop thread alone: what limits one meeting's packet rate
     */
    record Row(int fanOut, long packetsIn, long forwarded, double cpuUsPerPacket, double loopUsPerPacket,
            double kernelPercent, double bytesPerPacket, double lossPercent, double idleCpuMsPerS, double idleBytesPerS,
            Map<String, Long> counters) {}

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    public static void main(String[] args) throws Exception {
        int packets = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        List<Integer> fanOuts = new ArrayList<>();
        for (int i = 1; i < args.length; i++) fanOuts.add(Integer.parseInt(args[i]));
        if (fanOuts.isEmpty()) fanOuts = List.of(1, 5, 20, 50);
        THREADS.setThreadCpuTimeEnabled(true);
        THREADS.setThreadAllocatedMemoryEnabled(true);

        Map<String, List<Row>> rows = new java.util.LinkedHashMap<>();
        Map<String, List<FloorRun.Floor>> floors = new java.util.LinkedHashMap<>();
        for (String path : PATHS) {
            System.setProperty("parley.mediaIo", path); // MediaLoop's default, read when a loop starts
            run(2, packets, 1); // JIT warm-up, not reported
            FloorRun.run(path, 2, packets);
            List<Row> r = new ArrayList<>();
            List<FloorRun.Floor> f = new ArrayList<>();
            for (int k : fanOuts) {
                r.add(run(k, packets, 1));
                f.add(FloorRun.run(path, k, packets));
            }
            rows.put(path, r);
            floors.put(path, f);
        }
        System.setProperty("parley.mediaIo", "batched");
        run(2, packets, 2);
        List<Row> two = new ArrayList<>();
        for (int k : fanOuts) two.add(run(k, packets, 2));
        rows.put(TWO_THREADS, two);
        floors.put(TWO_THREADS, floors.get("batched"));
        ForwardReport.print(fanOuts, rows, floors);
    }

    /** One room with fan-out {@code k}: a warm-up of a quarter of the packets, then the measured packets. */
    static Row run(int k, int packets, int mediaThreads) throws Exception {
        try (ForwardRoom room = new ForwardRoom(k, mediaThreads)) {
            SyntheticMedia media = new SyntheticMedia();
            byte[] buf = new byte[1500];
            long[] sent = {0};
            send(room, media, buf, sent, Math.max(BURST, packets / 4));
            List<Thread> threads = room.loop.threads();
            long loopThread = threads.getFirst().threadId();
            Map<String, Long> countersBefore = room.loop.counters().snapshot();
            long receivedBefore = room.totalReceived();
            long loopBefore = THREADS.getThreadCpuTime(loopThread);
            long cpuBefore = cpu(threads);
            long userBefore = user(threads);
            long bytesBefore = allocated(threads);

            send(room, media, buf, sent, packets);

            long cpu = cpu(threads) - cpuBefore;
            long loopCpu = THREADS.getThreadCpuTime(loopThread) - loopBefore;
            long kernel = cpu - (user(threads) - userBefore);
            long bytes = allocated(threads) - bytesBefore;
            long forwarded = (long) packets * k;
            long received = room.totalReceived() - receivedBefore;
            double loss = 100.0 * Math.max(0, forwarded - received) / forwarded;
            Map<String, Long> counters = difference(room.loop.counters().snapshot(), countersBefore);

            long idleCpu = cpu(threads);
            long idleBytes = allocated(threads);
            Thread.sleep(IDLE_MS);
            idleCpu = cpu(threads) - idleCpu;
            idleBytes = allocated(threads) - idleBytes;
            return new Row(k, packets, forwarded, cpu / 1000.0 / forwarded, loopCpu / 1000.0 / forwarded,
                    100.0 * kernel / cpu,
                    (double) bytes / forwarded, loss, idleCpu / 1e6 * 1000 / IDLE_MS, idleBytes * 1000.0 / IDLE_MS,
                    counters);
        }
    }

    /** Sends {@code count} packets in bursts, each followed by a wait until the receivers have it. */
    private static void send(ForwardRoom room, SyntheticMedia media, byte[] buf, long[] sent, int count)
            throws Exception {
        long lastConsentMs = System.currentTimeMillis();
        for (int done = 0; done < count; ) {
            int burst = Math.min(BURST, count - done);
            if (room.takeKeyframeRequest()) media.requestKeyframe();
            for (int i = 0; i < burst; i++) {
                int len = media.next(buf);
                room.sender.sendRtp(buf, 0, len);
            }
            done += burst;
            sent[0] += burst;
            awaitReceivers(room, sent[0]);
            if (System.currentTimeMillis() - lastConsentMs > CONSENT_REFRESH_MS) {
                room.refreshConsent();
                lastConsentMs = System.currentTimeMillis();
            }
        }
    }

    private static void awaitReceivers(ForwardRoom room, long expected) {
        long progress = room.totalReceived();
        long progressAt = System.nanoTime();
        while (room.minReceived() < expected) {
            LockSupport.parkNanos(100_000);
            long now = room.totalReceived();
            if (now != progress) {
                progress = now;
                progressAt = System.nanoTime();
            } else if (System.nanoTime() - progressAt > STALL_MS * 1_000_000L) {
                return; // lost packets: the loss column shows them
            }
        }
    }

    private static long cpu(List<Thread> threads) {
        return sum(threads, THREADS::getThreadCpuTime);
    }

    private static long user(List<Thread> threads) {
        return sum(threads, THREADS::getThreadUserTime);
    }

    private static long allocated(List<Thread> threads) {
        return sum(threads, THREADS::getThreadAllocatedBytes);
    }

    /** A per-thread figure (by thread id) summed over {@code threads}. */
    private static long sum(List<Thread> threads, java.util.function.LongUnaryOperator perThread) {
        long sum = 0;
        for (Thread t : threads) sum += perThread.applyAsLong(t.threadId());
        return sum;
    }

    /** The counters that changed during the measurement. */
    private static Map<String, Long> difference(Map<String, Long> after, Map<String, Long> before) {
        Map<String, Long> d = new java.util.LinkedHashMap<>();
        after.forEach((name, v) -> {
            long delta = v - before.getOrDefault(name, 0L);
            if (delta != 0) d.put(name, delta);
        });
        return d;
    }
}
