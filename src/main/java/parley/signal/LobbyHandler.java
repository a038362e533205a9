package parley.signal;

import java.util.List;
import parley.room.LobbyGuest;
import parley.room.Participant;
import parley.room.Permissions.Action;
import parley.room.Room;

/** The lobby: knocking, turning it on and off, admitting and denying guests. Room executor. */
final class LobbyHandler {
    private final SignalContext ctx;

    LobbyHandler(SignalContext ctx) {
        this.ctx = ctx;
    }

    /** A joiner without password or privilege, in a room with a lobby: wait, and tell the moderators. */
    void knock(Session s, Room<Session> room, ClientMessage.Join join) {
        switch (room.lobby().tryKnock(s.origin(), ctx.nowNanos())) {
            case FULL -> {
                ctx.joins.fail(s, ErrorCode.LOBBY_FULL, "too many people are waiting to join; try again later");
                return;
            }
            case ADDRESS_FULL -> {
                ctx.joins.fail(s, ErrorCode.LOBBY_FULL, "too many people from your network are waiting to join; "
                        + "try again later");
                return;
            }
            case RATE_LIMITED -> {
                ctx.joins.fail(s, ErrorCode.RATE_LIMITED, "too many knocks on this room; try again in a few seconds");
                return;
            }
            case OK -> { }
        }
        if (!s.enterLobby()) return; // closed meanwhile
        room.lobby().add(JoinHandler.guest(s, join));
        s.send(new ServerMessage.LobbyWaiting());
        ctx.fanout.lobbyChanged(room);
    }

    void setLobby(Session s, Room<Session> room, Participant<Session> actor, ClientMessage.SetLobby m) {
        if (!Fanout.permitted(s, actor, Action.SET_LOBBY, null, m.type())) return;
        if (room.lobbyEnabled() == m.enabled()) return;
        room.lobbyEnabled(m.enabled());
        ctx.fanout.roomUpdated(room);
        if (!m.enabled()) admitAll(room); // no lobby: whoever waits comes in
    }

    void admit(Session s, Room<Session> room, Participant<Session> actor, ClientMessage.Admit m) {
        if (!Fanout.permitted(s, actor, Action.ADMIT, null, m.type())) return;
        if (m.all()) {
            admitAll(room);
            return;
        }
        LobbyGuest<Session> g = room.lobby().remove(m.participantId());
        if (g == null) {
            s.error(ErrorCode.NOT_FOUND, "no guest with that id in the lobby", m.type());
            return;
        }
        ctx.joins.admit(room, g, ctx.joins.defaultRole());
        ctx.fanout.lobbyChanged(room);
    }

    void deny(Session s, Room<Session> room, Participant<Session> actor, ClientMessage.Deny m) {
        if (!Fanout.permitted(s, actor, Action.DENY, null, m.type())) return;
        List<LobbyGuest<Session>> denied = m.all() ? room.lobby().removeAll() : Fanout.one(room.lobby().remove(m.participantId()));
        if (denied.isEmpty() && !m.all()) {
            s.error(ErrorCode.NOT_FOUND, "no guest with that id in the lobby", m.type());
            return;
        }
        for (LobbyGuest<Session> g : denied) g.link().terminate(new ServerMessage.Denied(m.message()), "denied");
        ctx.fanout.lobbyChanged(room);
    }

    private void admitAll(Room<Session> room) {
        List<LobbyGuest<Session>> guests = room.lobby().removeAll();
        if (guests.isEmpty()) return;
        for (LobbyGuest<Session> g : guests) ctx.joins.admit(room, g, ctx.joins.defaultRole());
        ctx.fanout.lobbyChanged(room);
    }
}
