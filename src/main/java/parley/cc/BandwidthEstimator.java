package parley.cc;

import parley.media.rtcp.RtcpException;
import parley.media.rtcp.TransportCc;

/**
 * Send-side bandwidth estimate toward one receiver from its transport-wide congestion control
 * feedback (draft-holmer-rmcat-transport-wide-cc-extensions-01), as libwebrtc's GCC does:
 * <ol>
 * <li>every packet sent with a transport-wide sequence number is remembered (send time, size);
 * <li>each feedback says which arrived when; arrivals are grouped into send bursts
 *     ({@link InterArrival}), the trend of their one-way delay is tested for overuse
 *     ({@link TrendlineDetector}), and the delay-based rate moves by AIMD ({@link AimdRateControl});
 * <li>the loss fraction moves a loss-based rate ({@link LossBasedControl});
 * <li>the estimate is the smaller of the two, within [min, max].
 * </ol>
 * Feedback is taken as it comes: sequence numbers wrap, feedback may be reordered or repeated,
 * may name packets we never sent (ignored, counted) and may report a packet lost and later
 * received (then it counts as received). Malformed feedback is counted, never thrown.
 *
 * <p>Rates are in bit/s, times in us: send times and {@code nowUs} on our monotonic clock,
 * arrival times on the receiver's (only their differences matter). Loop-thread only: not
 * thread-safe. Allocates nothing per packet or per feedback after construction.
 */
public final class BandwidthEstimator {
    /** Sent packets remembered, by transport sequence number: 4 s at 2000 packets/s (~20 Mbit/s). */
    static final int HISTORY = 8192;
    /** Newly acknowledged packets sorted by arrival at once; a larger feedback goes in several batches. */
    static final int BATCH = 512;
    /** Until the feedback gives one, the round-trip time is taken as this (us). */
    static final long DEFAULT_RTT_US = 200_000;
    /** Weight of a new round-trip sample. */
    static final double RTT_ALPHA = 1.0 / 8;
    /** No acknowledged packet for this long starts the delay detector afresh (us). */
    static final long STREAM_TIMEOUT_US = 2_000_000;
    /** Arrival times this far behind the newest mean the receiver's clock jumped back (us). */
    static final long CLOCK_JUMP_US = 3_000_000;
    private static final int MASK = HISTORY - 1;
    private static final int FEEDBACK_MIN_LENGTH = 20;
    /** The 24-bit reference time wraps after this many 64 ms ticks. */
    private static final long REFERENCE_TICKS = 1 << 24;
    private static final byte UNUSED = 0;
    private static final byte SENT = 1;
    private static final byte LOST = 2;
    private static final byte ACKED = 3;
    private static final long NONE = Long.MIN_VALUE;

    private final long minBps;
    private final long maxBps;

    private final long[] sentUs = new long[HISTORY];
    private final int[] sentBytes = new int[HISTORY];
    private final char[] sentSeq = new char[HISTORY];
    private final byte[] status = new byte[HISTORY];

    private final long[] batchSendUs = new long[BATCH];
    private final long[] batchArrivalUs = new long[BATCH];
    private int batchSize;

    private final InterArrival interArrival = new InterArrival();
    private final TrendlineDetector detector = new TrendlineDetector();
    private final AimdRateControl delayControl;
    private final LossBasedControl lossControl = new LossBasedControl();
    private final AckedRate acked = new AckedRate();
    /** Bound once: a method reference made per feedback would allocate. */
    private final TransportCc.Visitor visitor = this::onReport;

    private long estimateBps;
    private long rttUs = DEFAULT_RTT_US;
    private boolean hasRtt;
    private long lastAckedSystemUs = NONE;
    private boolean hasReference;
    private long lastReferenceTicks;

    /** State of the feedback being read. */
    private long nowUs;
    private long offsetUs;
    private int reported;
    private int lost;
    private long minOneWayUs;
    private long maxArrivalUs;

