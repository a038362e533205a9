package parley.signal;

import java.util.List;
import java.util.Optional;
import parley.room.Participant;
import parley.room.Permissions;
import parley.room.Room;

/**
 * Sending to several members of a room, and the two checks every moderation handler
 * starts with. Room executor only.
 */
final class Fanout {
    private final SignalContext ctx;

    Fanout(SignalContext ctx) {
        this.ctx = ctx;
    }

    /** To every participant; encoded once. */
    void all(Room<Session> room, ServerMessage m) {
        String json = ctx.codec.encode(m);
        for (Participant<Session> p : room.participants()) p.link().sendRaw(json);
    }

    /** To every participant but {@code except}. */
    void others(Room<Session> room, Participant<Session> except, ServerMessage m) {
        String json = ctx.codec.encode(m);
        for (Participant<Session> p : room.participants()) if (p != except) p.link().sendRaw(json);
    }

    void moderators(Room<Session> room, ServerMessage m) {
        String json = ctx.codec.encode(m);
        for (Participant<Session> p : room.participants()) if (p.role().isModerator()) p.link().sendRaw(json);
    }

    void participantUpdated(Room<Session> room, Participant<Session> p) {
        all(room, new ServerMessage.ParticipantUpdated(Views.state(p)));
    }

    void roomUpdated(Room<Session> room) {
        all(room, new ServerMessage.RoomUpdated(Views.of(room)));
    }

    void lobbyChanged(Room<Session> room) {
        moderators(room, new ServerMessage.Lobby(Views.lobby(room)));
    }

    /** {@code owner}'s complete track list, to everyone else: one small message, however big the room. */
    void tracks(Room<Session> room, Participant<Session> owner) {
        others(room, owner, new ServerMessage.Tracks(owner.id(), Views.ownTracks(owner)));
    }

    /** The participant named {@code id}, or null after telling {@code s} not-found. */
    static Participant<Session> target(Session s, Room<Session> room, String id, String ref) {
        Participant<Session> t = room.participant(id);
        if (t == null) s.error(ErrorCode.NOT_FOUND, "no participant with that id in this room", ref);
        return t;
    }

    /** Whether {@code actor} may do {@code action} (to {@code target}, or null); tells {@code s} forbidden if not. */
    static boolean permitted(Session s, Participant<Session> actor, Permissions.Action action,
                             Participant<Session> target, String ref) {
        Optional<String> refusal = Permissions.refusal(actor.role(), action,
                target == null ? null : target.role(), target == actor);
        refusal.ifPresent(why -> s.error(ErrorCode.FORBIDDEN, why, ref));
        return refusal.isEmpty();
    }

    static <T> List<T> one(T t) {
        return t == null ? List.of() : List.of(t);
    }
}
