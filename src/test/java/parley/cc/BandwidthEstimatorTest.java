package parley.cc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import parley.media.rtcp.TransportCc;
import parley.media.rtcp.TransportCcBuilder;

/**
 * GCC toward one receiver: over {@link SimulatedPath}s (a bottleneck queue, loss, a receiver writing
 * transport-cc feedback), and with feedback written by hand for the corner cases.
 */
class BandwidthEstimatorTest {
    private static final long MIN_BPS = 50_000;
    private static final long MAX_BPS = 20_000_000;
    private static final long SECOND_US = 1_000_000;

    /** Estimates sampled every 100 ms of a run. */
    private record Samples(long minBps, long maxBps, long meanBps) {
    }

    @Test
    void greedySenderOnTwoMegabitLinkSettlesNearCapacity() {
        SimulatedPath path = path(1_000_000, 2_000_000);
        path.run(15 * SECOND_US);                       // 8 %/s from 1 Mbit/s reaches 2 Mbit/s in about 10 s
        Samples s = sample(path, 40 * SECOND_US);       // then overuse cuts to 0.85 x acked, additive growth again
        assertTrue(s.meanBps() > 1_600_000 && s.meanBps() < 2_200_000, s.toString());
        assertTrue(s.minBps() > 1_400_000, s.toString());
        assertTrue(s.maxBps() < 2_400_000, s.toString());
        assertEquals(0, path.estimator.lossFraction());
    }

    @Test
    void fiveHundredKilobitBottleneckPullsTheEstimateDownWithinSeconds() {
        SimulatedPath path = path(1_500_000, 500_000);
        long tookUs = 0;
        while (path.estimator.estimateBps() >= 600_000 && tookUs < 3 * SECOND_US) {
            path.run(100_000);
            tookUs += 100_000;
        }
        assertTrue(path.estimator.estimateBps() < 600_000, "after " + tookUs + " us: " + path.estimator.estimateBps());
        Samples s = sample(path, 30 * SECOND_US);
        assertTrue(s.maxBps() < 650_000 && s.minBps() > 300_000, s.toString());
        assertTrue(s.meanBps() > 380_000 && s.meanBps() < 550_000, s.toString());
    }

    @Test
    void twentyPercentRandomLossBringsTheEstimateDown() {
        SimulatedPath path = path(1_000_000, 10_000_000);
        path.lossRate = 0.2;
        path.run(5 * SECOND_US);                        // x (1 - 0.2 / 2) per 300 ms + RTT
        BandwidthEstimator estimator = path.estimator;
        assertTrue(estimator.estimateBps() < 600_000, "estimate " + estimator.estimateBps());
        assertTrue(estimator.lossFraction() > 0.1 && estimator.lossFraction() < 0.3, "loss " + estimator.lossFraction());
        assertTrue(estimator.delayBasedBps() > estimator.estimateBps(), "loss, not delay, holds it down");
    }

    @Test
    void appLimitedSenderDoesNotRunTheEstimateOff() {
        SimulatedPath path = path(300_000, 10_000_000);
        path.appLimitBps = 300_000;                     // an SFU forwards what there is, not what it may
        Samples s = sample(path, 60 * SECOND_US);
        assertTrue(s.maxBps() < 600_000, s.toString());   // at most 1.5 x acked + 10 kbit/s
        long ackedBps = path.estimator.ackedBps();
        assertTrue(ackedBps > 280_000 && ackedBps < 340_000, "acked " + ackedBps);
    }

    @Test
    void appLimitedSenderKeepsItsStartRateAsFloor() {
        SimulatedPath path = path(1_000_000, 10_000_000);
        path.appLimitBps = 300_000;
        Samples s = sample(path, 30 * SECOND_US);
        assertTrue(s.maxBps() <= 1_010_000 && s.minBps() >= 1_000_000, s.toString());
    }

    @Test
    void estimateStaysWithinMinAndMax() {
        BandwidthEstimator capped = new BandwidthEstimator(1_000_000, 200_000, 1_200_000);
        SimulatedPath fat = new SimulatedPath(capped, 3, 0);
        fat.capacityBps = 10_000_000;
        assertTrue(sample(fat, 30 * SECOND_US).maxBps() <= 1_200_000);
        BandwidthEstimator floored = new BandwidthEstimator(1_000_000, 200_000, 1_200_000);
        SimulatedPath lossy = new SimulatedPath(floored, 3, 0);
        lossy.lossRate = 0.5;
        assertEquals(200_000, sample(lossy, 30 * SECOND_US).minBps());
    }

