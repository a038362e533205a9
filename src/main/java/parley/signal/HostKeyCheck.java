package parley.signal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import parley.room.GuessQueue;

/**
 * Host keys ({@code hostToken} in {@code join}) are guessed like passwords and limited the
 * same way (docs/protocol.md, "Host policy"): per address, {@link #ADDRESS_WRONG_BURST}
 * wrong keys, then one per {@link #ADDRESS_WRONG_INTERVAL_MS} (beyond: {@code rate-limited}
 * at once, unchecked); server-wide, checks start only as fast as wrong answers may come
 * ({@link #SERVER_WRONG_BURST}, then one per {@link #SERVER_WRONG_INTERVAL_MS}), those
 * waiting served round robin by address, clean addresses first. A right key costs nothing.
 * Only when the server has a host policy; any thread (the queue is guarded by this object).
 */
final class HostKeyCheck {
    static final int ADDRESS_WRONG_BURST = 10;
    static final long ADDRESS_WRONG_INTERVAL_MS = 30_000;
    static final int SERVER_WRONG_BURST = 20;
    static final long SERVER_WRONG_INTERVAL_MS = 1_000;
    /** Joins with a host key waiting for their check, server-wide. */
    static final int MAX_WAITING = 1_000;

    private record Pending(Session session, ClientMessage.Join join) {}

    private static final Predicate<Pending> ALIVE = p -> !p.session().isClosed();

    private final SignalContext ctx;
    private final AddressBudget addresses = new AddressBudget(ADDRESS_WRONG_BURST, ADDRESS_WRONG_INTERVAL_MS);
    private final GuessQueue<Pending> queue;

    HostKeyCheck(SignalContext ctx) {
        this.ctx = ctx;
        this.queue = new GuessQueue<>(SERVER_WRONG_BURST, TimeUnit.MILLISECONDS.toNanos(SERVER_WRONG_INTERVAL_MS),
                MAX_WAITING, ctx.nowNanos());
    }

    /** Checks {@code join}'s host key in its turn, then routes the join; or refuses it at once. */
    void check(Session s, ClientMessage.Join join) {
        long nowNanos = ctx.nowNanos();
        boolean clean = addresses.isClean(s.origin(), nowNanos);
        if (!addresses.tryTake(s.origin(), nowNanos)) {
            ctx.joins.fail(s, ErrorCode.RATE_LIMITED, "too many wrong host keys from your network; try again in a minute");
            return;
        }
        boolean queued;
        synchronized (this) {
            queued = queue.offer(s.origin(), clean, new Pending(s, join), ALIVE);
        }
        if (!queued) {
            addresses.giveBack(s.origin());
            ctx.joins.fail(s, ErrorCode.RATE_LIMITED, "too many host keys are being checked; try again later");
            return;
        }
        pump();
    }

    /** Decides every join the pace allows now, outside the lock, and comes back for the next. */
    private void pump() {
        List<Pending> ready = new ArrayList<>();
        long waitNanos;
        boolean wake;
        synchronized (this) {
            for (Pending p; (p = queue.poll(ctx.nowNanos(), ALIVE)) != null; ) ready.add(p);
            waitNanos = queue.nanosUntilNext(ctx.nowNanos());
            wake = waitNanos > 0 && queue.setWakeUp();
        }
        for (Pending p : ready) decide(p);
        if (wake) {
            long waitMs = Math.max(1, TimeUnit.NANOSECONDS.toMillis(waitNanos + 999_999));
            ctx.scheduler.schedule(() -> {
                synchronized (this) {
                    queue.wokeUp();
                }
                pump();
            }, waitMs, TimeUnit.MILLISECONDS);
        }
    }

    private void decide(Pending p) {
        Session s = p.session();
        ClientMessage.Join join = p.join();
        HostGate.Verdict v = ctx.hostGate.check(join.hostToken(), join.room(), ctx.nowMs());
        if (v.holder()) {
            synchronized (this) {
                queue.right();
            }
            addresses.giveBack(s.origin());
        }
        ctx.joins.route(s, new JoinRequest(join, v.mayCreate(), v.holder(), !v.holder()));
    }
}
