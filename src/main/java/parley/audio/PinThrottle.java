package parley.audio;

import java.time.Duration;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Refuses PIN attempts after a few wrong ones, per caller and per trunk address: each key (a
 * caller's number, a trunk's address) has a token bucket of {@code attempts} tries that refills one
 * try per {@code refill}; a wrong PIN spends one, and emptying the bucket locks the key out for a
 * backoff that doubles each time (from {@code refill} up to {@code maxLockout}) until a full bucket
 * forgives it. A caller's number is only what the trunk says, so the per-trunk bucket, larger,
 * is what stops guessing through many made-up numbers.
 *
 * <p>At most {@code maxKeys} keys are tracked; when full, forgiven keys are dropped, and if none
 * can be, new keys are refused (guessing from very many numbers is an attack). Keys never leave
 * this object and are never logged. Not thread-safe: the signaling thread owns it.
 */
public final class PinThrottle {
    public record Limits(int callerAttempts, int trunkAttempts, Duration refill, Duration maxLockout, int maxKeys) {
        public Limits {
            if (callerAttempts < 1 || trunkAttempts < 1) {
                throw new IllegalArgumentException("attempts " + callerAttempts + "/" + trunkAttempts + " (expected: at least 1)");
            }
            if (refill.isNegative() || refill.isZero()) throw new IllegalArgumentException("refill " + refill + " (expected: > 0)");
            if (maxKeys < 2) throw new IllegalArgumentException("maxKeys " + maxKeys + " (expected: at least 2)");
        }

        /** 3 tries per caller, 20 per trunk, one back a minute, lockouts up to an hour. */
        public static Limits defaults() {
            return new Limits(3, 20, Duration.ofMinutes(1), Duration.ofHours(1), 10_000);
        }
    }

    private static final class Bucket {
        final int capacity;
        double tokens;
        long updatedMs;
        long lockedUntilMs;
        long backoffMs;

        Bucket(int capacity, long nowMs) {
            this.capacity = capacity;
            this.tokens = capacity;
            this.updatedMs = nowMs;
        }
    }

    private final Limits limits;
    private final InstantSource clock;
    private final Map<String, Bucket> callers = new HashMap<>();
    private final Map<String, Bucket> trunks = new HashMap<>();

    public PinThrottle(Limits limits, InstantSource clock) {
        this.limits = limits;
        this.clock = clock;
    }

    /** Whether this caller, through this trunk, may try a PIN now. */
    public boolean mayTry(String caller, String trunk) {
        long now = clock.millis();
        return allows(callers, caller, limits.callerAttempts(), now) && allows(trunks, trunk, limits.trunkAttempts(), now);
    }

    /** A wrong PIN: spends one try of the caller and one of the trunk. */
    public void failed(String caller, String trunk) {
        long now = clock.millis();
        spend(callers, caller, limits.callerAttempts(), now);
        spend(trunks, trunk, limits.trunkAttempts(), now);
    }

    /** A right PIN: the caller starts afresh (the trunk does not: one right PIN does not excuse guessing). */
    public void succeeded(String caller) {
        callers.remove(caller);
    }

    /** How long until this caller through this trunk may try again (zero when now). */
    public Duration retryAfter(String caller, String trunk) {
        long now = clock.millis();
        return Duration.ofMillis(Math.max(waitMs(callers.get(caller), now), waitMs(trunks.get(trunk), now)));
    }

    private boolean allows(Map<String, Bucket> map, String key, int capacity, long now) {
        Bucket b = map.get(key);
        if (b == null) return map.size() < limits.maxKeys() || evictForgiven(map, now);
        refill(b, now);
        return now >= b.lockedUntilMs && b.tokens >= 1;
    }

    private void spend(Map<String, Bucket> map, String key, int capacity, long now) {
        Bucket b = map.get(key);
        if (b == null) {
            if (map.size() >= limits.maxKeys() && !evictForgiven(map, now)) return;
            b = new Bucket(capacity, now);
            map.put(key, b);
        }
        refill(b, now);
        b.tokens = Math.max(0, b.tokens - 1);
        if (b.tokens < 1) {
            b.backoffMs = b.backoffMs == 0 ? limits.refill().toMillis() : Math.min(b.backoffMs * 2, limits.maxLockout().toMillis());
            b.lockedUntilMs = now + b.backoffMs;
        }
    }

    private void refill(Bucket b, long now) {
        if (now > b.updatedMs) {
            b.tokens = Math.min(b.capacity, b.tokens + (double) (now - b.updatedMs) / limits.refill().toMillis());
            b.updatedMs = now;
        }
        if (b.tokens >= b.capacity && now >= b.lockedUntilMs) b.backoffMs = 0; // full again: forgiven
    }

    private long waitMs(Bucket b, long now) {
        if (b == null) return 0;
        refill(b, now);
        long lock = Math.max(0, b.lockedUntilMs - now);
        long token = b.tokens >= 1 ? 0 : (long) Math.ceil((1 - b.tokens) * limits.refill().toMillis());
        return Math.max(lock, token);
    }

    /** Drops every key whose bucket is full and unlocked; true when that made room. */
    private boolean evictForgiven(Map<String, Bucket> map, long now) {
        for (Iterator<Bucket> it = map.values().iterator(); it.hasNext(); ) {
            Bucket b = it.next();
            refill(b, now);
            if (b.tokens >= b.capacity && now >= b.lockedUntilMs) it.remove();
        }
        return map.size() < limits.maxKeys();
    }
}
