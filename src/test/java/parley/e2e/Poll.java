package parley.e2e;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waiting for a condition in a browser or a process: probe every {@value #INTERVAL_MS} ms
 * until it holds or a deadline passes, then fail with what was last seen. No fixed sleeps:
 * a test waits exactly as long as the system under test needs.
 */
public final class Poll {
    public static final long INTERVAL_MS = 250;

    private Poll() {}

    /**
     * Probes until {@code done} accepts a value, and returns that value.
     *
     * <p>A probe that throws counts as "not yet" (a page may be reloading); its message is
     * kept for the failure report.
     *
     * @param what     what is awaited, for the failure message ("bob sees alice's video")
     * @param describe renders the last value for the failure message (e.g. the stats JSON)
     * @throws AssertionError when the deadline passes
     */
    public static <T> T await(String what, Duration timeout, Supplier<T> probe, Predicate<T> done,
                              Function<T, String> describe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "(never probed)";
        while (true) {
            try {
                T value = probe.get();
                if (done.test(value)) {
                    return value;
                }
                last = describe.apply(value);
            } catch (RuntimeException e) {
                last = "probe failed: " + e.getMessage();
            }
            long leftNs = deadline - System.nanoTime();
            if (leftNs <= 0) {
                throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for " + what
                        + "; last seen: " + Json.abbreviate(last, 4000));
            }
            pause(Math.min(INTERVAL_MS, TimeUnit.NANOSECONDS.toMillis(leftNs) + 1));
        }
    }

    /** {@link #await(String, Duration, Supplier, Predicate, Function)} with {@code String.valueOf} for the report. */
    public static <T> T await(String what, Duration timeout, Supplier<T> probe, Predicate<T> done) {
        return await(what, timeout, probe, done, String::valueOf);
    }

    /** Waits until {@code condition} returns true. */
    public static void until(String what, Duration timeout, Supplier<Boolean> condition) {
        await(what, timeout, condition, Boolean.TRUE::equals);
    }

    /** Waits {@code d} (for tests that must show that something stays true for a while). */
    public static void pause(Duration d) {
        pause(d.toMillis());
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while polling", e);
        }
    }
}
