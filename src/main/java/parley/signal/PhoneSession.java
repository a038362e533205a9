package parley.signal;

import java.util.concurrent.atomic.AtomicBoolean;
import parley.room.MediaPeer;
import parley.room.Participant;
import parley.room.TrackSource;
import java.util.List;
import parley.room.MediaException;
import parley.room.Room;
import parley.sip.DialIn;
import parley.sip.PhoneMix;

/**
 * A phone caller's place in a room: a {@link Session} like a browser's, whose "connection" is
 * the phone leg. What the server would send it is dropped (a phone has no screen); when the server
 * closes it (kick, the meeting ended) the call is hung up; when the caller hangs up, it leaves like
 * a browser that sent {@code leave}. So moderators mute, kick and see phone callers like anyone,
 * through the same code. The caller's voice is their microphone track, made by the server
 * ({@link MediaPeer#publishServerAudio}: Opus with audio levels). The caller hears the meeting: every audio track the server receives
 * (taken from the SFU, {@link parley.room.MediaRoom#hearAudio}) decoded and mixed every 20 ms.
 */
final class PhoneSession implements DialIn.PhoneSeat {
    private final SignalContext ctx;
    private final Session session;
    private final AtomicBoolean ended = new AtomicBoolean(), left = new AtomicBoolean();
    private volatile Room<Session> room;
    private volatile AutoCloseable tap;
    private volatile MediaPeer.ServerTrack voice;
    private volatile PhoneMix mix = new PhoneMix(0, MediaPeer.ServerTrack.PAYLOAD_TYPE, MediaPeer.ServerTrack.AUDIO_LEVEL_EXT_ID);

    PhoneSession(SignalContext ctx) {
        this.ctx = ctx;
        this.session = ctx.newSession(new Outbound() {
            @Override
            public void send(String json) {
                // a phone has no screen; its audio goes through the seat
            }

            @Override
            public void ping() {
                // The idle sweep asks whether the "connection" is alive: it is while the call is
                // (a hang-up leaves by itself), so answer as a browser's WebSocket would.
                if (!ended.get()) session.onPong();
            }

            @Override
            public void close(int statusCode, String reason) {
                ended.set(true);
            }
        });
        session.beginJoin(); // like a browser's join message: the PIN was its join
    }

    Session session() {
        return session;
    }

    /** Room executor, once admitted: the caller starts hearing the meeting. */
    void joined(Room<Session> r) {
        this.room = r;
        if (r.media() == null || session.participant() == null) return;
        String self = session.participant().id();
        publishVoice(r); // first: it sets the mix the tap feeds
        try {
            tap = r.media().hearAudio((participantId, trackId, buf, off, len, ts) -> {
                if (!participantId.equals(self)) mix.hear(trackId, buf, off, len, ts); // minus one
            });
        } catch (MediaException e) {
            SignalContext.log.info("a phone caller cannot hear the meeting: {}", e.getMessage());
        }
        if (left.get()) closeTap(); // hung up meanwhile
    }

    /** Room executor: the caller's voice becomes their microphone track, announced to everyone like a browser's. */
    private void publishVoice(Room<Session> r) {
        Participant<Session> p = session.participant();
        if (p.peer() == null) return;
        try {
            MediaPeer.ServerTrack t = p.peer().publishServerAudio();
            MediaPeer.PublishedTrack track = new MediaPeer.PublishedTrack(t.trackId(), "audio", TrackSource.MIC);
            p.tracks(List.of(track));
            p.peer().setPaused(t.trackId(), p.holdsBack(track));
            ctx.fanout.tracks(r, p);
            mix = new PhoneMix((int) t.ssrc(), MediaPeer.ServerTrack.PAYLOAD_TYPE, MediaPeer.ServerTrack.AUDIO_LEVEL_EXT_ID);
            voice = t;
        } catch (MediaException e) {
            SignalContext.log.info("a phone caller cannot be heard in the meeting: {}", e.getMessage());
        }
    }

    /** The join failed (room locked, full or gone): the call ends. */
    void hangUp() {
        ended.set(true);
        ctx.forget(session);
    }

    /** SIP thread: one 20 ms frame of the caller's voice, to Opus, into the SFU as their microphone. */
    @Override
    public void fromCaller(short[] pcm48k) {
        MediaPeer.ServerTrack t = voice;
        if (t == null) return;
        byte[] packet = new byte[PhoneMix.maxPacket()];
        int n = mix.voice(pcm48k, packet);
        if (n > 0) t.send(packet, n);
    }

    /** SIP thread: a trunk's Opus payload into the SFU as the caller's microphone, neither decoded nor encoded again. */
    @Override
    public void fromCallerOpus(byte[] payload, int off, int len, int seq, int ts, double dbov) {
        MediaPeer.ServerTrack t = voice;
        if (t == null) return;
        byte[] packet = new byte[PhoneMix.maxPacket()];
        int n = mix.passThrough(payload, off, len, seq, ts, dbov, packet);
        if (n > 0) t.send(packet, n);
    }

    /** SIP thread, every 20 ms: the meeting's mix without the caller, or null for silence. */
    @Override
    public short[] toCaller() {
        return mix.frame();
    }

    @Override
    public boolean ended() {
        return ended.get();
    }

    @Override
    public void leave() {
        if (!left.compareAndSet(false, true)) return;
        ended.set(true);
        closeTap();
        Room<Session> r = room;
        if (r == null) {
            ctx.forget(session);
            return;
        }
        ctx.onRoom(r, () -> {
            ctx.joins.disconnect(session, r, true);
            ctx.forget(session);
        });
    }

    private void closeTap() {
        AutoCloseable t = tap;
        tap = null;
        if (t == null) return;
        try {
            t.close();
        } catch (Exception e) {
            // the room's media ended meanwhile
        }
    }
}
