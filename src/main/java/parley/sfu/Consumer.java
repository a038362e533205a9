package parley.sfu;

import java.nio.charset.StandardCharsets;
import parley.media.codec.Vp8;
import parley.media.rtp.ExtensionWriter;
import parley.media.rtp.RtpPacket;
import parley.media.transport.MediaLoop;

/**
 * One receive slot of one receiver: an outgoing RTP stream (its own SSRC, the receiver's
 * payload types and extension ids) that carries one producer at a time. The server moves a
 * slot from producer to producer (a new speaker, a new page of tiles) without renegotiation:
 * it rewrites SSRC, sequence numbers, timestamps and VP8 picture ids into one continuous
 * stream, and switches video only on a keyframe.
 * <p>
 * Layers in mediasoup's words: the <em>preferred</em> layer is what the receiver's tile size
 * calls for, the <em>target</em> what the allocator grants within the bandwidth estimate, the
 * <em>current</em> what is forwarded now. Deciding is elsewhere ({@link ViewPlanner},
 * {@link AudioSelector}, the allocator); this class only switches. Loop thread only.
 */
final class Consumer {
    /** How long after it starts forwarding a source a slot asks again for a keyframe (see confirmStart). */
    static final long START_CONFIRM_MS = 400;

    private final SfuPeer receiver;
    private final String mid;
    private final boolean video;
    private final long ssrc;
    private final long rtxSsrc;
    /** The receiver's payload types (its offer's numbers) for the codec and RTX (or -1). */
    private final int payloadType;
    private final int rtxPayloadType;
    /** The receiver's header extension ids, or 0 when not negotiated. */
    private final int midExtId;
    private final int audioLevelExtId;
    private final int twccExtId;
    private final byte[] midBytes;
    private final SeqMap seqMap;
    /** Rebuilds the header-extension block with the receiver's ids; one per consumer, reused. */
    private final ExtensionWriter extensions = new ExtensionWriter();
    private final Vp8PictureMap pictureMap = new Vp8PictureMap();
    /** The producer forwarded now, and the one the planner assigned (the same once switched). */
    private Producer current;
    private Producer target;
    private int preferredLayer = -1;
    private int targetLayer = -1;
    private int currentLayer = -1;
    /** When the planner last gave this slot another producer. */
    private long assignedMs;
    private long switchedMs = -1;
    private boolean startConfirmed;
    private int rtxSeq;
    private long packetsSent;
    private long octetsSent;

    Consumer(SfuPeer receiver, String mid, boolean video, long ssrc, long rtxSsrc, int payloadType,
            int rtxPayloadType, int midExtId, int audioLevelExtId, int twccExtId) {
        this.receiver = receiver;
        this.mid = mid;
        this.video = video;
        this.ssrc = ssrc;
        this.rtxSsrc = rtxSsrc;
        this.payloadType = payloadType;
        this.rtxPayloadType = rtxPayloadType;
        this.midExtId = midExtId;
        this.audioLevelExtId = audioLevelExtId;
        this.twccExtId = twccExtId;
        this.midBytes = mid.getBytes(StandardCharsets.US_ASCII);
        this.seqMap = new SeqMap(video ? 90_000 : 48_000);
        this.rtxSeq = (int) (ssrc & 0x7fff);
    }

    /**
     * Gives this slot a producer to carry (null: none) at a tile height. Audio switches at once;
     * video keeps forwarding the old producer until the new one's keyframe arrives.
     */
    void assign(Producer p, int height, long nowMs) {
        if (p != target) {
            if (target != null && target != current) target.detach(this);
            target = p;
            assignedMs = nowMs;
            if (p != null) p.attach(this);
            if (p == null || !video) switchTo(p, p == null ? -1 : 0, nowMs);
            else targetLayer = -1; // chosen just below
        }
        if (video && p != null) {
            preferredLayer = p.layerForHeight(height);
            if (targetLayer < 0 || targetLayer > preferredLayer) setTargetLayer(p.usableLayer(preferredLayer, nowMs), nowMs);
        }
    }

    /** The allocator's choice; -1 stops this slot's video at once (it stays assigned). */
    void setTargetLayer(int layer, long nowMs) {
        if (target == null || !video) return;
        layer = Math.min(layer, target.layers().length - 1);
        if (layer == targetLayer) return;
        targetLayer = layer;
        if (layer < 0) {
            currentLayer = -1;
            return;
        }
        if (target != current || layer != currentLayer) target.requestKeyframe(layer, nowMs);
    }

