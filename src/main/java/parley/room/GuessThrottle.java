package parley.room;

/**
 * Slows password guessing in one room, whatever the number of connections: after
 * {@code freeFailures} wrong guesses, checks are spaced by a delay that doubles with each
 * further failure, up to {@code maxDelayMs}. A check that is waiting counts as a failure
 * until it is decided, so that many guesses sent at once do not slip through together.
 * Failures are forgotten after {@code windowMs} without one.
 * Times are milliseconds from the caller's clock. Not thread-safe: the room's executor owns it.
 */
public final class GuessThrottle {
    /** Longest wait of a connection's own wrong-password reply. */
    public static final long CONNECTION_MAX_DELAY_MS = 30_000;
    /** Wait of a connection's first wrong-password reply; doubles with each further wrong guess. */
    public static final long CONNECTION_BASE_DELAY_MS = 500;

    private final int freeFailures;
    private final long baseDelayMs;
    private final long maxDelayMs;
    private final long windowMs;
    private int failures;
    private int pending;
    private long lastFailureMs = Long.MIN_VALUE / 2;
    private long nextSlotMs = Long.MIN_VALUE / 2;

    public GuessThrottle(int freeFailures, long baseDelayMs, long maxDelayMs, long windowMs) {
        this.freeFailures = freeFailures;
        this.baseDelayMs = baseDelayMs;
        this.maxDelayMs = maxDelayMs;
        this.windowMs = windowMs;
    }

    /** How long a connection's {@code wrongGuesses}-th wrong guess (1-based) waits for its reply. */
    public static long connectionDelayMs(int wrongGuesses) {
        int doublings = Math.min(Math.max(wrongGuesses - 1, 0), 16);
        return Math.min(CONNECTION_MAX_DELAY_MS, CONNECTION_BASE_DELAY_MS << doublings);
    }

    /**
     * Reserves a slot for one password check and returns how long to wait before running
     * it (0: now). Every reservation must be followed by exactly one {@link #decided}.
     */
    public long reserve(long nowMs) {
        forgetOld(nowMs);
        long at = Math.max(nowMs, nextSlotMs);
        pending++;
        nextSlotMs = at + spacingMs();
        return at - nowMs;
    }

    /** Ends a reserved check: {@code failed} when the guess was wrong. */
    public void decided(boolean failed, long nowMs) {
        if (pending > 0) pending--;
        if (failed) {
            forgetOld(nowMs);
            failures++;
            lastFailureMs = nowMs;
        }
    }

    /** Checks reserved and not yet decided. */
    public int pending() {
        return pending;
    }

    private long spacingMs() {
        int counted = failures + pending;
        if (counted <= freeFailures) return 0;
        int doublings = Math.min(counted - freeFailures - 1, 16);
        return Math.min(maxDelayMs, baseDelayMs << doublings);
    }

    private void forgetOld(long nowMs) {
        if (nowMs - lastFailureMs >= windowMs) failures = 0;
    }
}
