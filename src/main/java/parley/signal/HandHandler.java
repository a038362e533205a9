package parley.signal;

import parley.room.Participant;
import parley.room.Permissions.Action;
import parley.room.Room;

/**
 * A moderator lowering someone's raised hand (docs/protocol.md, "Reactions, hands and
 * polls"). Raising and lowering one's own hand is {@code update}'s ({@link ChatHandler});
 * the queue's order is the hands' times ({@link Room#raiseHand}). Room executor.
 */
final class HandHandler {
    private final SignalContext ctx;

    HandHandler(SignalContext ctx) {
        this.ctx = ctx;
    }

    void lower(Session s, Room<Session> room, Participant<Session> actor, ClientMessage.LowerHand m) {
        Participant<Session> target = Fanout.target(s, room, m.participantId(), m.type());
        if (target == null || !Fanout.permitted(s, actor, Action.LOWER_HAND, null, m.type())) return;
        if (!target.handRaised()) return; // lowered meanwhile: nothing to do, nothing to say
        target.handRaised(false);
        if (target != actor) target.link().send(new ServerMessage.HandLowered(actor.id()));
        ctx.fanout.participantUpdated(room, target);
    }
}
