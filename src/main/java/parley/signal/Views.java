package parley.signal;

import java.util.ArrayList;
import java.util.List;
import parley.room.LobbyGuest;
import parley.room.MediaPeer;
import parley.room.Participant;
import parley.room.Room;
import parley.signal.ServerMessage.LobbyEntry;
import parley.signal.ServerMessage.ParticipantView;
import parley.signal.ServerMessage.RoomView;
import parley.signal.ServerMessage.TrackView;

/** Room state as the wire shows it. Room executor only (it reads room state). */
final class Views {
    private Views() {}

    static ParticipantView of(Participant<?> p) {
        return new ParticipantView(p.id(), p.name(), p.role().wireName(), p.audioMuted(), p.videoMuted(),
                p.handRaised(), p.avatar(), handRaisedAt(p));
    }

    /** As {@link #of(Participant)} without the avatar, for {@code participant-updated}. */
    static ServerMessage.ParticipantState state(Participant<?> p) {
        return new ServerMessage.ParticipantState(p.id(), p.name(), p.role().wireName(), p.audioMuted(), p.videoMuted(),
                p.handRaised(), handRaisedAt(p));
    }

    /** When the hand went up (the order of the moderators' queue), or null while down. */
    private static Long handRaisedAt(Participant<?> p) {
        return p.handRaised() ? p.handRaisedAtMs() : null;
    }

    static RoomView of(Room<?> r) {
        return new RoomView(r.name(), r.locked(), r.lobbyEnabled(), r.hasPassword(), r.startAudioMuted(),
                r.startVideoMuted(), r.e2ee());
    }

    /** Everyone but {@code self}, in admission order. */
    static List<ParticipantView> others(Room<?> r, Participant<?> self) {
        List<ParticipantView> out = new ArrayList<>();
        for (Participant<?> p : r.participants()) if (p != self) out.add(of(p));
        return out;
    }

    /** Every published track of the room except those of {@code receiver}. */
    static List<TrackView> tracksFor(Room<?> r, Participant<?> receiver) {
        List<TrackView> out = new ArrayList<>();
        for (Participant<?> p : r.participants()) {
            if (p == receiver) continue;
            for (MediaPeer.PublishedTrack t : p.tracks()) {
                out.add(new TrackView(t.trackId(), p.id(), t.kind(), t.source().wireName()));
            }
        }
        return out;
    }

    static List<ServerMessage.OwnTrackView> ownTracks(Participant<?> p) {
        List<ServerMessage.OwnTrackView> out = new ArrayList<>();
        for (MediaPeer.PublishedTrack t : p.tracks()) {
            out.add(new ServerMessage.OwnTrackView(t.trackId(), t.kind(), t.source().wireName()));
        }
        return out;
    }

    static List<LobbyEntry> lobby(Room<?> r) {
        List<LobbyEntry> out = new ArrayList<>();
        for (LobbyGuest<?> g : r.lobby().guests()) out.add(new LobbyEntry(g.id(), g.name()));
        return out;
    }
}
