package parley.signal;

import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import parley.room.MediaPlane;
import parley.room.Room;

/**
 * The signaling server: accepts connections from the web layer, runs the protocol of
 * docs/protocol.md, and keeps every room in memory until its last participant leaves.
 * Thread-safe.
 */
public final class SignalServer implements ConnectionAcceptor, AutoCloseable {
    private final SignalContext ctx;
    private final ExecutorService ownWorkers;
    private final ScheduledFuture<?> idleSweep;

    /**
     * @param config     limits and policies
     * @param mediaPlane opens the media side of each room
     * @param clock      the only source of time (tests pass a manual one)
     * @param scheduler  delays (password replies, idle checks); never blocked by the server
     */
    public SignalServer(SignalConfig config, MediaPlane mediaPlane, InstantSource clock, ScheduledExecutorService scheduler) {
        this(config, mediaPlane, clock, scheduler, null);
    }

    /** With {@code workers} running room executors and negotiations (tests: the caller's thread). */
    SignalServer(SignalConfig config, MediaPlane mediaPlane, InstantSource clock, ScheduledExecutorService scheduler,
                 Executor workers) {
        this.ownWorkers = workers == null ? Executors.newVirtualThreadPerTaskExecutor() : null;
        this.ctx = new SignalContext(config, mediaPlane, clock, scheduler, workers == null ? ownWorkers : workers);
        long periodMs = Math.max(1000, Math.min(10_000, config.idleTimeout().toMillis() / 6));
        this.idleSweep = scheduler.scheduleAtFixedRate(this::sweepIdle, periodMs, periodMs, TimeUnit.MILLISECONDS);
    }

    @Override
    public Connection accept(Outbound out) {
        return ctx.newSession(out);
    }

    /** {@code hostPolicy}: "none", "secret" or "jwt" (who may open a meeting). */
    @Override
    public String joinRules() {
        String policy = switch (ctx.config.hostPolicy()) {
            case HostPolicy.None n -> "none";
            case HostPolicy.Secret sec -> "secret";
            case HostPolicy.Jwt j -> "jwt";
        };
        return "{\"hostPolicy\":\"" + policy + "\"}";
    }

    /** Turns phone dial-in on (docs/protocol.md, "Dial-in"): the SIP server finds rooms by PIN through what this returns. */
    public parley.sip.DialIn enableDialIn(java.util.List<String> numbers) {
        return ctx.dialIn.enable(numbers);
    }

    public int roomCount() {
        return ctx.registry.size();
    }

    /** Participants admitted to a room now (lobby guests not counted). */
    public int participantCount() {
        return ctx.participants.get();
    }

    /** How many {@code error} messages were sent, by code, since the start. */
    public Map<String, Long> errorCounts() {
        return ctx.errorCounts();
    }

    /**
     * Test hook (docs/e2ee.md, the man-in-the-middle test): every relayed {@code e2ee}
     * payload passes through {@code tap}, which may replace it; null removes it. Nothing in
     * production calls this.
     */
    public void setE2eeRelayTapForTests(E2eeRelayTap tap) {
        ctx.e2eeTap = tap;
    }

    /** Closes every connection (1001) and so every room. Idempotent. */
    @Override
    public void close() {
        idleSweep.cancel(false);
        for (Session s : ctx.sessions()) {
            s.terminateForShutdown();
        }
        if (ownWorkers != null) ownWorkers.shutdown();
    }

    private void sweepIdle() {
        long nowMs = ctx.nowMs();
        for (Session s : ctx.sessions()) s.expireIfIdle(nowMs);
    }

    /** The live room of that name, for tests. */
    Room<Session> roomForTest(String canonicalName) {
        return ctx.registry.rooms().stream().filter(r -> r.name().equals(canonicalName)).findFirst().orElse(null);
    }
}
