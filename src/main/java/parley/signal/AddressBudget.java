package parley.signal;

import java.util.Iterator;
import java.util.LinkedHashMap;
import parley.room.Budget;
import parley.room.TokenBucket;

/**
 * A token bucket per {@link Origin}: what one address may do before the shared limits
 * (wrong passwords, wrong host keys). Buckets that have refilled are forgotten, and at most
 * {@link #MAX_ORIGINS} are kept (the oldest go first), so memory stays bounded however
 * many addresses come. Thread-safe (one lock; every call is short).
 */
final class AddressBudget {
    static final int MAX_ORIGINS = 65_536;

    private final Budget budget;
    private final LinkedHashMap<String, TokenBucket> buckets = new LinkedHashMap<>();

    AddressBudget(Budget budget) {
        this.budget = budget;
    }

    /** Whether {@code origin} has spent nothing lately (its bucket is full). */
    synchronized boolean isClean(String origin, long nowNanos) {
        TokenBucket b = buckets.get(origin);
        return b == null || b.isFull(nowNanos);
    }

    /** Takes one token of {@code origin}'s; false when it has none left. */
    synchronized boolean tryTake(String origin, long nowNanos) {
        TokenBucket b = buckets.get(origin);
        if (b == null || b.isFull(nowNanos)) {
            b = budget.bucket(nowNanos);
            forgetSome(nowNanos);
        }
        buckets.remove(origin);
        buckets.put(origin, b); // most recent last
        return b.tryTake(nowNanos);
    }

    /** Gives back a token taken by {@link #tryTake} for something that did not count. */
    synchronized void giveBack(String origin) {
        TokenBucket b = buckets.get(origin);
        if (b != null) b.giveBack();
    }

    /** Drops refilled buckets among the oldest, and the oldest at all beyond the bound. */
    private void forgetSome(long nowNanos) {
        Iterator<TokenBucket> it = buckets.values().iterator();
        for (int i = 0; i < 8 && it.hasNext(); i++) {
            if (it.next().isFull(nowNanos)) it.remove();
        }
        it = buckets.values().iterator();
        while (buckets.size() >= MAX_ORIGINS && it.hasNext()) {
            it.next();
            it.remove();
        }
    }
}
