package parley.signal;

import parley.room.Participant;
import parley.room.Room;

/**
 * Relays end-to-end key messages (docs/e2ee.md): each payload goes as it is, with
 * {@code from}, to the one participant it names. The payloads are opaque: public keys and
 * sender keys wrapped under pairwise secrets the server never has. Only in an encrypted
 * room, and at a bounded rate. Room executor.
 */
final class E2eeHandler {
    /**
     * Key messages per participant: a join or a departure makes everyone send one batch to
     * the others (one message, up to 200 payloads), so a few per second is plenty.
     */
    static final double MESSAGES_PER_SECOND = 5;
    static final int MESSAGE_BURST = 20;

    private final SignalContext ctx;

    E2eeHandler(SignalContext ctx) {
        this.ctx = ctx;
    }

    void relay(Session s, Room<Session> room, Participant<Session> from, ClientMessage.E2ee m) {
        if (!room.e2ee()) {
            s.error(ErrorCode.FORBIDDEN, "this meeting is not end-to-end encrypted (expected: e2ee only in an encrypted room)", m.type());
            return;
        }
        if (!from.tryKeyMessage(ctx.nowNanos(), MESSAGES_PER_SECOND, MESSAGE_BURST)) {
            s.error(ErrorCode.RATE_LIMITED, "more than " + (long) MESSAGES_PER_SECOND
                    + " e2ee messages per second (expected: one batch per change; nothing was relayed)", m.type());
            return;
        }
        E2eeRelayTap tap = ctx.e2eeTap;
        int missing = 0;
        for (ClientMessage.Sealed sealed : m.messages()) {
            Participant<Session> to = room.participant(sealed.to());
            if (to == null || to == from) {
                missing++; // gone meanwhile, most likely: the others still get theirs
                continue;
            }
            String payload = tap == null ? sealed.payload() : tap.relay(from.id(), to.id(), sealed.payload());
            to.link().send(new ServerMessage.E2ee(from.id(), payload));
        }
        if (missing > 0) {
            s.error(ErrorCode.NOT_FOUND, missing + " of " + m.messages().size()
                    + " e2ee messages name no other participant of this room (expected: ids of others present; the rest were relayed)", m.type());
        }
    }
}