    private long feedbackCount;
    private long malformedFeedback;
    private long unknownReports;

    /** @throws IllegalArgumentException unless 0 < minBps <= initialBps <= maxBps */
    public BandwidthEstimator(long initialBps, long minBps, long maxBps) {
        if (minBps <= 0 || minBps > maxBps) {
            throw new IllegalArgumentException("min rate " + minBps + " bit/s (expected: 1.." + maxBps + ")");
        }
        if (initialBps < minBps || initialBps > maxBps) {
            throw new IllegalArgumentException(
                    "initial rate " + initialBps + " bit/s (expected: " + minBps + ".." + maxBps + ")");
        }
        this.minBps = minBps;
        this.maxBps = maxBps;
        this.estimateBps = initialBps;
        this.delayControl = new AimdRateControl(initialBps, minBps, maxBps, initialBps);
    }

    /**
     * Remembers a packet sent to this receiver with the transport-wide sequence number extension.
     *
     * @param transportSeq 16-bit, wrapping
     * @param sizeBytes    the packet's size on the wire
     */
    public void onPacketSent(int transportSeq, int sizeBytes, long sendTimeUs) {
        int i = transportSeq & MASK;
        sentUs[i] = sendTimeUs;
        sentBytes[i] = Math.max(0, sizeBytes);
        sentSeq[i] = (char) transportSeq;
        status[i] = SENT;
    }

    /** Takes one transport-cc feedback packet (RTPFB, FMT 15) as received; counts it if malformed. */
    public void onFeedback(byte[] b, int off, int len, long nowUs) {
        if (b == null || off < 0 || len < FEEDBACK_MIN_LENGTH || off > b.length - len) {
            malformedFeedback++;
            return;
        }
        long ticks = TransportCc.referenceTime(b, off);
        long extendedTicks = ticks;
        if (hasReference) {
            // The nearest of ticks + k * 2^24 to the last reference: feedback crosses the wrap.
            long d = Math.floorMod(ticks - lastReferenceTicks, REFERENCE_TICKS);
            extendedTicks = lastReferenceTicks + (d >= REFERENCE_TICKS / 2 ? d - REFERENCE_TICKS : d);
        }
        begin(nowUs, (extendedTicks - ticks) * TransportCc.REFERENCE_TIME_UNIT_US);
        try {
            TransportCc.forEach(b, off, len, visitor);   // validates all before the first visit
        } catch (RtcpException e) {
            malformedFeedback++;
            return;
        }
        if (!hasReference || extendedTicks > lastReferenceTicks) {
            lastReferenceTicks = extendedTicks;
            hasReference = true;
        }
        feedbackCount++;
        end();
    }

    /** The estimate: the smaller of the delay- and loss-based rates, within [min, max]. */
    public long estimateBps() {
        return estimateBps;
    }

    /** The rate the receiver acknowledged over the last 500 ms of arrivals; 0 until known. */
    public long ackedBps() {
        return acked.bps();
    }

    /** The loss fraction (0..1) over the latest 20 or more reported packets. */
    public double lossFraction() {
        return lossControl.lossFraction();
    }

    /** What the delay-based control did on the latest feedback. */
    public RateState state() {
        return delayControl.lastAction();
    }

    /** Round-trip time from send to feedback, less the time the receiver held the packet (us). */
    public long rttUs() {
        return rttUs;
    }

    /** Feedback packets taken (malformed ones excluded). */
    public long feedbackCount() {
        return feedbackCount;
    }

    /** Feedback packets that failed to parse. */
    public long malformedFeedback() {
        return malformedFeedback;
    }

    /** Reports of packets not in the history: never sent, or sent too long ago. */
    public long unknownReports() {
        return unknownReports;
    }

    long delayBasedBps() {
        return delayControl.bps();
    }

    Usage usage() {
        return detector.usage();
    }

