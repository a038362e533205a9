package parley.signal;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import parley.room.Participant;
import parley.room.Room;
import parley.room.TokenBucket;
import parley.signal.ServerMessage.ErrorReply;

/**
 * One signaling connection. It checks size and rate, decodes, answers {@code ping} and
 * starts {@code join} itself, and hands every other message to its room's executor; it
 * never touches room state. The room's executor moves it between phases.
 *
 * <p>Thread-safety: {@link #onText} and {@link #onClose} come from the web layer, one at a
 * time per connection (the token buckets are confined to them). Room executors and the
 * scheduler call the rest; the shared fields are atomic or volatile.
 */
final class Session implements Connection {
    /** Where a connection stands: IDLE (not in a room), PENDING (join being decided), LOBBY, JOINED, CLOSED. */
    enum Phase { IDLE, PENDING, LOBBY, JOINED, CLOSED }

    private final SignalContext ctx;
    private final Outbound out;
    /**
     * Seconds over which {@code overLimitBeforeClose} dropped messages are forgiven. A
     * count of drops "in a row" would never close a real flood: the rate bucket lets one
     * message through every 20 ms, and a flood read slower than 5000 messages/s always has
     * one of those between 100 drops.
     */
    static final double DROPS_FORGIVEN_OVER_SECONDS = 10;

    private final TokenBucket bucket;
    /** Drops still allowed before the connection is closed; refilled at overLimitBeforeClose per 10 s. */
    private final TokenBucket dropAllowance;
    private final AtomicReference<Phase> phase = new AtomicReference<>(Phase.IDLE);
    private final AtomicInteger wrongGuesses = new AtomicInteger();
    private final AtomicReference<JoinRequest> waitingGuess = new AtomicReference<>();
    /** Where the connection comes from, as a keyed hash ({@link Origin}): for per-address limits. */
    private final String origin;
    private volatile Room<Session> room;
    private volatile Participant<Session> participant;
    private volatile long lastSeenMs;
    /** Whether a WebSocket ping went out since {@link #lastSeenMs}. */
    private volatile boolean pinged;

    Session(SignalContext ctx, Outbound out) {
        this.ctx = ctx;
        this.out = out;
        this.bucket = new TokenBucket(ctx.config.messagesPerSecond(), ctx.config.messageBurst(), ctx.nowNanos());
        int drops = ctx.config.overLimitBeforeClose();
        this.dropAllowance = new TokenBucket(drops / DROPS_FORGIVEN_OVER_SECONDS, drops, ctx.nowNanos());
        this.lastSeenMs = ctx.nowMs();
        this.origin = ctx.origins.of(out.remoteAddress());
    }

    String origin() {
        return origin;
    }

    @Override
    public void onText(String text) {
        if (phase.get() == Phase.CLOSED) return;
        seen();
        if (!bucket.tryTake(ctx.nowNanos())) {
            overLimit();
            return;
        }
        if (text.length() > ctx.config.maxFrameChars()) {
            error(ErrorCode.TOO_LARGE, "frame of " + text.length() + " characters (expected: at most "
                    + ctx.config.maxFrameChars() + ")", null);
            return;
        }
        try {
            route(ctx.codec.decode(text));
        } catch (SignalException e) {
            error(e.code(), e.getMessage(), e.ref());
        } catch (RuntimeException e) { // a bug of ours: never the web layer's problem, never the message in the log
            SignalContext.log.warn("message handling failed: {}", e.getClass().getName());
        }
    }

    /** A message over the rate: dropped with an error, or, when too many were dropped lately, the end. */
    private void overLimit() {
        if (!dropAllowance.tryTake(ctx.nowNanos())) {
            ctx.countError(ErrorCode.RATE_LIMITED);
            SignalContext.log.info("connection closed for exceeding the message rate");
            out.close(1008, "message rate exceeded");
            onClose();
            return;
        }
        error(ErrorCode.RATE_LIMITED, "more than " + (long) ctx.config.messagesPerSecond()
                + " messages per second (message dropped)", null);
    }

    private void route(ClientMessage m) {
        switch (m) {
            case ClientMessage.Ping p -> send(new ServerMessage.Pong());
            case ClientMessage.Join j -> ctx.joins.start(this, j);
            case ClientMessage.JoinMove j -> ctx.breakouts.join(this, j);
            case ClientMessage.Leave l -> leave();
            default -> {
                Room<Session> r = room;
                if (phase.get() != Phase.JOINED || r == null) {
                    error(ErrorCode.NOT_JOINED, "join a room first", m.type());
                    return;
                }
                ctx.onRoom(r, () -> ctx.dispatch(this, r, m));
            }
        }
    }

