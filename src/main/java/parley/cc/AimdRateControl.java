package parley.cc;

/**
 * The delay-based rate (libwebrtc's {@code AimdRateControl}): additive increase, multiplicative
 * decrease, driven by the overuse detector once per feedback.
 *
 * <ul>
 * <li>NORMAL delay: increase, 8 %/s while the link capacity is unknown, about one packet per
 *     response time (RTT + 100 ms) once an overuse has shown where it is;
 * <li>OVERUSING: cut to {@value #BETA} of the acknowledged rate (minus 5 kbit/s), at most once per
 *     RTT (10..200 ms), then hold until the queue has drained;
 * <li>UNDERUSING (queue draining): hold.
 * </ul>
 * Growth stops at max({@value #LIMIT_FACTOR} × acknowledged rate, the start rate) + 10 kbit/s: a
 * sender that sends less than it may (an SFU forwarding what there is) cannot show the path takes
 * more, so the estimate must not run off. All rates in bit/s, times in us. Not thread-safe.
 */
final class AimdRateControl {
    /** Decrease to this fraction of the acknowledged rate on overuse. */
    static final double BETA = 0.85;
    /** Multiplicative growth per second while the capacity is unknown. */
    static final double GROWTH_PER_S = 1.08;
    /** Growth limit: this times the acknowledged rate, plus {@link #LIMIT_EXTRA_BPS}. */
    static final double LIMIT_FACTOR = 1.5;
    static final long LIMIT_EXTRA_BPS = 10_000;
    static final long MIN_MULTIPLICATIVE_STEP_BPS = 1_000;
    static final long DECREASE_EXTRA_BPS = 5_000;
    /** Additive growth: at least this (bit/s per s), else one average packet per response time. */
    static final double MIN_ADDITIVE_BPS_PER_S = 4_000;
    static final long RESPONSE_EXTRA_US = 100_000;
    static final double FRAMES_PER_S = 30;
    static final double PACKET_BITS = 1200 * 8;
    /** Between two decreases at least the RTT, clamped to this range (us). */
    static final long MIN_REDUCE_INTERVAL_US = 10_000;
    static final long MAX_REDUCE_INTERVAL_US = 200_000;
    /** Overuse before any acknowledged rate: halve at most this often (us). */
    static final long INITIAL_REDUCE_INTERVAL_US = 200_000;
    /** Link capacity: weight of a new sample, and bounds of the normalized variance (kbit/s). */
    static final double CAPACITY_ALPHA = 0.05;
    static final double MIN_DEVIATION_KBPS = 0.4;
    static final double MAX_DEVIATION_KBPS = 2.5;
    private static final long NEVER = Long.MIN_VALUE;

    private final long minBps;
    private final long maxBps;
    private final long floorBps;
    private long currentBps;
    private long lastThroughputBps;
    private RateState state = RateState.HOLD;
    private RateState lastAction = RateState.HOLD;
    private long lastChangeUs = NEVER;

    /** Link capacity estimate (kbit/s), learnt from the acknowledged rate at each overuse. */
    private boolean hasCapacity;
    private double capacityKbps;
    private double deviationKbps = MIN_DEVIATION_KBPS;

    /** @param floorBps growth is always allowed up to this rate, whatever was acknowledged */
    AimdRateControl(long startBps, long minBps, long maxBps, long floorBps) {
        this.minBps = minBps;
        this.maxBps = maxBps;
        this.floorBps = floorBps;
        this.currentBps = startBps;
        this.lastThroughputBps = startBps;
    }

    /**
     * Updates the rate after one feedback's packets went through the detector; returns it.
     *
     * @param ackedBps the acknowledged rate, 0 while unknown
     */
    long update(Usage usage, long ackedBps, long rttUs, long nowUs) {
        if (usage != Usage.OVERUSING) {
            change(usage, ackedBps, rttUs, nowUs);
        } else if (ackedBps > 0) {
            if (timeToReduceFurther(ackedBps, rttUs, nowUs)) {
                change(usage, ackedBps, rttUs, nowUs);
            }
        } else if (sinceChangeUs(nowUs) >= INITIAL_REDUCE_INTERVAL_US) {
            currentBps = clamp(currentBps / 2);
            lastChangeUs = nowUs;
            lastAction = RateState.DECREASE;
        }
        return currentBps;
    }

    long bps() {
        return currentBps;
    }

    /** What the latest update did: INCREASE, DECREASE, or HOLD (nothing). */
    RateState lastAction() {
        return lastAction;
    }

    boolean hasCapacityEstimate() {
        return hasCapacity;
    }

