package parley.sip;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import parley.audio.AudioException;
import parley.audio.JitterBuffer;
import parley.audio.Mixer;
import parley.audio.OpusStreamDecoder;
import parley.audio.OpusStreamEncoder;
import parley.audio.Pcm;

/**
 * A phone caller's audio work on the server: what they hear (every meeting track's Opus RTP,
 * handed in from the media thread by {@link #hear}, decoded through a jitter buffer and mixed
 * each 20 ms by {@link #frame}) and what the meeting hears of them ({@link #voice}: one 48 kHz
 * frame to an Opus RTP packet with its audio level). Only while a caller is in a meeting does the
 * server decode or encode audio at all.
 */
public final class PhoneMix {
    /** Packets waiting for the next frame; beyond this (a stalled call) they are dropped. */
    static final int MAX_QUEUED = 512;
    /** A track silent this many frames is dropped from the mix (it left, or was muted). */
    static final int FORGET_FRAMES = 250;
    private static final int OPUS_FRAME_TICKS = 960, MAX_OPUS = 1500;
    /** Playout delay: 80 ms absorbs the media loop's and the SIP thread's scheduling on a busy host; a phone leg tolerates it. */
    static final int DEPTH_FRAMES = 4;

    private record Heard(String trackId, int ts, byte[] packet) {}

    /** One track in the mix and the frame of its last packet. */
    private static final class Track {
        final Mixer.Source source;
        long lastFrame;

        Track(Mixer.Source source) {
            this.source = source;
        }
    }

    private final ConcurrentLinkedQueue<Heard> heard = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final Mixer mixer = new Mixer();
    private final Map<String, Track> tracks = new HashMap<>();
    private final OpusStreamEncoder encoder = new OpusStreamEncoder(OpusStreamEncoder.Settings.speech());
    private final int ssrc, payloadType, levelExtId;
    private int seq, ts, seqOffset, tsOffset;
    private boolean passing;
    private long frames;

    /** {@code ssrc}, {@code payloadType} and {@code levelExtId}: what {@link #voice} packets carry. */
    public PhoneMix(int ssrc, int payloadType, int levelExtId) {
        this.ssrc = ssrc;
        this.payloadType = payloadType;
        this.levelExtId = levelExtId;
        this.seq = ssrc & 0x7fff;
    }

    /** Any thread (the media loop): one RTP packet of a meeting track; copied, returns at once. */
    public void hear(String trackId, byte[] buf, int off, int len, long rtpTs) {
        if (queued.get() >= MAX_QUEUED) return;
        queued.incrementAndGet();
        heard.add(new Heard(trackId, (int) rtpTs, java.util.Arrays.copyOfRange(buf, off, off + len)));
    }

    /** Every 20 ms, one thread: the packets heard since the last frame into the mix; the mix, or null for silence. */
    public short[] frame() {
        frames++;
        for (Heard h; (h = heard.poll()) != null; ) {
            queued.decrementAndGet();
            Track t = tracks.computeIfAbsent(h.trackId(), id -> new Track(mixer.addSource(new OpusStreamDecoder(1),
                    new JitterBuffer(OPUS_FRAME_TICKS, DEPTH_FRAMES, 16, MAX_OPUS))));
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

    /** The caller's 20 ms at 48 kHz as a new Opus RTP packet with its audio level; returns its length, or -1. */
    public int voice(short[] pcm48k, byte[] packet) {
        double dbov = Pcm.dbov(Pcm.rms(pcm48k, 0, Pcm.FRAME_48K));
        int h = Rtp.writeHeaderWithLevel(packet, payloadType, seq++ & 0xffff, ts, ssrc, levelExtId, dbov);
        ts += OPUS_FRAME_TICKS;
        try {
            return h + encoder.encode(pcm48k, 0, packet, h);
        } catch (AudioException e) {
            return -1; // cannot happen for a whole frame
        }
    }

    /**
     * The trunk's Opus payload as a packet of the caller's track, without decoding or encoding:
     * the trunk's sequence numbers and timestamps moved by a fixed offset (so its losses stay
     * visible to the receivers), and the level measured by the caller. Returns the length, or -1
     * when it does not fit.
     */
    public int passThrough(byte[] payload, int off, int len, int trunkSeq, int trunkTs, double dbov, byte[] packet) {
        if (Rtp.HEADER_WITH_LEVEL + len > packet.length) return -1;
        if (!passing) {
            passing = true;
            seqOffset = seq - trunkSeq;
            tsOffset = ts - trunkTs;
        }
        int h = Rtp.writeHeaderWithLevel(packet, payloadType, (trunkSeq + seqOffset) & 0xffff, trunkTs + tsOffset, ssrc, levelExtId, dbov);
        System.arraycopy(payload, off, packet, h, len);
        return h + len;
    }

    /** Bytes a {@link #voice} or {@link #passThrough} packet may need. */
    public static int maxPacket() {
        return Rtp.HEADER_WITH_LEVEL + 1500;
    }
}
