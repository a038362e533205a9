package parley.room;

import java.time.Duration;

/**
 * The shape of a token bucket as an operator gives it (README, "Flags"): {@code burst}
 * at once, then one more per {@code interval}; written {@code burst:interval}, e.g.
 * {@code 10:30s}.
 */
public record Budget(int burst, Duration interval) {
    public Budget {
        if (burst < 1) throw new IllegalArgumentException("burst " + burst + " (expected: at least 1)");
        if (interval == null || interval.compareTo(Duration.ofMillis(1)) < 0) {
            throw new IllegalArgumentException("interval " + interval + " (expected: at least 1 ms)");
        }
    }

    /** {@code burst} at once, then one per {@code intervalMs} milliseconds. */
    public static Budget of(int burst, long intervalMs) {
        return new Budget(burst, Duration.ofMillis(intervalMs));
    }

    public double perSecond() {
        return 1e9 / interval.toNanos();
    }

    /** A full bucket of this shape. */
    public TokenBucket bucket(long nowNanos) {
        return new TokenBucket(perSecond(), burst, nowNanos);
    }

    @Override
    public String toString() {
        return burst + ":" + interval.toMillis() + "ms";
    }
}