    private boolean timeToReduceFurther(long ackedBps, long rttUs, long nowUs) {
        long intervalUs = Math.clamp(rttUs, MIN_REDUCE_INTERVAL_US, MAX_REDUCE_INTERVAL_US);
        return sinceChangeUs(nowUs) >= intervalUs || ackedBps < currentBps / 2;
    }

    private void change(Usage usage, long ackedBps, long rttUs, long nowUs) {
        if (ackedBps > 0) {
            lastThroughputBps = ackedBps;
        }
        long throughputBps = lastThroughputBps;
        switch (usage) {
            case NORMAL -> {
                if (state == RateState.HOLD) {
                    state = RateState.INCREASE;
                    lastChangeUs = nowUs;
                }
            }
            case OVERUSING -> state = RateState.DECREASE;
            case UNDERUSING -> state = RateState.HOLD;
        }
        lastAction = state;
        switch (state) {
            case HOLD -> { }
            case INCREASE -> increase(throughputBps, rttUs, nowUs);
            case DECREASE -> decrease(throughputBps, nowUs);
        }
    }

    private void increase(long throughputBps, long rttUs, long nowUs) {
        if (hasCapacity && throughputBps > capacityUpperBps()) {
            hasCapacity = false;   // the link got faster: find it again multiplicatively
        }
        double limitBps = Math.max(LIMIT_FACTOR * throughputBps, floorBps) + LIMIT_EXTRA_BPS;
        if (currentBps < limitBps) {
            double sinceS = Math.min(sinceChangeUs(nowUs) / 1e6, 1.0);
            double stepBps = hasCapacity
                    ? nearCapacityBpsPerS(rttUs) * sinceS
                    : Math.max(currentBps * (Math.pow(GROWTH_PER_S, sinceS) - 1), MIN_MULTIPLICATIVE_STEP_BPS);
            currentBps = clamp((long) Math.min(currentBps + stepBps, limitBps));
        } else {
            lastAction = RateState.HOLD;
        }
        lastChangeUs = nowUs;
    }

    private void decrease(long throughputBps, long nowUs) {
        double decreasedBps = BETA * throughputBps;
        if (decreasedBps > DECREASE_EXTRA_BPS) {
            decreasedBps -= DECREASE_EXTRA_BPS;
        }
        if (decreasedBps > currentBps && hasCapacity) {
            decreasedBps = BETA * capacityKbps * 1000;
        }
        if (decreasedBps < currentBps) {
            currentBps = clamp((long) decreasedBps);
        }
        if (hasCapacity && throughputBps < capacityLowerBps()) {
            hasCapacity = false;   // far below what we knew: start the capacity estimate again
        }
        updateCapacity(throughputBps);
        state = RateState.HOLD;    // until the queues have drained
        lastChangeUs = nowUs;
    }

    /** Growth near capacity: one average packet per response time, at least 4 kbit/s per s. */
    private double nearCapacityBpsPerS(long rttUs) {
        double frameBits = currentBps / FRAMES_PER_S;
        double packetsPerFrame = Math.max(1, Math.ceil(frameBits / PACKET_BITS));
        double averagePacketBits = frameBits / packetsPerFrame;
        double responseS = (rttUs + RESPONSE_EXTRA_US) / 1e6;
        return Math.max(MIN_ADDITIVE_BPS_PER_S, averagePacketBits / responseS);
    }

    private void updateCapacity(long sampleBps) {
        double sampleKbps = sampleBps / 1000.0;
        capacityKbps = hasCapacity ? (1 - CAPACITY_ALPHA) * capacityKbps + CAPACITY_ALPHA * sampleKbps : sampleKbps;
        hasCapacity = true;
        double errorKbps = capacityKbps - sampleKbps;
        double variance = (1 - CAPACITY_ALPHA) * deviationKbps
                + CAPACITY_ALPHA * errorKbps * errorKbps / Math.max(capacityKbps, 1.0);
        deviationKbps = Math.clamp(variance, MIN_DEVIATION_KBPS, MAX_DEVIATION_KBPS);
    }

    private double capacityUpperBps() {
        return (capacityKbps + 3 * Math.sqrt(deviationKbps * capacityKbps)) * 1000;
    }

    private double capacityLowerBps() {
        return Math.max(0, capacityKbps - 3 * Math.sqrt(deviationKbps * capacityKbps)) * 1000;
    }

    private long sinceChangeUs(long nowUs) {
        return lastChangeUs == NEVER ? Long.MAX_VALUE : nowUs - lastChangeUs;
    }

    private long clamp(long bps) {
        return Math.clamp(bps, minBps, maxBps);
    }
}
