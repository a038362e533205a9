package parley.web;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Per client address: WebSocket upgrades per second (a token bucket) and WebSockets open at
 * once. {@link #tryOpen} decides and reserves; the returned {@link Ticket} gives the place back
 * once. Thread-safe: each address's state changes inside {@link ConcurrentHashMap#compute}.
 * Addresses with a full bucket and nothing open are forgotten, so the map holds only
 * addresses that were busy lately.
 */
final class UpgradeLimits {
    /** Why an upgrade was refused, or that it was not. */
    enum Verdict { OK, TOO_FAST, TOO_MANY_OPEN }

    /** The verdict, and on {@link Verdict#OK} the reservation of one open WebSocket (else null). */
    record Decision(Verdict verdict, Ticket ticket) {}

    /** A reservation for one open WebSocket. */
    interface Ticket {
        /** Gives the place back; only the first call counts. */
        void release();
    }

    /** How many addresses may be remembered before idle ones are swept. */
    private static final int SWEEP_ABOVE = 4096;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final int perSecond;
    private final int burst;
    private final int maxOpen;
    private final ConcurrentHashMap<String, State> byAddress = new ConcurrentHashMap<>();

    /** Mutable, but only touched inside compute() for its key. */
    private static final class State {
        double tokens;
        long refilledNanos;
        int open;
    }

    UpgradeLimits(int perSecond, int burst, int maxOpen) {
        this.perSecond = perSecond;
        this.burst = burst;
        this.maxOpen = maxOpen;
    }

    /** Whether one more upgrade from {@code address} at {@code nowNanos} may go ahead; reserves its place if so. */
    Decision tryOpen(String address, long nowNanos) {
        Verdict[] verdict = new Verdict[1];
        byAddress.compute(address, (key, s) -> {
            if (s == null) {
                s = new State();
                s.tokens = burst;
                s.refilledNanos = nowNanos;
            }
            refill(s, nowNanos);
            if (s.open >= maxOpen) {
                verdict[0] = Verdict.TOO_MANY_OPEN;
            } else if (s.tokens < 1) {
                verdict[0] = Verdict.TOO_FAST;
            } else {
                s.tokens -= 1;
                s.open++;
                verdict[0] = Verdict.OK;
            }
            return s;
        });
        if (byAddress.size() > SWEEP_ABOVE) sweep(nowNanos);
        return new Decision(verdict[0], verdict[0] == Verdict.OK ? ticket(address) : null);
    }

    private Ticket ticket(String address) {
        AtomicBoolean done = new AtomicBoolean();
        return () -> {
            if (!done.compareAndSet(false, true)) return;
            byAddress.computeIfPresent(address, (key, s) -> {
                s.open--;
                return s;
            });
        };
    }

    private void refill(State s, long nowNanos) {
        long elapsed = nowNanos - s.refilledNanos;
        if (elapsed <= 0) return;
        s.tokens = Math.min(burst, s.tokens + (double) elapsed * perSecond / NANOS_PER_SECOND);
        s.refilledNanos = nowNanos;
    }

    /** Forgets addresses that have nothing open and a full bucket: they are like new ones. */
    void sweep(long nowNanos) {
        for (String address : byAddress.keySet()) {
            byAddress.computeIfPresent(address, (key, s) -> {
                refill(s, nowNanos);
                return s.open == 0 && s.tokens >= burst ? null : s;
            });
        }
    }

    /** WebSockets open from {@code address}, for tests. */
    int open(String address) {
        State s = byAddress.get(address);
        return s == null ? 0 : s.open;
    }

    int addressesRemembered() {
        return byAddress.size();
    }
}
