package parley.cc;

/**
 * Detects overuse from the trend of the one-way delay (libwebrtc's {@code TrendlineEstimator}):
 * accumulates each group's delay variation (arrival delta minus send delta), smooths it, and fits a
 * line through the last {@value #WINDOW} points of smoothed delay over arrival time. The slope
 * estimates (send rate - capacity) / capacity; scaled up, it is compared with a threshold that
 * itself adapts, so that delay noise on one path and competing TCP flows on another are both
 * tolerated. Allocation-free; not thread-safe.
 */
final class TrendlineDetector {
    /** Points in the regression window (libwebrtc's default). */
    static final int WINDOW = 20;
    /** Weight of the old smoothed delay per update. */
    static final double SMOOTHING = 0.9;
    /** Scales the slope before it is compared with the threshold. */
    static final double THRESHOLD_GAIN = 4.0;
    /** The slope counts at most this many deltas' worth (the gain grows with confidence). */
    static final int MAX_DELTAS_WEIGHT = 60;
    /** Overuse must last this long (ms of send time) and two deltas before it is declared. */
    static final double OVERUSING_TIME_MS = 10;
    /** Threshold adaptation per ms when the trend is above it, and below it. */
    static final double K_UP = 0.0087;
    static final double K_DOWN = 0.039;
    /** Trends further than this beyond the threshold (a sudden spike) do not move it (ms). */
    static final double MAX_ADAPT_OFFSET_MS = 15;
    static final double INITIAL_THRESHOLD = 12.5;
    static final double MIN_THRESHOLD = 6;
    static final double MAX_THRESHOLD = 600;
    /** Largest time step of the threshold's adaptation (ms). */
    static final double MAX_ADAPT_STEP_MS = 100;
    private static final int MAX_DELTAS = 1000;

    /** Ring of (arrival time since the first, smoothed delay) in ms. */
    private final double[] xMs = new double[WINDOW];
    private final double[] yMs = new double[WINDOW];
    private int points;
    private int next;

    private int deltas;
    private double firstArrivalMs = Double.NaN;
    private double accumulatedDelayMs;
    private double smoothedDelayMs;
    private double trend;
    private double previousTrend;
    private double modifiedTrend;
    private double threshold = INITIAL_THRESHOLD;
    private double lastThresholdUpdateMs = Double.NaN;
    private double timeOverUsingMs = -1;
    private int overuseCount;
    private Usage usage = Usage.NORMAL;

    /** Takes one group's deltas (ms) and the arrival time of the packet that completed it (ms). */
    void update(double arrivalDeltaMs, double sendDeltaMs, double arrivalMs) {
        deltas = Math.min(deltas + 1, MAX_DELTAS);
        if (Double.isNaN(firstArrivalMs)) {
            firstArrivalMs = arrivalMs;
        }
        accumulatedDelayMs += arrivalDeltaMs - sendDeltaMs;
        smoothedDelayMs = SMOOTHING * smoothedDelayMs + (1 - SMOOTHING) * accumulatedDelayMs;
        xMs[next] = arrivalMs - firstArrivalMs;
        yMs[next] = smoothedDelayMs;
        next = (next + 1) % WINDOW;
        points = Math.min(points + 1, WINDOW);
        double slope = points == WINDOW ? slope() : Double.NaN;
        detect(Double.isNaN(slope) ? previousTrend : slope, sendDeltaMs, arrivalMs);
    }

    Usage usage() {
        return usage;
    }

    /** The latest slope times its gain, in the threshold's units; for tests and logs. */
    double modifiedTrend() {
        return modifiedTrend;
    }

    double threshold() {
        return threshold;
    }

    /** Starts afresh, as after a clock jump. */
    void reset() {
        points = 0;
        next = 0;
        deltas = 0;
        firstArrivalMs = Double.NaN;
        accumulatedDelayMs = 0;
        smoothedDelayMs = 0;
        trend = 0;
        previousTrend = 0;
        modifiedTrend = 0;
        timeOverUsingMs = -1;
        overuseCount = 0;
        usage = Usage.NORMAL;
    }

    /** Least-squares slope of the window, or NaN when all points share one arrival time. */
    private double slope() {
        double sumX = 0;
        double sumY = 0;
        for (int i = 0; i < WINDOW; i++) {
            sumX += xMs[i];
            sumY += yMs[i];
        }
        double meanX = sumX / WINDOW;
        double meanY = sumY / WINDOW;
        double numerator = 0;
        double denominator = 0;
        for (int i = 0; i < WINDOW; i++) {
            double dx = xMs[i] - meanX;
            numerator += dx * (yMs[i] - meanY);
            denominator += dx * dx;
        }
        return denominator == 0 ? Double.NaN : numerator / denominator;
    }

    private void detect(double newTrend, double sendDeltaMs, double nowMs) {
        trend = newTrend;
        if (deltas < 2) {
            usage = Usage.NORMAL;
            return;
        }
        modifiedTrend = Math.min(deltas, MAX_DELTAS_WEIGHT) * trend * THRESHOLD_GAIN;
        if (modifiedTrend > threshold) {
            // Assume we have been overusing for half the time since the previous sample.
            timeOverUsingMs = timeOverUsingMs < 0 ? sendDeltaMs / 2 : timeOverUsingMs + sendDeltaMs;
            overuseCount++;
            if (timeOverUsingMs > OVERUSING_TIME_MS && overuseCount > 1 && trend >= previousTrend) {
                timeOverUsingMs = 0;
                overuseCount = 0;
                usage = Usage.OVERUSING;
            }
        } else if (modifiedTrend < -threshold) {
            timeOverUsingMs = -1;
            overuseCount = 0;
            usage = Usage.UNDERUSING;
        } else {
            timeOverUsingMs = -1;
            overuseCount = 0;
            usage = Usage.NORMAL;
        }
        previousTrend = trend;
        adaptThreshold(nowMs);
    }

    private void adaptThreshold(double nowMs) {
        if (Double.isNaN(lastThresholdUpdateMs)) {
            lastThresholdUpdateMs = nowMs;
        }
        double magnitude = Math.abs(modifiedTrend);
        if (magnitude > threshold + MAX_ADAPT_OFFSET_MS) {
            lastThresholdUpdateMs = nowMs;
            return;
        }
        double k = magnitude < threshold ? K_DOWN : K_UP;
        double stepMs = Math.clamp(nowMs - lastThresholdUpdateMs, 0, MAX_ADAPT_STEP_MS);
        threshold = Math.clamp(threshold + k * (magnitude - threshold) * stepMs, MIN_THRESHOLD, MAX_THRESHOLD);
        lastThresholdUpdateMs = nowMs;
    }
}
