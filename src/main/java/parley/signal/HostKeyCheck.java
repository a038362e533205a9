package parley.signal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import parley.room.GuessQueue;

/**
 * Host keys ({@code hostToken} in {@code join}) are guessed like passwords and limited the
 * same way (docs/protocol.md, "Host policy"): per address,
 * {@link AdmissionLimits#wrongHostKeysPerAddress()} (beyond: {@code rate-limited} at once,
 * unchecked); server-wide, checks start only as fast as wrong answers may come
 * ({@link AdmissionLimits#wrongHostKeys()}), those
 * waiting served round robin by address, clean addresses first. A right key costs nothing.
 * Only when the server has a host policy; any thread (the queue is guarded by this object).
 */
final class HostKeyCheck {
    private record Pending(Session session, ClientMessage.Join join) {}

    private static final Predicate<Pending> ALIVE = p -> !p.session().isClosed();

    private final SignalContext ctx;
    private final AddressBudget addresses;
    private final GuessQueue<Pending> queue;

    HostKeyCheck(SignalContext ctx) {
        this.ctx = ctx;
        AdmissionLimits limits = ctx.config.admission();
        this.addresses = new AddressBudget(limits.wrongHostKeysPerAddress());
        this.queue = new GuessQueue<>(limits.wrongHostKeys().burst(), limits.wrongHostKeys().interval().toNanos(),
                limits.hostKeyQueue(), ctx.nowNanos());
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
