package parley.cc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * {@link BandwidthEstimator} allocates nothing per packet or per feedback in steady state, counted
 * by ThreadMXBean for this thread after a warm-up. The least of three windows: a one-off JIT event
 * on a loaded machine may allocate a few bytes in one window; an allocation per packet or per
 * feedback shows in all three.
 */
class EstimatorAllocationTest {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final long WINDOW_US = 10_000_000;

    @Test
    void onPacketSentAllocatesNothing() {
        BandwidthEstimator estimator = new BandwidthEstimator(1_000_000, 50_000, 20_000_000);
        int rounds = 100_000;
        sendPackets(estimator, 0, 3 * rounds);
        long overhead = THREADS.getCurrentThreadAllocatedBytes();
        overhead = THREADS.getCurrentThreadAllocatedBytes() - overhead;
        long least = Long.MAX_VALUE;
        for (int window = 3; window < 6 && least > 0; window++) {
            long before = THREADS.getCurrentThreadAllocatedBytes();
            sendPackets(estimator, window * rounds, rounds);
            least = Math.min(least, THREADS.getCurrentThreadAllocatedBytes() - before - overhead);
        }
        assertEquals(0, least, "bytes allocated by " + rounds + " onPacketSent");
    }

    /**
     * A {@link SimulatedPath} (itself allocation-free) sends at the estimate over a 2 Mbit/s
     * bottleneck with 1 % loss and reordered, repeated feedback.
     */
    @Test
    void steadyStateAllocatesNothing() {
        SimulatedPath path = new SimulatedPath(new BandwidthEstimator(1_000_000, 50_000, 20_000_000), 5, 60_000);
        path.lossRate = 0.01;
        path.reorderFeedback = true;
        path.duplicateEvery = 5;
        path.run(6 * WINDOW_US);     // warm-up: let the JIT compile everything
        long overhead = THREADS.getCurrentThreadAllocatedBytes();
        overhead = THREADS.getCurrentThreadAllocatedBytes() - overhead;
        long least = Long.MAX_VALUE;
        long packets = 0;
        long feedback = 0;
        for (int window = 0; window < 3 && least > 0; window++) {
            long sentBefore = path.sentPackets;
            long feedbackBefore = path.estimator.feedbackCount();
            long before = THREADS.getCurrentThreadAllocatedBytes();
            path.run(WINDOW_US);
            least = Math.min(least, THREADS.getCurrentThreadAllocatedBytes() - before - overhead);
            packets = path.sentPackets - sentBefore;
            feedback = path.estimator.feedbackCount() - feedbackBefore;
        }
        assertTrue(packets > 1000 && feedback > 100, packets + " packets, " + feedback + " feedback");
        assertEquals(0, least, "bytes allocated over " + packets + " packets and " + feedback + " feedback");
    }

    private static void sendPackets(BandwidthEstimator estimator, int from, int count) {
        for (int i = from; i < from + count; i++) {
            estimator.onPacketSent(i & 0xFFFF, 1200, i * 100L);
        }
    }
}