    @Test
    void wrappingNumbersReorderedAndRepeatedFeedbackBehaveAsInOrder() {
        SimulatedPath path = new SimulatedPath(new BandwidthEstimator(1_000_000, MIN_BPS, MAX_BPS), 7, 65_000);
        path.capacityBps = 2_000_000;
        path.reorderFeedback = true;                    // every other feedback arrives after its successor
        path.duplicateEvery = 3;
        path.receiverClockOffsetUs = (1L << 24) * 64_000 - 8 * SECOND_US;   // reference time wraps at 8 s
        path.run(15 * SECOND_US);
        Samples s = sample(path, 40 * SECOND_US);
        assertTrue(path.sentPackets > 65536 - 65_000, "sequence numbers wrapped: " + path.sentPackets);
        assertTrue(s.meanBps() > 1_500_000 && s.meanBps() < 2_200_000, s.toString());
        assertTrue(s.maxBps() < 2_400_000, s.toString());
        assertEquals(0, path.estimator.unknownReports());
        assertEquals(0, path.estimator.malformedFeedback());
    }

    @Test
    void packetReportedLostAndThenReceivedCountsAsReceived() {
        BandwidthEstimator estimator = new BandwidthEstimator(1_000_000, MIN_BPS, MAX_BPS);
        sendEveryMs(estimator, 0, 40);
        // 0..29 reported, 10..19 lost: 10 of 30
        feed(estimator, 0, 30, 10, 20, 100_000);
        assertEquals(10 / 30.0, estimator.lossFraction(), 1e-9);
        // 10..19 arrived late after all, with 20..39 new: no loss over the next 20
        feed(estimator, 10, 40, -1, -1, 200_000);
        sendEveryMs(estimator, 40, 60);
        feed(estimator, 40, 60, -1, -1, 300_000);
        assertEquals(0, estimator.lossFraction());
        assertEquals(0, estimator.unknownReports());
    }

    @Test
    void feedbackForPacketsNeverSentIsCountedAndIgnored() {
        BandwidthEstimator estimator = new BandwidthEstimator(1_000_000, MIN_BPS, MAX_BPS);
        feed(estimator, 500, 510, -1, -1, 100_000);
        assertEquals(10, estimator.unknownReports());
        assertEquals(1, estimator.feedbackCount());
        assertEquals(1_000_000, estimator.estimateBps());
        assertEquals(0, estimator.ackedBps());
    }

    @Test
    void repeatedFeedbackChangesNothing() {
        BandwidthEstimator estimator = new BandwidthEstimator(1_000_000, MIN_BPS, MAX_BPS);
        sendEveryMs(estimator, 0, 200);
        feed(estimator, 0, 200, 50, 60, 250_000);
        long estimateBps = estimator.estimateBps();
        long ackedBps = estimator.ackedBps();
        double loss = estimator.lossFraction();
        feed(estimator, 0, 200, 50, 60, 260_000);
        assertEquals(estimateBps, estimator.estimateBps());
        assertEquals(ackedBps, estimator.ackedBps());
        assertEquals(loss, estimator.lossFraction());
        assertEquals(2, estimator.feedbackCount());
    }

    @Test
    void rejectsImpossibleLimits() {
        assertThrows(IllegalArgumentException.class, () -> new BandwidthEstimator(1_000, 2_000, 3_000));
        assertThrows(IllegalArgumentException.class, () -> new BandwidthEstimator(1_000, 0, 3_000));
        assertThrows(IllegalArgumentException.class, () -> new BandwidthEstimator(5_000, 1_000, 3_000));
    }

    private static SimulatedPath path(long initialBps, long capacityBps) {
        SimulatedPath path = new SimulatedPath(new BandwidthEstimator(initialBps, MIN_BPS, MAX_BPS), 7, 0);
        path.capacityBps = capacityBps;
        return path;
    }

    private static Samples sample(SimulatedPath path, long durationUs) {
        long min = Long.MAX_VALUE;
        long max = 0;
        long sum = 0;
        int n = 0;
        for (long t = 0; t < durationUs; t += 100_000, n++) {
            path.run(100_000);
            long bps = path.estimator.estimateBps();
            min = Math.min(min, bps);
            max = Math.max(max, bps);
            sum += bps;
        }
        return new Samples(min, max, sum / n);
    }

    /** Sends seq {@code from} until {@code to} (exclusive), 1000 bytes at 1 ms apart from t = seq ms. */
    private static void sendEveryMs(BandwidthEstimator estimator, int from, int to) {
        for (int seq = from; seq < to; seq++) {
            estimator.onPacketSent(seq, 1000, 1_000_000 + seq * 1000L);
        }
    }

    /**
     * Feedback for {@code from..to-1}, each arriving 30 ms after it was sent except
     * {@code lostFrom..lostTo-1} (none if -1), delivered at {@code nowUs} after the first send.
     */
    private static void feed(BandwidthEstimator estimator, int from, int to, int lostFrom, int lostTo, long nowUs) {
        TransportCcBuilder builder = new TransportCcBuilder(1200).reset(1, 2, from, 5_000_000 + from * 1000L, 0);
        for (int seq = from; seq < to; seq++) {
            boolean lost = seq >= lostFrom && seq < lostTo;
            assertTrue(builder.add(seq, lost ? TransportCc.NOT_RECEIVED : 5_000_000 + seq * 1000L));
        }
        byte[] b = new byte[builder.size()];
        builder.write(b, 0);
        estimator.onFeedback(b, 0, b.length, 1_000_000 + nowUs);
    }
}
