package parley.cc;

/**
 * The loss-based rule of GCC (libwebrtc's classic {@code SendSideBandwidthEstimation}): the loss
 * fraction is measured over at least {@value #MIN_PACKETS} reported packets; then
 * <ul>
 * <li>below {@value #LOW_LOSS}: grow to 1.08 × the lowest target of the last second + 1 kbit/s
 *     (so at most 8 %/s, however often feedback comes);
 * <li>above {@value #HIGH_LOSS}: multiply by (1 - loss / 2), at most once per loss measurement and
 *     per 300 ms + RTT;
 * <li>between: keep.
 * </ul>
 * The caller caps the result by the delay-based rate. Rates in bit/s, times in us. Allocation-free;
 * not thread-safe.
 */
final class LossBasedControl {
    static final int MIN_PACKETS = 20;
    static final double LOW_LOSS = 0.02;
    static final double HIGH_LOSS = 0.10;
    static final double GROWTH = 1.08;
    static final long GROWTH_EXTRA_BPS = 1_000;
    /** The growth base is the lowest target over this span (us). */
    static final long HISTORY_US = 1_000_000;
    static final long DECREASE_INTERVAL_US = 300_000;
    /** Targets kept for the minimum; more within a second than this drops the oldest. */
    private static final int HISTORY_SIZE = 128;
    private static final long NEVER = Long.MIN_VALUE;

    private int expected;
    private int lost;
    private double lossFraction;
    private boolean hasLoss;
    private boolean decreasedSinceLoss;
    private long lastDecreaseUs = NEVER;

    /** Targets of the last second, increasing from head to tail: the head is the minimum. */
    private final long[] historyUs = new long[HISTORY_SIZE];
    private final long[] historyBps = new long[HISTORY_SIZE];
    private int head;
    private int size;

    /**
     * Counts one feedback's reports: {@code reported} packets, {@code lostCount} of them lost
     * (negative when packets reported lost before have now arrived). Returns true when enough have
     * accumulated for a new loss fraction.
     */
    boolean onReports(int reported, int lostCount) {
        expected += reported;
        lost += lostCount;
        if (expected < MIN_PACKETS) {
            return false;
        }
        lossFraction = Math.clamp((double) lost / expected, 0.0, 1.0);
        hasLoss = true;
        decreasedSinceLoss = false;
        expected = 0;
        lost = 0;
        return true;
    }

    /** The latest loss fraction, 0..1 (0 before the first). */
    double lossFraction() {
        return lossFraction;
    }

    /** The target after a new loss fraction, from the current one. */
    long update(long targetBps, long rttUs, long nowUs) {
        remember(targetBps, nowUs);
        if (!hasLoss) {
            return targetBps;
        }
        if (lossFraction <= LOW_LOSS) {
            return (long) (historyBps[head] * GROWTH) + GROWTH_EXTRA_BPS;
        }
        if (lossFraction > HIGH_LOSS && !decreasedSinceLoss
                && (lastDecreaseUs == NEVER || nowUs - lastDecreaseUs >= DECREASE_INTERVAL_US + rttUs)) {
            lastDecreaseUs = nowUs;
            decreasedSinceLoss = true;
            return (long) (targetBps * (1 - lossFraction / 2));
        }
        return targetBps;
    }

    /** Adds the target to the last second's history, dropping what is older or not a minimum. */
    private void remember(long targetBps, long nowUs) {
        while (size > 0 && nowUs - historyUs[head] > HISTORY_US) {
            head = (head + 1) % HISTORY_SIZE;
            size--;
        }
        while (size > 0 && historyBps[(head + size - 1) % HISTORY_SIZE] >= targetBps) {
            size--;
        }
        if (size == HISTORY_SIZE) {
            head = (head + 1) % HISTORY_SIZE;
            size--;
        }
        int tail = (head + size) % HISTORY_SIZE;
        historyUs[tail] = nowUs;
        historyBps[tail] = targetBps;
        size++;
    }
}
