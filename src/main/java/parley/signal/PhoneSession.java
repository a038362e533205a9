package parley.signal;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import parley.audio.AudioException;
import parley.audio.JitterBuffer;
import parley.audio.Mixer;
import parley.audio.OpusStreamDecoder;
import parley.audio.OpusStreamEncoder;
import parley.audio.Pcm;
import parley.room.MediaPeer;
import parley.room.Participant;
import parley.room.TrackSource;
import java.util.List;
import parley.room.MediaException;
import parley.room.Room;
import parley.sip.DialIn;
import parley.sip.Rtp;

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
    /** Packets waiting for the SIP thread's next frame; beyond this (a stalled call) they are dropped. */
    static final int MAX_QUEUED = 512;
    /** A track silent this many frames is dropped from the mix (it left, or its owner muted it). */
    static final int FORGET_FRAMES = 250;
    private static final int OPUS_FRAME_TICKS = 960, MAX_OPUS = 1500;

    private record Heard(String trackId, int ts, byte[] packet) {}

    /** One track in the caller's mix and when it last had a packet (in frames). */
    private static final class Track {
        final Mixer.Source source;
        long lastFrame;

        Track(Mixer.Source source) {
            this.source = source;
        }
    }

    private final SignalContext ctx;
    private final Session session;
    private final AtomicBoolean ended = new AtomicBoolean(), left = new AtomicBoolean();
    private final ConcurrentLinkedQueue<Heard> heard = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final Mixer mixer = new Mixer();
    private final Map<String, Track> tracks = new HashMap<>();
    private long frames;
    private volatile Room<Session> room;
    private volatile AutoCloseable tap;
    private volatile MediaPeer.ServerTrack voice;
    private final OpusStreamEncoder encoder = new OpusStreamEncoder(OpusStreamEncoder.Settings.speech());
    private int voiceSeq = new java.util.Random().nextInt(), voiceTs;

    PhoneSession(SignalContext ctx) {
        this.ctx = ctx;
        this.session = ctx.newSession(new Outbound() {
            @Override
            public void send(String json) {
                // a phone has no screen; its audio goes through the seat
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
        try {
            tap = r.media().hearAudio((participantId, trackId, buf, off, len, ts) -> {
                if (participantId.equals(self) || queued.get() >= MAX_QUEUED) return; // minus one; or stalled
                queued.incrementAndGet();
                heard.add(new Heard(trackId, (int) ts, java.util.Arrays.copyOfRange(buf, off, off + len)));
            });
        } catch (MediaException e) {
            SignalContext.log.info("a phone caller cannot hear the meeting: {}", e.getMessage());
        }
        publishVoice(r);
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
        byte[] packet = new byte[Rtp.HEADER_WITH_LEVEL + OpusStreamEncoder.MAX_PACKET_BYTES];
        double dbov = Pcm.dbov(Pcm.rms(pcm48k, 0, Pcm.FRAME_48K));
        int h = Rtp.writeHeaderWithLevel(packet, MediaPeer.ServerTrack.PAYLOAD_TYPE, voiceSeq++ & 0xffff, voiceTs,
                (int) t.ssrc(), MediaPeer.ServerTrack.AUDIO_LEVEL_EXT_ID, dbov);
        voiceTs += OPUS_FRAME_TICKS;
        try {
            int n = encoder.encode(pcm48k, 0, packet, h);
            t.send(packet, h + n);
        } catch (AudioException e) {
            // cannot happen for a whole frame; the frame is lost
        }
    }

    /** SIP thread, every 20 ms: the packets heard since the last frame into the mix, and one frame out. */
    @Override
    public short[] toCaller() {
        frames++;
        for (Heard h; (h = heard.poll()) != null; ) {
            queued.decrementAndGet();
            Track t = tracks.computeIfAbsent(h.trackId(), id -> new Track(mixer.addSource(new OpusStreamDecoder(1),
                    new JitterBuffer(OPUS_FRAME_TICKS, 3, 16, MAX_OPUS))));
            t.lastFrame = frames;
            int off = Rtp.payloadOffset(h.packet(), h.packet().length);
            int n = off < 0 ? -1 : Rtp.payloadLength(h.packet(), h.packet().length, off);
            if (n <= 0) continue;
            try {
                t.source.push(h.ts(), h.packet(), off, n);
            } catch (AudioException e) {
                // a payload too big for the buffer: dropped like a lost packet
            }
        }
        for (Iterator<Track> it = tracks.values().iterator(); it.hasNext(); ) {
            Track t = it.next();
            if (frames - t.lastFrame > FORGET_FRAMES) {
                mixer.removeSource(t.source);
                it.remove();
            }
        }
        if (tracks.isEmpty()) return null;
        mixer.tick();
        return mixer.fullMix();
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
