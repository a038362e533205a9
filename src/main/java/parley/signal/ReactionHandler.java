package parley.signal;

import parley.room.Participant;
import parley.room.Room;

/**
 * Reactions (docs/protocol.md, "Reactions, hands and polls"): one emoji of a fixed set
 * (checked when decoded), passed on to everyone, the sender included, and forgotten. Each
 * participant may react {@link #PER_SECOND} times a second on average, in bursts of
 * {@link #BURST}: every reaction reaches everyone, so this bounds what one person makes a
 * room receive. A reaction over the rate is refused ({@code rate-limited}, counted). Room executor.
 */
final class ReactionHandler {
    static final double PER_SECOND = 1;
    static final int BURST = 5;

    private final SignalContext ctx;

    ReactionHandler(SignalContext ctx) {
        this.ctx = ctx;
    }

    void react(Session s, Room<Session> room, Participant<Session> from, ClientMessage.React m) {
        if (!from.tryReact(ctx.nowNanos(), PER_SECOND, BURST)) {
            s.error(ErrorCode.RATE_LIMITED, "more than " + BURST + " reactions at once, or " + (long) PER_SECOND
                    + " a second on average (expected: fewer; this one was not sent)", m.type());
            return;
        }
        ctx.fanout.all(room, new ServerMessage.Reaction(from.id(), m.emoji()));
    }
}
