package parley.signal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import parley.room.MediaCaptions;
import parley.room.MediaException;
import parley.room.Participant;
import parley.room.Room;

/**
 * Live captions (docs/protocol.md, "Captions"): turned on and off for the whole meeting by a
 * moderator (or anyone, with --captions-by anyone); everyone is told, and every newcomer in
 * {@code joined}; each recognised line goes to every participant, whose client decides whether
 * to show it. Refused in an end-to-end encrypted meeting (the server cannot hear it); they stop
 * when encryption is turned on or the meeting ends. No text is kept or logged. Room executor,
 * except the text, which comes from the captions thread and is queued onto the room.
 */
final class CaptionsHandler {
    private static final String REF = "set-captions";
    /** A line longer than this is cut to its last characters: a speaker who never pauses. */
    static final int MAX_TEXT = 1_000;

    private record Active(MediaCaptions handle, String by) {}

    private final SignalContext ctx;
    private final Map<Room<Session>, Active> active = new ConcurrentHashMap<>();

    CaptionsHandler(SignalContext ctx) {
        this.ctx = ctx;
    }

    void set(Session s, Room<Session> room, Participant<Session> actor, ClientMessage.SetCaptions m) {
        CaptionsPolicy policy = ctx.config.captions();
        if (policy == CaptionsPolicy.OFF) {
            s.error(ErrorCode.CAPTIONS_UNAVAILABLE, "this server has no captions (it was started without --captions-model)", REF);
            return;
        }
        if (policy == CaptionsPolicy.MODERATORS && !actor.role().isModerator()) {
            s.error(ErrorCode.FORBIDDEN, "only moderators may turn captions on or off", REF);
            return;
        }
        if (m.on()) start(s, room, actor);
        else stop(s, room, actor);
    }

    private void start(Session s, Room<Session> room, Participant<Session> actor) {
        if (room.e2ee()) {
            s.error(ErrorCode.CAPTIONS_E2EE, "this meeting is end-to-end encrypted: the server cannot hear it, "
                    + "so it cannot caption it", REF);
            return;
        }
        if (active.containsKey(room)) {
            s.error(ErrorCode.BAD_REQUEST, "captions are already on", REF);
            return;
        }
        MediaCaptions handle;
        try {
            handle = room.media().captions((who, text, fin) -> ctx.onRoom(room, () -> caption(room, who, text, fin)));
        } catch (MediaException e) {
            s.error(ErrorCode.CAPTIONS_UNAVAILABLE, e.getMessage(), REF);
            return;
        }
        active.put(room, new Active(handle, actor.id()));
        SignalContext.log.info("captions on (captioned rooms: {})", active.size());
        ctx.fanout.all(room, new ServerMessage.Captions(true, actor.id()));
    }

    private void stop(Session s, Room<Session> room, Participant<Session> actor) {
        Active a = active.remove(room);
        if (a == null) {
            s.error(ErrorCode.BAD_REQUEST, "captions are not on", REF);
            return;
        }
        a.handle().stop();
        ctx.fanout.all(room, new ServerMessage.Captions(false, actor.id()));
    }

    private void caption(Room<Session> room, String participantId, String text, boolean isFinal) {
        if (!active.containsKey(room) || room.participant(participantId) == null) return;
        String t = text.length() > MAX_TEXT ? text.substring(text.length() - MAX_TEXT) : text;
        ctx.fanout.all(room, new ServerMessage.Caption(participantId, t, isFinal));
    }

    /** Encryption was turned on: the server will hear only ciphertext, so captions end here. */
    void stopForEncryption(Room<Session> room, Participant<Session> by) {
        Active a = active.remove(room);
        if (a == null) return;
        a.handle().stop();
        ctx.fanout.all(room, new ServerMessage.Captions(false, by.id()));
    }

    /** The meeting ended. */
    void roomClosed(Room<Session> room) {
        Active a = active.remove(room);
        if (a != null) a.handle().stop();
    }

    /** For {@code joined}. */
    ServerMessage.CaptionsView view(Room<Session> room) {
        Active a = active.get(room);
        return new ServerMessage.CaptionsView(ctx.config.captions().wireName(), a != null, a == null ? null : a.by());
    }
}
