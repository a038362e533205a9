package parley.signal;

import java.util.Objects;
import parley.room.MediaKind;
import parley.room.Participant;
import parley.room.Room;

/**
 * Chat and one's own state (mute flags, raised hand, avatar). Chat is passed on and
 * forgotten at once: the server keeps no history. Room executor.
 */
final class ChatHandler {
    /**
     * Own-state changes per participant (protocol.md, "update during the meeting"): each is
     * sent to everyone. The state carries no avatar (a new avatar goes out once, in
     * {@code avatar}, within the room's avatar rate), so this bounds messages, not bytes.
     */
    static final double UPDATES_PER_SECOND = 2;
    static final int UPDATE_BURST = 10;

    private final SignalContext ctx;

    ChatHandler(SignalContext ctx) {
        this.ctx = ctx;
    }

    void chat(Session s, Room<Session> room, Participant<Session> from, ClientMessage.Chat m) {
        long ts = ctx.nowMs();
        if (m.to() == null) {
            ctx.fanout.all(room, new ServerMessage.Chat(from.id(), from.name(), null, m.text(), ts, false));
            return;
        }
        Participant<Session> to = Fanout.target(s, room, m.to(), m.type());
        if (to == null) return;
        ServerMessage.Chat msg = new ServerMessage.Chat(from.id(), from.name(), to.id(), m.text(), ts, true);
        to.link().send(msg);
        if (to != from) s.send(msg); // the sender's copy confirms it, with the server's time
    }

    /** Only the person may unmute themselves: {@code audioMuted=false} here resumes their audio. */
    void update(Room<Session> room, Participant<Session> p, ClientMessage.Update m) {
        if (!p.tryUpdate(ctx.nowNanos(), UPDATES_PER_SECOND, UPDATE_BURST)) {
            p.link().error(ErrorCode.RATE_LIMITED, "more than " + (long) UPDATES_PER_SECOND
                    + " updates per second (expected: fewer; nothing was changed)", m.type());
            return;
        }
        boolean newAvatar = m.avatarGiven() && !Objects.equals(m.avatar(), p.avatar());
        if (newAvatar && !room.avatarFits(p, m.avatar())) {
            p.link().error(ErrorCode.TOO_LARGE, "the room's avatars would exceed " + room.policy().guards().avatarChars()
                    + " characters together (expected: a smaller picture, or none; nothing was changed)", m.type());
            return;
        }
        if (newAvatar && !room.trySendAvatar(m.avatar(), ctx.nowNanos())) {
            p.link().error(ErrorCode.RATE_LIMITED, "pictures are changing too often in this room "
                    + "(expected: try again in a few seconds; nothing was changed)", m.type());
            return;
        }
        boolean changed = false;
        if (m.audioMuted() != null && m.audioMuted() != p.audioMuted()) {
            ctx.media.setMuted(p, MediaKind.AUDIO, m.audioMuted(), false);
            changed = true;
        }
        if (m.videoMuted() != null && m.videoMuted() != p.videoMuted()) {
            ctx.media.setMuted(p, MediaKind.VIDEO, m.videoMuted(), false);
            changed = true;
        }
        if (m.handRaised() != null && m.handRaised() != p.handRaised()) {
            if (m.handRaised()) room.raiseHand(p, ctx.nowMs()); // stamped: the moderators' queue is in this order
            else p.handRaised(false);
            changed = true;
        }
        if (changed) ctx.fanout.participantUpdated(room, p);
        if (newAvatar) {
            p.avatar(m.avatar());
            ctx.fanout.all(room, new ServerMessage.AvatarChanged(p.id(), p.avatar()));
        }
    }
}