    private void begin(long nowUs, long offsetUs) {
        this.nowUs = nowUs;
        this.offsetUs = offsetUs;
        this.reported = 0;
        this.lost = 0;
        this.minOneWayUs = Long.MAX_VALUE;
        this.maxArrivalUs = Long.MIN_VALUE;
        this.batchSize = 0;
    }

    /** One reported packet: the visitor of {@link TransportCc#forEach}. */
    private void onReport(int seq, long arrivalTimeUs) {
        int i = seq & MASK;
        if (status[i] == UNUSED || sentSeq[i] != seq || sentUs[i] > nowUs) {
            unknownReports++;
            return;
        }
        if (arrivalTimeUs == TransportCc.NOT_RECEIVED) {
            if (status[i] == SENT) {       // once lost or received, a later "not received" says nothing
                status[i] = LOST;
                reported++;
                lost++;
            }
            return;
        }
        if (status[i] == ACKED) {
            return;                        // a repeated report
        }
        long arrivalUs = arrivalTimeUs + offsetUs;
        if (acked.newestUs() != NONE && arrivalUs < acked.newestUs() - CLOCK_JUMP_US) {
            acked.reset();
        }
        acked.add(arrivalUs, sentBytes[i]);
        if (status[i] == LOST) {           // late, not lost: out of order, so not for the delay trend
            status[i] = ACKED;
            lost--;
            return;
        }
        status[i] = ACKED;
        reported++;
        minOneWayUs = Math.min(minOneWayUs, arrivalUs - sentUs[i]);
        maxArrivalUs = Math.max(maxArrivalUs, arrivalUs);
        if (batchSize == BATCH) {
            flushBatch();
        }
        batchSendUs[batchSize] = sentUs[i];
        batchArrivalUs[batchSize] = arrivalUs;
        batchSize++;
    }

    /** After a feedback's last report: the delay trend, the RTT, then both rates. */
    private void end() {
        if (batchSize > 0) {
            if (lastAckedSystemUs != NONE && nowUs - lastAckedSystemUs > STREAM_TIMEOUT_US) {
                interArrival.reset();
                detector.reset();
            }
            lastAckedSystemUs = nowUs;
            flushBatch();
        }
        if (maxArrivalUs != Long.MIN_VALUE) {
            long sampleUs = Math.max(0, nowUs - maxArrivalUs + minOneWayUs);
            rttUs = hasRtt ? (long) ((1 - RTT_ALPHA) * rttUs + RTT_ALPHA * sampleUs) : sampleUs;
            hasRtt = true;
        }
        if (reported == 0 && lost == 0) {
            return;                        // nothing new: a repeated or stale feedback
        }
        long delayBps = delayControl.update(detector.usage(), acked.bps(), rttUs, nowUs);
        long targetBps = estimateBps;
        if (lossControl.onReports(reported, lost)) {
            targetBps = lossControl.update(targetBps, rttUs, nowUs);
        }
        estimateBps = Math.clamp(Math.min(targetBps, delayBps), minBps, maxBps);
    }

    /** Feeds the batch to the delay detector in arrival order (insertion sort: it is nearly sorted). */
    private void flushBatch() {
        for (int i = 1; i < batchSize; i++) {
            long send = batchSendUs[i];
            long arrival = batchArrivalUs[i];
            int j = i - 1;
            for (; j >= 0 && batchArrivalUs[j] > arrival; j--) {
                batchSendUs[j + 1] = batchSendUs[j];
                batchArrivalUs[j + 1] = batchArrivalUs[j];
            }
            batchSendUs[j + 1] = send;
            batchArrivalUs[j + 1] = arrival;
        }
        for (int i = 0; i < batchSize; i++) {
            if (interArrival.add(batchSendUs[i], batchArrivalUs[i], nowUs)) {
                detector.update(interArrival.arrivalDeltaUs / 1000.0, interArrival.sendDeltaUs / 1000.0,
                        batchArrivalUs[i] / 1000.0);
            }
        }
        batchSize = 0;
    }
}
