package parley.signal;

import parley.room.LobbyGuest;
import parley.room.Participant;
import parley.room.Permissions;
import parley.room.Room;

/**
 * End-to-end encryption on the server (docs/e2ee.md): a moderator's switch that turns it on,
 * and the relay of key messages: each payload goes as it is, with {@code from}, to the one
 * participant it names. The payloads are opaque: public keys and sender keys wrapped under
 * pairwise secrets the server never has. Only in an encrypted room, and at a bounded rate.
 * Room executor.
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

    /**
     * Turns encryption on for the room, when the server allows it ({@code --e2ee optional})
     * and everyone present and waiting can encrypt. It never goes off again: turning it off
     * would send media some thought protected in clear. Everyone's transport is reset (as
     * after a media failure) before {@code room-updated} tells them: they offer again, with
     * their frames encrypted from the first one, and nothing of the clear media goes on.
     */
    void setE2ee(Session s, Room<Session> room, Participant<Session> actor, ClientMessage.SetE2ee m) {
        if (!Fanout.permitted(s, actor, Permissions.Action.ENCRYPT, null, m.type())) return;
        if (room.e2ee() == m.enabled()) return;
        if (!m.enabled()) {
            s.error(ErrorCode.FORBIDDEN, "an end-to-end encrypted meeting stays encrypted until it ends", m.type());
            return;
        }
        if (ctx.config.e2eeMode() == E2eeMode.OFF) {
            s.error(ErrorCode.FORBIDDEN, "this server does not offer end-to-end encryption (--e2ee off)", m.type());
            return;
        }
        int unable = 0;
        for (Participant<Session> p : room.participants()) if (!p.e2eeCapable()) unable++;
        for (LobbyGuest<Session> g : room.lobby().guests()) if (!g.e2eeCapable()) unable++;
        if (unable > 0) {
            s.error(ErrorCode.E2EE_UNSUPPORTED, unable + (unable == 1 ? " person" : " people")
                    + " in the meeting or its lobby cannot encrypt (expected: everyone's e2eeCapable; nothing was changed)", m.type());
            return;
        }
        room.e2ee(true);
        ctx.recording.stopForEncryption(room, actor); // from now on the server sees only ciphertext
        ctx.captions.stopForEncryption(room, actor);
        ctx.stream.stopForEncryption(room, actor);
        for (Participant<Session> p : room.participants()) ctx.media.resetPeer(room, p);
        ctx.fanout.roomUpdated(room);
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