    /** A video slot waiting for a keyframe asks again (rate-limited by the producer). */
    void tick(long nowMs) {
        if (target == null || !video) return;
        target.markWanted(preferredLayer, nowMs); // the sender keeps what tiles call for; bandwidth may grant less
        if (current != null) current.markWanted(currentLayer, nowMs);
        if (targetLayer >= 0 && (target != current || targetLayer != currentLayer)) target.requestKeyframe(targetLayer, nowMs);
        confirmStart(nowMs);
    }

    /**
     * The first keyframe of a new source may reach the receiver before it applied the answer,
     * which then drops it; a receiver that never asks for a keyframe itself (aiortc) would wait
     * forever. So ask once more a little after forwarding began.
     */
    private void confirmStart(long nowMs) {
        if (switchedMs < 0 || startConfirmed || nowMs - switchedMs < START_CONFIRM_MS) return;
        startConfirmed = true;
        if (current != null) current.requestKeyframe(Math.max(0, currentLayer), nowMs);
    }

    private void switchTo(Producer p, int layer, long nowMs) {
        if (current != p) {
            if (current != null && current != target) current.detach(this);
            current = p;
            receiver.slotChanged();
            switchedMs = nowMs;
            startConfirmed = false;
        }
        currentLayer = layer;
        seqMap.switchSource();
        if (video) pictureMap.switchSource();
    }

    /** Forwards one decrypted packet of {@code layer} to the receiver if this slot carries it now. */
    void forward(Layer layer, byte[] buf, int off, int len, int audioLevel, long nowMs) {
        Producer p = layer.producer();
        if (p.paused() || !receiver.isConnected()) return;
        if (video ? !admitVideo(layer, buf, off, len, nowMs) : p != current) return;
        if (!seqMap.accept(RtpPacket.sequenceNumber(buf, off), RtpPacket.timestamp(buf, off), nowMs)) return;
        byte[] out = receiver.scratch();
        int n = write(out, buf, off, len, payloadType, ssrc, seqMap.outSeq(), seqMap.outTs(), audioLevel, -1);
        receiver.send(out, n, nowMs);
        packetsSent++;
        octetsSent += n;
        receiver.counters().rtpForwarded.increment();
    }

    /** Switching (of layer or producer) happens only on a keyframe of the target, never mid-picture. */
    private boolean admitVideo(Layer layer, byte[] buf, int off, int len, long nowMs) {
        boolean isCurrent = layer.producer() == current && layer.index() == currentLayer;
        boolean isTarget = layer.producer() == target && layer.index() == targetLayer;
        if (isTarget && !isCurrent && isKeyframe(buf, off, len)) {
            switchTo(target, targetLayer, nowMs);
            return true;
        }
        return isCurrent;
    }

    private static boolean isKeyframe(byte[] buf, int off, int len) {
        int p = RtpPacket.payloadOffset(buf, off);
        int pl = RtpPacket.payloadLength(buf, off, len);
        return pl > 0 && Vp8.isKeyframe(buf, p, pl);
    }

    /** Answers a NACK for one outgoing sequence number from the cache (as RTX when negotiated). */
    void retransmit(int outSeq, long nowMs) {
        if (!video || current == null || currentLayer < 0 || current.layers()[currentLayer] == null) return;
        int inSeq = seqMap.incomingFor(outSeq);
        byte[] tmp = receiver.retransmitScratch();
        int len = inSeq < 0 ? -1 : current.layers()[currentLayer].cache().get(inSeq, tmp, 0);
        if (len < 0) {
            receiver.counters().nackedPacketsMissing.increment();
            return;
        }
        long ts = seqMap.mapTimestamp(RtpPacket.timestamp(tmp, 0));
        byte[] out = receiver.scratch();
        int n = rtxPayloadType >= 0 && rtxSsrc >= 0
                ? write(out, tmp, 0, len, rtxPayloadType, rtxSsrc, (rtxSeq++) & 0xffff, ts, -1, outSeq)
                : write(out, tmp, 0, len, payloadType, ssrc, outSeq, ts, -1, -1);
        receiver.send(out, n, nowMs);
        receiver.counters().nackedPacketsAnswered.increment();
    }

