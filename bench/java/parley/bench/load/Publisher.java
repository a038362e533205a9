package parley.bench.load;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.SplittableRandom;
import parley.media.rtp.Bytes;
import parley.media.rtp.ExtensionWriter;

/**
 * What one synthetic participant sends: a microphone (one Opus packet every 20 ms) and a camera in
 * three simulcast layers (a VP8 frame per layer every 33 ms), as RTP packets carrying the one-byte
 * header extensions a browser sends: mid, rid (camera layers), transport-wide sequence number, and
 * audio level (RFC 6464) on the microphone.
 *
 * <p>Thread-safety: the sender thread calls {@link #sendAudio} and {@link #sendVideo}; keyframe
 * requests and {@code send-layers} come from other threads through {@link VideoLayer}'s volatile flags.
 */
final class Publisher {
    static final int AUDIO_TICKS_PER_PACKET = 48_000 * MediaFixtures.OPUS_FRAME_MS / 1000;
    /** RFC 6464: the voice-activity bit and the level in -dBov; a talker at about 25 dBov below full scale. */
    static final int TALKING_LEVEL = 0x80 | 25;
    static final int SILENT_LEVEL = 127;
    private static final byte[] MIC_MID = OfferWriter.MIC_MID.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CAMERA_MID = OfferWriter.CAMERA_MID.getBytes(StandardCharsets.US_ASCII);

    /** Who talks when: the first {@code speakers} participants take turns of {@code turnMs} each. */
    record SpeakerTurns(int speakers, long turnMs, long startMs) {
        boolean talking(int index, long nowMs) {
            return index < speakers && Math.floorDiv(nowMs - startMs, turnMs) % speakers == index;
        }
    }

    private final Stats stats;
    private final MediaFixtures fixtures;
    private final int index;
    private final SpeakerTurns turns;
    private final int audioSsrc;
    private final List<VideoLayer> layers = new ArrayList<>();
    private final ExtensionWriter extensions = new ExtensionWriter();
    private final byte[][] rids;
    private int transportSeq;
    private int audioSeq;
    private long audioTimestamp;
    private int audioIndex;

    Publisher(Stats stats, MediaFixtures fixtures, int index, SpeakerTurns turns, int audioSsrc,
              SplittableRandom random) {
        this.stats = stats;
        this.fixtures = fixtures;
        this.index = index;
        this.turns = turns;
        this.audioSsrc = audioSsrc;
        this.audioSeq = random.nextInt(0x10000);
        this.audioTimestamp = random.nextLong(1L << 32);
        this.audioIndex = random.nextInt(fixtures.opus().size());
        this.transportSeq = random.nextInt(0x10000);
        this.rids = new byte[MediaFixtures.LAYERS.size()][];
        int firstFrame = random.nextInt(fixtures.layers().get(0).frames().size());
        for (int i = 0; i < MediaFixtures.LAYERS.size(); i++) {
            String rid = MediaFixtures.LAYERS.get(i).rid();
            rids[i] = rid.getBytes(StandardCharsets.US_ASCII);
            layers.add(new VideoLayer(rid, random.nextInt(), fixtures.layers().get(i), random.nextInt(0x10000),
                    random.nextLong(1L << 32), random.nextInt(Vp8Packetizer.MAX_PICTURE_ID + 1), firstFrame));
        }
    }

    int audioSsrc() {
        return audioSsrc;
    }

    List<VideoLayer> layers() {
        return List.copyOf(layers);
    }

    /** A PLI or FIR for {@code ssrc}: that layer jumps to its next keyframe. False if it is none of ours. */
    boolean requestKeyframe(int ssrc) {
        for (VideoLayer l : layers) {
            if (l.ssrc() == ssrc) {
                l.requestKeyframe();
                return true;
            }
        }
        return false;
    }

    /** {@code send-layers}: only these rids are sent from now on. */
    void setActiveLayers(Collection<String> active) {
        for (VideoLayer l : layers) {
            boolean on = active.contains(l.rid());
            if (l.isActive() && !on) stats.layerPauses.increment();
            l.setActive(on);
        }
    }

    /** Sends the next 20 ms of Opus; {@code buf} has {@link MediaPeer#BUFFER_BYTES}. */
    void sendAudio(RtpOut peer, byte[] buf, long nowMs) {
        byte[] opus = fixtures.opus().get(audioIndex);
        audioIndex = (audioIndex + 1) % fixtures.opus().size();
        header(buf, OfferWriter.OPUS_PT, false, audioSeq, audioTimestamp, audioSsrc);
        audioSeq = (audioSeq + 1) & 0xffff;
        audioTimestamp = (audioTimestamp + AUDIO_TICKS_PER_PACKET) & 0xffff_ffffL;
        int level = turns.talking(index, nowMs) ? TALKING_LEVEL : SILENT_LEVEL;
        int at = extensions.start(buf, 0)
                .add(OfferWriter.MID_ID, MIC_MID, 0, MIC_MID.length)
                .add8(OfferWriter.AUDIO_LEVEL_ID, level)
                .add16(OfferWriter.TRANSPORT_CC_ID, nextTransportSeq())
                .finish();
        System.arraycopy(opus, 0, buf, at, opus.length);
        peer.sendRtp(buf, at + opus.length);
    }

    /** Sends this 30 fps tick's frame of every active layer. */
    void sendVideo(RtpOut peer, byte[] buf) {
        for (int l = 0; l < layers.size(); l++) {
            VideoLayer layer = layers.get(l);
            byte[] frame = layer.nextFrame();
            if (frame == null) continue;
            stats.framesSent.increment();
            int count = Vp8Packetizer.packetCount(frame.length);
            for (int i = 0; i < count; i++) {
                header(buf, OfferWriter.VP8_PT, i == count - 1, layer.nextSeq(), layer.frameTimestamp(), layer.ssrc());
                int at = extensions.start(buf, 0)
                        .add(OfferWriter.MID_ID, CAMERA_MID, 0, CAMERA_MID.length)
                        .add(OfferWriter.RID_ID, rids[l], 0, rids[l].length)
                        .add16(OfferWriter.TRANSPORT_CC_ID, nextTransportSeq())
                        .finish();
                int n = Vp8Packetizer.write(frame, i, layer.framePictureId(), buf, at);
                peer.sendRtp(buf, at + n);
            }
        }
    }

    private int nextTransportSeq() {
        int s = transportSeq;
        transportSeq = (transportSeq + 1) & 0xffff;
        return s;
    }

    /** The fixed RTP header (RFC 3550 §5.1): V=2, no padding, no CSRC; X is set by the extension writer. */
    private static void header(byte[] b, int pt, boolean marker, int seq, long timestamp, int ssrc) {
        b[0] = (byte) 0x80;
        b[1] = (byte) ((marker ? 0x80 : 0) | pt);
        Bytes.put16(b, 2, seq);
        Bytes.put32(b, 4, (int) timestamp);
        Bytes.put32(b, 8, ssrc);
    }
}
