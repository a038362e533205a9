package parley.bench;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.locks.LockSupport;
import parley.media.transport.FloorLoop;

/**
 * Runs a {@link FloorLoop}: the same synthetic packets as {@link ForwardBench}'s publisher, in
 * the same bursts, to K receivers; returns CPU microseconds per forwarded packet on the floor's
 * thread.
 */
final class FloorRun {
    /** CPU per forwarded packet, the kernel's share of it, bytes allocated per packet, and loss. */
    record Floor(double cpuUsPerPacket, double kernelPercent, double bytesPerPacket, double lossPercent) {}

    private FloorRun() {}

    static Floor run(String mode, int k, int packets) throws Exception {
        try (FloorLoop floor = new FloorLoop(mode, k);
             DatagramChannel sender = DatagramChannel.open()) {
            sender.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            SyntheticMedia media = new SyntheticMedia();
            ByteBuffer out = ByteBuffer.allocateDirect(1500);
            byte[] buf = new byte[1500];
            long[] sent = {0};
            send(floor, sender, media, out, buf, sent, Math.max(ForwardBench.BURST, packets / 4));
            FloorLoop.Result before = floor.sample();
            send(floor, sender, media, out, buf, sent, packets);
            FloorLoop.Result after = floor.sample();
            long cpu = after.cpuNanos() - before.cpuNanos();
            long user = after.userNanos() - before.userNanos();
            long forwarded = (long) packets * k;
            long received = after.forwarded() - before.forwarded();
            return new Floor(cpu / 1000.0 / forwarded, 100.0 * (cpu - user) / cpu,
                    (double) (after.bytesAllocated() - before.bytesAllocated()) / forwarded,
                    100.0 * Math.max(0, forwarded - received) / forwarded);
        }
    }

    private static void send(FloorLoop floor, DatagramChannel sender, SyntheticMedia media, ByteBuffer out,
            byte[] buf, long[] sent, int count) throws Exception {
        for (int done = 0; done < count; ) {
            int burst = Math.min(ForwardBench.BURST, count - done);
            for (int i = 0; i < burst; i++) {
                int len = media.next(buf);
                out.clear();
                out.put(buf, 0, len).flip();
                sender.send(out, floor.address());
            }
            done += burst;
            sent[0] += burst;
            await(floor, sent[0]);
        }
    }

    private static void await(FloorLoop floor, long expected) {
        long progress = floor.totalReceived();
        long progressAt = System.nanoTime();
        while (floor.minReceived() < expected) {
            LockSupport.parkNanos(100_000);
            long now = floor.totalReceived();
            if (now != progress) {
                progress = now;
                progressAt = System.nanoTime();
            } else if (System.nanoTime() - progressAt > ForwardBench.STALL_MS * 1_000_000L) {
                return;
            }
        }
    }
}