    /**
     * Writes the outgoing packet: fixed header in the receiver's numbering, a fresh one-byte
     * header extension block with the receiver's ids (mid, audio level, and a transport-wide
     * sequence number for congestion control), then the payload (padding removed). With
     * {@code rtxOriginalSeq >= 0} the payload is prefixed by it (RFC 4588).
     */
    private int write(byte[] out, byte[] in, int off, int len, int pt, long outSsrc, int seq, long ts,
            int audioLevel, int rtxOriginalSeq) {
        // CSRCs are dropped (browsers send none; an SFU forwards no mixer output) and so is padding.
        out[0] = (byte) 0x80;
        out[1] = (byte) ((in[off + 1] & 0x80) | pt);
        RtpPacket.setSequenceNumber(out, 0, seq);
        RtpPacket.setTimestamp(out, 0, ts);
        RtpPacket.setSsrc(out, 0, (int) outSsrc);
        extensions.start(out, 0);
        if (midExtId > 0) extensions.add(midExtId, midBytes, 0, midBytes.length);
        if (audioLevelExtId > 0 && audioLevel >= 0) extensions.add8(audioLevelExtId, audioLevel);
        if (twccExtId > 0) extensions.add16(twccExtId, receiver.nextTransportSeq());
        int p = extensions.finish();
        if (rtxOriginalSeq >= 0) {
            out[p++] = (byte) (rtxOriginalSeq >> 8);
            out[p++] = (byte) rtxOriginalSeq;
        }
        int po = RtpPacket.payloadOffset(in, off);
        int pl = RtpPacket.payloadLength(in, off, len);
        if (p + pl > out.length - MediaLoop.SEND_HEADROOM) return p; // cannot happen for MTU-sized input
        System.arraycopy(in, po, out, p, pl);
        if (video) pictureMap.rewrite(out, p, pl); // the copy: other consumers read the input
        return p + pl;
    }

    /** Values for this consumer's sender report: the RTP timestamp "now", extrapolated. */
    long rtpTimestampAt(long nowMs) {
        int clockRate = video ? 90_000 : 48_000;
        return (seqMap.highestOutTs() + (nowMs - seqMap.highestOutMs()) * clockRate / 1000) & 0xffffffffL;
    }

    /** The receiver asked for a keyframe (PLI, FIR): relay it to what this slot carries, or is about to. */
    void keyframeWanted(long nowMs) {
        if (current != null && currentLayer >= 0) current.requestKeyframe(currentLayer, nowMs);
        else if (target != null) target.requestKeyframe(target.usableLayer(Math.max(0, targetLayer), nowMs), nowMs);
    }

    /** The producer went away (unpublished, or its owner left): the slot carries nothing until planned again. */
    void producerGone(Producer p, long nowMs) {
        if (target == p) assign(null, 0, nowMs);
        if (current == p) switchTo(null, -1, nowMs);
    }

    /** The slot's state for the receiver's forwarding message. */
    RouterListener.SlotState state() {
        Producer p = current;
        return new RouterListener.SlotState(mid, video ? "video" : "audio", p == null ? null : p.owner().id(),
                p == null ? null : p.id(), p == null ? null : p.source());
    }

    /** Detaches from every producer (the slot is dropped). */
    void release() {
        if (target != null) target.detach(this);
        if (current != null) current.detach(this);
        target = current = null;
    }

    String mid() {
        return mid;
    }

    boolean video() {
        return video;
    }

    long ssrc() {
        return ssrc;
    }

    long rtxSsrc() {
        return rtxSsrc;
    }

    int payloadType() {
        return payloadType;
    }

    int rtxPayloadType() {
        return rtxPayloadType;
    }

    int midExtId() {
        return midExtId;
    }

    int audioLevelExtId() {
        return audioLevelExtId;
    }

    int twccExtId() {
        return twccExtId;
    }

    Producer current() {
        return current;
    }

    Producer target() {
        return target;
    }

    void target(Producer value) {
        this.target = value;
    }

    int preferredLayer() {
        return preferredLayer;
    }

    int targetLayer() {
        return targetLayer;
    }

    int currentLayer() {
        return currentLayer;
    }

    long assignedMs() {
        return assignedMs;
    }

    long packetsSent() {
        return packetsSent;
    }

    void packetsSent(long value) {
        this.packetsSent = value;
    }

    long octetsSent() {
        return octetsSent;
    }

    void octetsSent(long value) {
        this.octetsSent = value;
    }
}
