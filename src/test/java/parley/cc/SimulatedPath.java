package parley.cc;

import java.util.SplittableRandom;
import parley.media.rtcp.TransportCc;
import parley.media.rtcp.TransportCcBuilder;

/**
 * A simulated downlink from the SFU to one receiver, in 1 ms steps of simulated time:
 * <ul>
 * <li>a pacer sends {@link #packetBytes}-byte packets every 5 ms at min(estimate, {@link #appLimitBps});
 * <li>the bottleneck is a FIFO queue: arrival = max(send, previous departure) + size * 8 / capacity,
 *     plus {@link #oneWayUs}; a packet is dropped with probability {@link #lossRate};
 * <li>the receiver writes transport-cc feedback every {@link #feedbackIntervalUs} with
 *     {@link TransportCcBuilder}, stamping arrivals with its own clock
 *     ({@link #receiverClockOffsetUs} ahead of ours), and the feedback takes {@link #oneWayUs} back;
 *     optionally every other feedback is held back (reordered) and some are sent twice.
 * </ul>
 * Allocation-free once built, so the allocation test can drive it. Not thread-safe.
 */
final class SimulatedPath {
    static final long PACER_INTERVAL_US = 5_000;
    private static final long STEP_US = 1_000;
    private static final int IN_FLIGHT = 1 << 16;
    private static final int FEEDBACK_SLOTS = 64;
    private static final int FEEDBACK_MAX_BYTES = 1200;

    final BandwidthEstimator estimator;
    long capacityBps = 2_000_000;
    long oneWayUs = 20_000;
    double lossRate;
    long appLimitBps = Long.MAX_VALUE;
    int packetBytes = 1200;
    long feedbackIntervalUs = 100_000;
    /** Receiver's clock minus ours: arbitrary, as a browser's is. */
    long receiverClockOffsetUs = 987_654_321_000L;
    /** Hold every other feedback back by one and a half intervals, so it arrives after its successor. */
    boolean reorderFeedback;
    /** Send every n-th feedback twice (0: never). */
    int duplicateEvery;

    long nowUs = 1_000_000;
    long sentPackets;
    private final SplittableRandom random;
    private int nextSeq;
    private double pacerBudgetBits;
    private long bottleneckFreeUs;

    /** Packets in flight, in sending order: seq and arrival time on our clock, or NOT_RECEIVED. */
    private final int[] flightSeq = new int[IN_FLIGHT];
    private final long[] flightArrivalUs = new long[IN_FLIGHT];
    private int flightHead;
    private int flightSize;

    private final TransportCcBuilder builder = new TransportCcBuilder(FEEDBACK_MAX_BYTES);
    private int nextReportSeq;
    private int feedbackNumber;
    private final byte[][] feedback = new byte[FEEDBACK_SLOTS][FEEDBACK_MAX_BYTES];
    private final int[] feedbackLength = new int[FEEDBACK_SLOTS];
    private final long[] feedbackDueUs = new long[FEEDBACK_SLOTS];

    SimulatedPath(BandwidthEstimator estimator, long seed, int firstSeq) {
        this.estimator = estimator;
        this.random = new SplittableRandom(seed);
        this.nextSeq = firstSeq & 0xFFFF;
        this.nextReportSeq = nextSeq;
        java.util.Arrays.fill(feedbackDueUs, Long.MAX_VALUE);
    }

    /** Runs {@code durationUs} of simulated time. */
    void run(long durationUs) {
        long endUs = nowUs + durationUs;
        for (; nowUs < endUs; nowUs += STEP_US) {
            if (nowUs % PACER_INTERVAL_US == 0) {
                pace();
            }
            if (nowUs % feedbackIntervalUs == 0) {
                writeFeedback();
            }
            deliverFeedback();
        }
    }

    private void pace() {
        long rateBps = Math.min(estimator.estimateBps(), appLimitBps);
        pacerBudgetBits = Math.min(pacerBudgetBits + rateBps * (PACER_INTERVAL_US / 1e6), rateBps * 0.1 + 8 * packetBytes);
        while (pacerBudgetBits >= 8 * packetBytes) {
            pacerBudgetBits -= 8 * packetBytes;
            send();
        }
    }

    private void send() {
        int seq = nextSeq;
        nextSeq = (nextSeq + 1) & 0xFFFF;
        sentPackets++;
        estimator.onPacketSent(seq, packetBytes, nowUs);
        long arrivalUs = TransportCc.NOT_RECEIVED;
        if (random.nextDouble() >= lossRate) {
            bottleneckFreeUs = Math.max(nowUs, bottleneckFreeUs) + packetBytes * 8_000_000L / capacityBps;
            arrivalUs = bottleneckFreeUs + oneWayUs;
        }
        if (flightSize == IN_FLIGHT) {
            throw new IllegalStateException("in-flight ring full");
        }
        int at = (flightHead + flightSize++) & (IN_FLIGHT - 1);
        flightSeq[at] = seq;
        flightArrivalUs[at] = arrivalUs;
    }

    /** The receiver reports everything that arrived by now; lost packets show as gaps. */
    private void writeFeedback() {
        boolean started = false;
        while (flightSize > 0) {
            long arrivalUs = flightArrivalUs[flightHead];
            if (arrivalUs != TransportCc.NOT_RECEIVED && arrivalUs > nowUs) {
                break;
            }
            int seq = flightSeq[flightHead];
            flightHead = (flightHead + 1) & (IN_FLIGHT - 1);
            flightSize--;
            if (arrivalUs == TransportCc.NOT_RECEIVED) {
                continue;   // reported as a gap when a later packet arrives
            }
            long receiverUs = arrivalUs + receiverClockOffsetUs;
            if (!started) {
                builder.reset(1, 2, nextReportSeq, receiverUs, feedbackNumber);
                started = true;
            }
            if (!builder.add(seq, receiverUs)) {
                queueFeedback();
                builder.reset(1, 2, seq, receiverUs, feedbackNumber);
                builder.add(seq, receiverUs);
            }
            nextReportSeq = (seq + 1) & 0xFFFF;
        }
        if (started) {
            queueFeedback();
        }
    }

    private void queueFeedback() {
        long dueUs = nowUs + oneWayUs;
        if (reorderFeedback && feedbackNumber % 2 == 0) {
            dueUs += feedbackIntervalUs * 3 / 2;
        }
        int copies = duplicateEvery > 0 && feedbackNumber % duplicateEvery == 0 ? 2 : 1;
        for (int c = 0; c < copies; c++) {
            int slot = freeSlot();
            feedbackLength[slot] = builder.write(feedback[slot], 0);
            feedbackDueUs[slot] = dueUs + c * 7_000L;
        }
        feedbackNumber = (feedbackNumber + 1) & 0xFF;
    }

    private int freeSlot() {
        for (int i = 0; i < FEEDBACK_SLOTS; i++) {
            if (feedbackDueUs[i] == Long.MAX_VALUE) {
                return i;
            }
        }
        throw new IllegalStateException("no free feedback slot");
    }

    private void deliverFeedback() {
        for (int i = 0; i < FEEDBACK_SLOTS; i++) {
            if (feedbackDueUs[i] <= nowUs) {
                estimator.onFeedback(feedback[i], 0, feedbackLength[i], nowUs);
                feedbackDueUs[i] = Long.MAX_VALUE;
            }
        }
    }
}
