package parley.signal;

import java.util.List;
import parley.room.MediaException;
import parley.room.MediaKind;
import parley.room.MediaPeer;
import parley.room.MediaRoomEvents;
import parley.room.Participant;
import parley.room.Room;

/**
 * Offers and answers, the room's track list, server-side mute, and what the media plane
 * reports (active speaker, failed peers). Negotiation runs on a worker thread because it
 * may take milliseconds; its result comes back through the room's executor.
 */
final class MediaHandler {
    private record Outcome(MediaPeer.Answer answer, ErrorCode code, String message) {}

    private final SignalContext ctx;

    MediaHandler(SignalContext ctx) {
        this.ctx = ctx;
    }

    /** Room executor. */
    void offer(Session s, Room<Session> room, Participant<Session> p, ClientMessage.Offer m) {
        if (p.negotiating()) {
            s.error(ErrorCode.BAD_REQUEST, "an offer is already being negotiated (expected: wait for its answer)", m.type());
            return;
        }
        MediaPeer peer = p.peer();
        p.negotiating(true);
        ctx.workers.execute(() -> {
            Outcome outcome = negotiate(peer, m);
            ctx.onRoom(room, () -> apply(s, room, p, peer, outcome));
        });
    }

    /** Worker thread. */
    private static Outcome negotiate(MediaPeer peer, ClientMessage.Offer m) {
        try {
            return new Outcome(peer.negotiate(m.sdp(), m.send(), m.recv()), null, null);
        } catch (MediaException e) {
            return new Outcome(null, ErrorCode.BAD_REQUEST, e.getMessage());
        } catch (RuntimeException e) {
            SignalContext.log.warn("negotiation failed: {}", e.getClass().getName());
            return new Outcome(null, ErrorCode.MEDIA_FAILED, null);
        }
    }

    /** Room executor: the answer to the offerer, then the new track list to everyone if it changed. */
    private void apply(Session s, Room<Session> room, Participant<Session> p, MediaPeer peer, Outcome o) {
        if (!room.contains(p) || p.peer() != peer) return; // left, or the peer was replaced after a failure
        p.negotiating(false);
        if (o.code() == ErrorCode.MEDIA_FAILED) { // the peer may be broken: same recovery as a failed transport
            peerFailed(room, p.id());
            return;
        }
        if (o.answer() == null) {
            s.error(o.code(), o.message(), "offer");
            return;
        }
        boolean changed = p.tracks(o.answer().published());
        for (MediaPeer.PublishedTrack t : p.tracks()) peer.setPaused(t.trackId(), p.holdsBack(t));
        s.send(new ServerMessage.Answer(o.answer().sdp()));
        peer.answerDelivered(); // the forwarding news of this answer follows it
        if (changed) ctx.fanout.tracks(room, p);
    }

    /**
     * Sets a participant's mute flag and pauses or resumes their tracks to match (a moderator's
     * video mute also holds back the screen, the owner's own does not). Room executor.
     */
    void setMuted(Participant<Session> p, MediaKind kind, boolean muted, boolean byModerator) {
        p.muted(kind, muted);
        if (kind == MediaKind.VIDEO && (byModerator || !muted)) p.screenHeld(muted);
        if (p.peer() == null) return;
        for (MediaPeer.PublishedTrack t : p.tracks()) {
            if (kind.covers(t.kind())) p.peer().setPaused(t.trackId(), p.holdsBack(t));
        }
    }

    /** What the participant shows: handed to the media plane, which applies only the newest. Room executor. */
    void view(Participant<Session> p, ClientMessage.View v) {
        if (p.peer() != null) p.peer().view(v.video(), v.speakerHeight());
    }

    /** The room's listener for the media plane: it only enqueues onto the room's executor. */
    MediaRoomEvents events(Room<Session> room) {
        return new MediaRoomEvents() {
            @Override
            public void onActiveSpeaker(String participantId) {
                ctx.onRoom(room, () -> activeSpeaker(room, participantId));
            }

            @Override
            public void onPeerFailed(String participantId, String reason) {
                ctx.onRoom(room, () -> peerFailed(room, participantId)); // reason may name addresses: not kept
            }

            @Override
            public void onForwarding(String participantId, List<ForwardedSlot> slots) {
                ServerMessage m = new ServerMessage.Forwarding(slots.stream().map(x -> new ServerMessage.SlotView(
                        x.mid(), x.kind(), x.participantId(), x.trackId(), x.source())).toList());
                ctx.onRoom(room, () -> toParticipant(room, participantId, m));
            }

            @Override
            public void onSendLayers(String participantId, String mid, List<String> activeRids) {
                ServerMessage m = new ServerMessage.SendLayers(mid, List.copyOf(activeRids));
                ctx.onRoom(room, () -> toParticipant(room, participantId, m));
            }
        };
    }

    private static void toParticipant(Room<Session> room, String participantId, ServerMessage m) {
        Participant<Session> p = room.participant(participantId);
        if (p != null) p.link().send(m);
    }

    private void activeSpeaker(Room<Session> room, String participantId) {
        if (room.participant(participantId) == null || participantId.equals(room.activeSpeakerId())) return;
        room.activeSpeakerId(participantId);
        ctx.fanout.all(room, new ServerMessage.ActiveSpeaker(participantId));
    }

    /** The transport is gone: a fresh peer replaces it, the tracks are unpublished, the client offers again. */
    private void peerFailed(Room<Session> room, String participantId) {
        Participant<Session> p = room.participant(participantId);
        if (p == null || room.media() == null) return;
        SignalContext.log.info("media peer failed (participants in room={})", room.size());
        resetPeer(room, p);
        p.link().error(ErrorCode.MEDIA_FAILED,
                "your media connection failed; start a new RTCPeerConnection and send a new offer", null);
    }

    /**
     * Closes {@code p}'s transport, unpublishes their tracks (the others get {@code tracks})
     * and prepares a fresh peer for their next offer. Room executor.
     */
    void resetPeer(Room<Session> room, Participant<Session> p) {
        if (room.media() == null) return;
        if (p.peer() != null) p.peer().close();
        p.peer(room.media().addPeer(p.id()));
        p.negotiating(false);
        if (p.tracks(List.of())) ctx.fanout.tracks(room, p);
    }
}
