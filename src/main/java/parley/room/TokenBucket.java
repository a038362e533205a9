package parley.room;

/**
 * A token bucket: {@code ratePerSecond} tokens flow in up to {@code burst}; each event takes one.
 * Used for messages per connection, knocks, and wrong passwords and host keys. Time comes in as an argument
 * (nanoseconds on any monotonic or epoch scale), so tests need no clock.
 * Not thread-safe: each bucket has one owner (a connection's reader, a room's executor).
 */
public final class TokenBucket {
    private final double tokensPerNano;
    private final double burst;
    private double tokens;
    private long lastNanos;

    public TokenBucket(double ratePerSecond, int burst, long nowNanos) {
        if (!(ratePerSecond > 0)) throw new IllegalArgumentException("rate " + ratePerSecond + "/s (expected: > 0)");
        if (burst < 1) throw new IllegalArgumentException("burst " + burst + " (expected: >= 1)");
        this.tokensPerNano = ratePerSecond / 1e9;
        this.burst = burst;
        this.tokens = burst;
        this.lastNanos = nowNanos;
    }

    /** Takes one token if there is one; false means the event is over the limit. */
    public boolean tryTake(long nowNanos) {
        refill(nowNanos);
        if (tokens < 1) return false;
        tokens -= 1;
        return true;
    }

    /** Takes {@code amount} tokens if there are that many (a size rather than an event); false otherwise. */
    public boolean tryTake(long nowNanos, double amount) {
        refill(nowNanos);
        if (tokens < amount) return false;
        tokens -= amount;
        return true;
    }

    /** Returns a token taken for an event that turned out not to count (a right password). */
    public void giveBack() {
        tokens = Math.min(burst, tokens + 1);
    }

    /** Whether the bucket is full at {@code nowNanos}: nothing has been taken lately. */
    public boolean isFull(long nowNanos) {
        refill(nowNanos);
        return tokens >= burst;
    }

    /** Nanoseconds until {@link #tryTake} can succeed (0: now). */
    public long nanosUntilToken(long nowNanos) {
        refill(nowNanos);
        return tokens >= 1 ? 0 : (long) Math.ceil((1 - tokens) / tokensPerNano);
    }

    private void refill(long nowNanos) {
        long elapsed = Math.max(0, nowNanos - lastNanos);
        lastNanos = Math.max(lastNanos, nowNanos);
        tokens = Math.min(burst, tokens + elapsed * tokensPerNano);
    }
}
