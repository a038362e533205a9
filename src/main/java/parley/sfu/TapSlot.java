package parley.sfu;

import parley.media.codec.Vp8;
import parley.media.rtp.RtpPacket;

/**
 * One producer's packets to one {@link MediaTap}: like a receive slot without a receiver. For
 * video it chooses the highest active simulcast layer up to {@link #MAX_HEIGHT} (a recording
 * needs no more, and the sender keeps encoding it since the slot marks it wanted), asks for a
 * keyframe when it starts and whenever it wants another layer, and switches only at that
 * layer's keyframe. A server-side mute holds the track back as it does for receivers.
 * Loop thread only.
 */
final class TapSlot {
    /** The tallest picture a tap takes: a recording's grid cell is smaller. */
    static final int MAX_HEIGHT = 720;

    private final Producer producer;
    private final MediaTap tap;
    private final TrackSink sink;
    private final SeqMap seqMap;
    private int current = -1;
    private int target = -1;
    /** A packet went through: {@link #seqMap} maps timestamps. */
    private boolean flowing;

    TapSlot(Producer producer, MediaTap tap, TrackSink sink) {
        this.producer = producer;
        this.tap = tap;
        this.sink = sink;
        this.seqMap = new SeqMap(producer.clockRate());
    }

    MediaTap tap() {
        return tap;
    }

    /** One decrypted packet of {@code layer} of this slot's producer. */
    void offer(Layer layer, byte[] buf, int off, int len, long nowMs) {
        if (producer.paused()) return;
        if (producer.video() && layer.index() != current) {
            if (layer.index() != target || !isKeyframe(buf, off, len)) return;
            current = target;
            seqMap.switchSource();
        }
        if (!seqMap.accept(RtpPacket.sequenceNumber(buf, off), RtpPacket.timestamp(buf, off), nowMs)) return;
        flowing = true;
        sink.onRtp(buf, off, len, seqMap.outSeq(), seqMap.outTs(), nowMs);
    }

    /** Chooses the layer (a few times a second) and asks for its keyframe until it flows (or the tap asks for one). */
    void tick(long nowMs) {
        if (!producer.video()) return;
        target = producer.usableLayer(producer.layerForHeight(MAX_HEIGHT), nowMs);
        producer.markWanted(target, nowMs);
        if (target >= 0 && (target != current || sink.wantsKeyframe())) producer.requestKeyframe(target, nowMs);
    }

    /** The sender's report for {@code layer}: passed on for the layer this slot forwards, its timestamp mapped like the packets'. */
    void onSenderReport(Layer layer, long ntpMs, long rtpTs, long nowMs) {
        if (!flowing || producer.video() && layer.index() != current) return;
        sink.onSenderReport(ntpMs, seqMap.mapTimestamp(rtpTs), nowMs);
    }

    private static boolean isKeyframe(byte[] buf, int off, int len) {
        int p = RtpPacket.payloadOffset(buf, off);
        int pl = RtpPacket.payloadLength(buf, off, len);
        return pl > 0 && Vp8.isKeyframe(buf, p, pl);
    }
}
