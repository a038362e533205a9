package parley.signal;

import parley.room.LobbyGuest;
import parley.room.MediaKind;
import parley.room.Participant;
import parley.room.Permissions.Action;
import parley.room.Role;
import parley.room.Room;
import parley.room.Secrets;

/**
 * What moderators may do to the room and to others. Each handler checks the permission
 * table first ({@link parley.room.Permissions}) and answers {@code forbidden} when it
 * says no. Room executor.
 */
final class ModerationHandler {
    private final SignalContext ctx;

    ModerationHandler(SignalContext ctx) {
        this.ctx = ctx;
    }

    void setPassword(Session s, Room<Session> room, Participant<Session> actor, ClientMessage.SetPassword m) {
        if (!Fanout.permitted(s, actor, Action.SET_PASSWORD, null, m.type())) return;
        room.password(m.password());
        ctx.fanout.roomUpdated(room);
    }

    void setRole(Session s, Room<Session> room, Participant<Session> actor, ClientMessage.SetRole m) {
        Participant<Session> target = Fanout.target(s, room, m.participantId(), m.type());
        if (target == null) return;
        Action action = m.role() == Role.MODERATOR ? Action.GRANT_MODERATOR : Action.REVOKE_MODERATOR;
        if (!Fanout.permitted(s, actor, action, target, m.type())) return;
        if (target.role() == m.role()) return;
        target.role(m.role());
        target.link().send(new ServerMessage.RoleChanged(m.role().wireName()));
        if (m.role().isModerator()) target.link().send(new ServerMessage.Lobby(Views.lobby(room)));
        ctx.fanout.participantUpdated(room, target);
    }

    /** Server-enforced: the muted tracks stop being forwarded until their owner unmutes. */
    void mute(Session s, Room<Session> room, Participant<Session> actor, ClientMessage.Mute m) {
        if (m.participantId() == null) {
            if (!Fanout.permitted(s, actor, Action.MUTE_ALL, null, m.type())) return;
            for (Participant<Session> p : room.participantList()) {
                if (p != actor) muteOne(room, actor, p, m.kind());
            }
            return;
        }
        Participant<Session> target = Fanout.target(s, room, m.participantId(), m.type());
        if (target == null || !Fanout.permitted(s, actor, Action.MUTE, target, m.type())) return;
        muteOne(room, actor, target, m.kind());
    }

    private void muteOne(Room<Session> room, Participant<Session> by, Participant<Session> p, MediaKind kind) {
        if (p.muted(kind) && (kind == MediaKind.AUDIO || p.screenHeld())) return;
        ctx.media.setMuted(p, kind, true, true);
        p.link().send(new ServerMessage.Muted(kind.wireName(), by.id()));
        ctx.fanout.participantUpdated(room, p);
    }

    void askUnmute(Session s, Room<Session> room, Participant<Session> actor, ClientMessage.AskUnmute m) {
        Participant<Session> target = Fanout.target(s, room, m.participantId(), m.type());
        if (target == null || !Fanout.permitted(s, actor, Action.ASK_UNMUTE, target, m.type())) return;
        target.link().send(new ServerMessage.UnmuteRequested(m.kind().wireName(), actor.id()));
    }

    /** Removes the target and bans their resume secret for the ban duration. */
    void kick(Session s, Room<Session> room, Participant<Session> actor, ClientMessage.Kick m) {
        Participant<Session> target = Fanout.target(s, room, m.participantId(), m.type());
        if (target == null || !Fanout.permitted(s, actor, Action.KICK, target, m.type())) return;
        target.link().terminate(new ServerMessage.Kicked(m.reason()), "kicked");
        ctx.joins.remove(room, target, JoinHandler.Departure.KICKED);
    }

    void setLock(Session s, Room<Session> room, Participant<Session> actor, ClientMessage.SetLock m) {
        if (!Fanout.permitted(s, actor, Action.LOCK, null, m.type())) return;
        if (room.locked() == m.locked()) return;
        room.locked(m.locked());
        ctx.fanout.roomUpdated(room);
    }

    void setStartMuted(Session s, Room<Session> room, Participant<Session> actor, ClientMessage.SetStartMuted m) {
        if (!Fanout.permitted(s, actor, Action.SET_START_MUTED, null, m.type())) return;
        room.startMuted(m.audio(), m.video());
        ctx.fanout.roomUpdated(room);
    }

    /** Everyone, lobby included, gets {@code ended} and is disconnected; the room closes after this task. */
    void end(Session s, Room<Session> room, Participant<Session> actor) {
        if (!Fanout.permitted(s, actor, Action.END, null, "end-meeting")) return;
        // A late visitor to its link is told, no new room opens there (a breakout has no link).
        if (!room.name().startsWith(parley.room.Breakout.KEY_PREFIX)) ctx.registry.ended(room, ctx.nowMs());
        ctx.breakouts.endAll(room);
        for (LobbyGuest<Session> g : room.lobby().removeAll()) g.link().terminate(new ServerMessage.Ended(null), "ended");
        for (Participant<Session> p : room.participantList()) {
            p.link().terminate(new ServerMessage.Ended(actor.id()), "ended");
            ctx.joins.remove(room, p, JoinHandler.Departure.ENDED);
        }
    }

    /**
     * A new random name (and, if asked, a new random password told only to {@code actor}),
     * so that a leaked link stops working. A join to the old name is told {@code link-changed}
     * (never the new name) and opens no room there.
     */
    void rotate(Session s, Room<Session> room, Participant<Session> actor, ClientMessage.Rotate m) {
        if (!Fanout.permitted(s, actor, Action.ROTATE, null, m.type())) return;
        String name;
        do {
            name = Secrets.roomName();
        } while (!ctx.registry.rename(room, name, ctx.nowMs()));
        String password = m.newPassword() ? Secrets.password() : null;
        if (password != null) room.password(password);
        ctx.fanout.others(room, actor, new ServerMessage.Moved(name, null));
        s.send(new ServerMessage.Moved(name, password));
        ctx.fanout.roomUpdated(room);
        ctx.dialIn.rotate(room);
    }
}
