package parley.signal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import parley.room.MediaException;
import parley.room.MediaRecording;
import parley.room.Participant;
import parley.room.Permissions.Action;
import parley.room.Room;

/**
 * Server recording (docs/protocol.md, "Recording"): a moderator starts and stops it; everyone
 * is told (and every newcomer, in {@code joined}) while it runs; it is refused in an end-to-end
 * encrypted meeting (the server cannot see the media) and stops when encryption is turned on or
 * the meeting ends. The one who started it is told where it was stored, or why it failed (to the
 * moderators if they left). Room executor, except the recording's outcome which comes from its
 * own thread and is queued onto the room.
 */
final class RecordingHandler {
    private static final String REF = "record";

    /** A recording in progress: its handle, who started it and when (ms since 1970). */
    private record Active(MediaRecording handle, String by, long since) {}

    private final SignalContext ctx;
    /** Recording rooms; each entry goes when its recording stops or its room closes. */
    private final Map<Room<Session>, Active> active = new ConcurrentHashMap<>();

    RecordingHandler(SignalContext ctx) {
        this.ctx = ctx;
    }

    void record(Session s, Room<Session> room, Participant<Session> actor, ClientMessage.SetRecording m) {
        if (!Fanout.permitted(s, actor, Action.RECORD, null, m.type())) return;
        if (m.start()) start(s, room, actor);
        else stop(s, room, actor);
    }

    private void start(Session s, Room<Session> room, Participant<Session> actor) {
        if (room.e2ee()) {
            s.error(ErrorCode.RECORDING_E2EE, "this meeting is end-to-end encrypted: the server cannot see its media, "
                    + "so it cannot record it (record in your browser instead)", REF);
            return;
        }
        if (active.containsKey(room)) {
            s.error(ErrorCode.BAD_REQUEST, "the meeting is already being recorded", REF);
            return;
        }
        MediaRecording[] started = new MediaRecording[1]; // for the events, which are made before it exists
        MediaRecording handle;
        try {
            handle = room.media().record(room.name(), events(room, actor.id(), started));
        } catch (MediaException e) {
            s.error(ErrorCode.RECORDING_UNAVAILABLE, e.getMessage(), REF);
            return;
        }
        started[0] = handle;
        Active a = new Active(handle, actor.id(), ctx.nowMs());
        active.put(room, a);
        SignalContext.log.info("recording started (recording rooms: {})", active.size());
        ctx.fanout.all(room, new ServerMessage.Recording(true, a.by(), a.since()));
    }

    private void stop(Session s, Room<Session> room, Participant<Session> actor) {
        Active a = active.remove(room);
        if (a == null) {
            s.error(ErrorCode.BAD_REQUEST, "the meeting is not being recorded", REF);
            return;
        }
        a.handle().stop();
        ctx.fanout.all(room, new ServerMessage.Recording(false, actor.id(), null));
    }

    /** Encryption was turned on: the server will see only ciphertext, so the recording ends here. */
    void stopForEncryption(Room<Session> room, Participant<Session> by) {
        Active a = active.remove(room);
        if (a == null) return;
        a.handle().stop();
        ctx.fanout.all(room, new ServerMessage.Recording(false, by.id(), null));
    }

    /** The meeting ended: its recording stops and is stored; nobody is left to tell. */
    void roomClosed(Room<Session> room) {
        Active a = active.remove(room);
        if (a != null) a.handle().stop();
    }

    /** For {@code joined}: the recording in progress, or null. */
    ServerMessage.RecordingView view(Room<Session> room) {
        Active a = active.get(room);
        return a == null ? null : new ServerMessage.RecordingView(a.by(), a.since());
    }

    /**
     * The outcome, to the one who started it if still here, else to the moderators. A failure
     * may come while the recording runs (a disk that fills up): then it has ended, and everyone
     * is told so.
     */
    private MediaRecording.Events events(Room<Session> room, String starterId, MediaRecording[] started) {
        return new MediaRecording.Events() {
            @Override
            public void onSaved(String fileName, boolean uploaded) {
                ctx.onRoom(room, () -> tell(room, starterId, new ServerMessage.RecordingSaved(fileName, uploaded), null));
            }

            @Override
            public void onFailed(String message) {
                ctx.onRoom(room, () -> {
                    Active a = active.get(room);
                    if (a != null && a.handle() == started[0] && active.remove(room, a)) {
                        ctx.fanout.all(room, new ServerMessage.Recording(false, null, null));
                    }
                    tell(room, starterId, null, message);
                });
            }
        };
    }

    private void tell(Room<Session> room, String starterId, ServerMessage saved, String failure) {
        Participant<Session> starter = room.participant(starterId);
        if (starter != null) {
            if (saved != null) starter.link().send(saved);
            else starter.link().error(ErrorCode.RECORDING_FAILED, failure, REF);
            return;
        }
        ctx.fanout.moderators(room, saved != null ? saved
                : new ServerMessage.ErrorReply(ErrorCode.RECORDING_FAILED.wireName(), failure, REF));
    }
}
