package parley.signal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import parley.room.Participant;
import parley.room.Room;

/**
 * Recording in the browser (docs/protocol.md, "Recording on a device"): the media never reaches
 * the server (so it works in an end-to-end encrypted meeting too); the server only passes on who
 * says they record, to everyone and to every newcomer in {@code joined}, so that nobody is
 * recorded without being told. Anyone in the room may record on their device: a browser can
 * always capture its own screen and sound, so a ban could not be enforced, only hide the fact.
 * Room executor.
 */
final class LocalRecordingHandler {
    private final SignalContext ctx;
    /** Participant ids recording on their device, per room; a room's entry goes when it closes. */
    private final Map<Room<Session>, Set<String>> recording = new ConcurrentHashMap<>();

    LocalRecordingHandler(SignalContext ctx) {
        this.ctx = ctx;
    }

    void set(Room<Session> room, Participant<Session> p, ClientMessage.SetLocalRecording m) {
        Set<String> ids = recording.computeIfAbsent(room, r -> ConcurrentHashMap.newKeySet());
        boolean changed = m.on() ? ids.add(p.id()) : ids.remove(p.id());
        if (changed) ctx.fanout.all(room, new ServerMessage.LocalRecording(p.id(), m.on()));
    }

    /** They left: their recording ends with them (everyone learns of the departure itself). */
    void left(Room<Session> room, Participant<Session> p) {
        Set<String> ids = recording.get(room);
        if (ids != null) ids.remove(p.id());
    }

    void roomClosed(Room<Session> room) {
        recording.remove(room);
    }

    /** For {@code joined}: who records on their device now. */
    List<String> view(Room<Session> room) {
        Set<String> ids = recording.get(room);
        return ids == null ? List.of() : new ArrayList<>(ids);
    }
}