    private void leave() {
        if (phase.getAndSet(Phase.CLOSED) == Phase.CLOSED) return;
        ctx.forget(this);
        Room<Session> r = room;
        if (r == null) {
            out.close(1000, "left");
            return;
        }
        // Closed once the room has let the participant go: whoever joins after the close (the
        // same person again, say) never meets them, nor hears of their leaving later.
        ctx.onRoom(r, () -> {
            try {
                ctx.joins.disconnect(this, r, true);
            } finally {
                out.close(1000, "left");
            }
        });
    }

    @Override
    public void onClose() {
        Phase before = phase.getAndSet(Phase.CLOSED);
        ctx.forget(this);
        Room<Session> r = room;
        if (before != Phase.CLOSED && r != null) ctx.onRoom(r, () -> ctx.joins.disconnect(this, r, false));
    }

    @Override
    public void onPong() {
        seen();
    }

    private void seen() {
        lastSeenMs = ctx.nowMs();
        pinged = false;
    }

    /**
     * Called by the server's sweep: pings a connection silent for half the idle timeout (a live
     * client pongs at once), and closes one silent for all of it (it vanished: no FIN ever came).
     */
    void expireIfIdle(long nowMs) {
        if (phase.get() == Phase.CLOSED) return;
        long silentMs = nowMs - lastSeenMs;
        long limitMs = ctx.config.idleTimeout().toMillis();
        if (silentMs >= limitMs) {
            out.close(1000, "idle");
            onClose();
        } else if (silentMs >= limitMs / 2 && !pinged) {
            pinged = true;
            out.ping();
        }
    }

    /** Server shutdown: close (1001) and leave the room as a disconnect. */
    void terminateForShutdown() {
        if (phase.get() == Phase.CLOSED) return;
        out.close(1001, "server shutting down");
        onClose();
    }

    // ---- sending (any thread)

    void send(ServerMessage m) {
        sendRaw(ctx.codec.encode(m));
    }

    /** Sends an already encoded message (one encoding for many receivers). */
    void sendRaw(String json) {
        if (phase.get() != Phase.CLOSED) out.send(json);
    }

    void error(ErrorCode code, String message, String ref) {
        ctx.countError(code);
        send(new ErrorReply(code.wireName(), message, ref));
    }

    /** Sends a last message, closes the connection (1000) and forgets the room. Room executor. */
    void terminate(ServerMessage last, String reason) {
        if (last != null) send(last);
        if (phase.getAndSet(Phase.CLOSED) == Phase.CLOSED) return;
        detach();
        ctx.forget(this);
        out.close(1000, reason);
    }

    // ---- phases and room binding (room executors, scheduler)

    boolean isClosed() {
        return phase.get() == Phase.CLOSED;
    }

    /** IDLE to PENDING: false if a join was already made or pending. */
    boolean beginJoin() {
        return phase.compareAndSet(Phase.IDLE, Phase.PENDING);
    }

    /** PENDING to IDLE after a refused join: false if the connection closed meanwhile. */
    boolean endJoin() {
        return phase.compareAndSet(Phase.PENDING, Phase.IDLE);
    }

    /** PENDING to LOBBY. */
    boolean enterLobby() {
        return phase.compareAndSet(Phase.PENDING, Phase.LOBBY);
    }

    /** PENDING or LOBBY to JOINED, bound to {@code p}; false if the connection closed meanwhile. */
    boolean enterRoom(Room<Session> r, Participant<Session> p) {
        room = r;
        participant = p;
        return phase.compareAndSet(Phase.PENDING, Phase.JOINED) || phase.compareAndSet(Phase.LOBBY, Phase.JOINED);
    }

    void room(Room<Session> r) {
        room = r;
    }

    Participant<Session> participant() {
        return participant;
    }

    /** Drops the references to room and participant, so that a room that ends is garbage at once. */
    void detach() {
        room = null;
        participant = null;
    }

    /** Sets the password guess waiting for its check (null: none) and returns the one before. */
    JoinRequest waitingGuess(JoinRequest r) {
        return waitingGuess.getAndSet(r);
    }

    /** Counts one more wrong password on this connection and returns the count. */
    int wrongGuess() {
        return wrongGuesses.incrementAndGet();
    }

    @Override
    public String toString() {
        return "Session[" + phase.get() + "]"; // never addresses or names
    }
}
