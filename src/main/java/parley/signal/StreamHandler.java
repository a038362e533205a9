package parley.signal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import parley.room.MediaException;
import parley.room.MediaStream;
import parley.room.Participant;
import parley.room.Permissions.Action;
import parley.room.Room;

/**
 * Live streaming (docs/protocol.md, "Live streaming"): whoever may record (a moderator) starts a
 * stream to an RTMP(S) URL with a stream key and stops it; everyone is told that the meeting is
 * live (and every newcomer, in {@code joined}), never where to; moderators are also told how it
 * goes (starting, live, reconnecting). Refused in an end-to-end encrypted meeting (the server
 * cannot see the media); it stops when encryption is turned on or the meeting ends. When it ends
 * by itself (the streaming server stayed away) the one who started it is told why (the moderators
 * if they left). Room executor, except the stream's events, which are queued onto the room.
 */
final class StreamHandler {
    private static final String REF = "stream";

    /** A stream in progress: its handle, who started it, when (ms since 1970), and how it goes. */
    private static final class Active {
        final MediaStream handle;
        final String by;
        final long since;
        String state = "starting";

        Active(MediaStream handle, String by, long since) {
            this.handle = handle;
            this.by = by;
            this.since = since;
        }
    }

    private final SignalContext ctx;
    /** Streaming rooms; each entry goes when its stream stops or its room closes. */
    private final Map<Room<Session>, Active> active = new ConcurrentHashMap<>();

    StreamHandler(SignalContext ctx) {
        this.ctx = ctx;
    }

    void set(Session s, Room<Session> room, Participant<Session> actor, ClientMessage.SetStream m) {
        if (!Fanout.permitted(s, actor, Action.RECORD, null, m.type())) return;
        if (m.start()) start(s, room, actor, m);
        else stop(s, room, actor);
    }

    private void start(Session s, Room<Session> room, Participant<Session> actor, ClientMessage.SetStream m) {
        if (room.e2ee()) {
            s.error(ErrorCode.STREAM_E2EE, "this meeting is end-to-end encrypted: the server cannot see its media, "
                    + "so it cannot stream it", REF);
            return;
        }
        if (active.containsKey(room)) {
            s.error(ErrorCode.BAD_REQUEST, "the meeting is already being streamed", REF);
            return;
        }
        MediaStream[] started = new MediaStream[1]; // for the events, which are made before it exists
        MediaStream handle;
        try {
            handle = room.media().stream(m.url(), m.key(), events(room, actor.id(), started));
        } catch (MediaException e) {
            s.error(ErrorCode.STREAM_UNAVAILABLE, e.getMessage(), REF);
            return;
        }
        started[0] = handle;
        Active a = new Active(handle, actor.id(), ctx.nowMs());
        active.put(room, a);
        SignalContext.log.info("live stream started (streaming rooms: {})", active.size());
        ctx.fanout.all(room, new ServerMessage.Stream(true, a.by, a.since));
        ctx.fanout.moderators(room, new ServerMessage.StreamState(a.state));
    }

    private void stop(Session s, Room<Session> room, Participant<Session> actor) {
        Active a = active.remove(room);
        if (a == null) {
            s.error(ErrorCode.BAD_REQUEST, "the meeting is not being streamed", REF);
            return;
        }
        a.handle.stop();
        ctx.fanout.all(room, new ServerMessage.Stream(false, actor.id(), null));
    }

    /** Encryption was turned on: the server will see only ciphertext, so the stream ends here. */
    void stopForEncryption(Room<Session> room, Participant<Session> by) {
        Active a = active.remove(room);
        if (a == null) return;
        a.handle.stop();
        ctx.fanout.all(room, new ServerMessage.Stream(false, by.id(), null));
    }

    /** The meeting ended: so does its stream. */
    void roomClosed(Room<Session> room) {
        Active a = active.remove(room);
        if (a != null) a.handle.stop();
    }

    /** For {@code joined}: the stream in progress (its state only for a moderator), or null. */
    ServerMessage.StreamView view(Room<Session> room, Participant<Session> p) {
        Active a = active.get(room);
        return a == null ? null : new ServerMessage.StreamView(a.by, a.since, p.role().isModerator() ? a.state : null);
    }

    private MediaStream.Events events(Room<Session> room, String starterId, MediaStream[] started) {
        return new MediaStream.Events() {
            @Override
            public void onState(String state) {
                ctx.onRoom(room, () -> {
                    Active a = active.get(room);
                    if (a == null || a.handle != started[0] || a.state.equals(state)) return;
                    a.state = state;
                    ctx.fanout.moderators(room, new ServerMessage.StreamState(state));
                });
            }

            @Override
            public void onFailed(String message) {
                ctx.onRoom(room, () -> {
                    Active a = active.get(room);
                    if (a != null && a.handle == started[0] && active.remove(room, a)) {
                        ctx.fanout.all(room, new ServerMessage.Stream(false, null, null));
                    }
                    Participant<Session> starter = room.participant(starterId);
                    if (starter != null) starter.link().error(ErrorCode.STREAM_FAILED, message, REF);
                    else ctx.fanout.moderators(room, new ServerMessage.ErrorReply(ErrorCode.STREAM_FAILED.wireName(), message, REF));
                });
            }
        };
    }
}
