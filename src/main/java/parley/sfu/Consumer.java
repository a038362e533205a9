package parley.sfu;

import java.nio.charset.StandardCharsets;
import parley.media.codec.Vp8;
import parley.media.rtp.ExtensionWriter;
import parley.media.rtp.RtpPacket;
import parley.media.transport.MediaLoop;

/**
 * One receiver's copy of one producer: chooses which layer to forward, rewrites SSRC,
 * payload type, sequence numbers, timestamps and header extensions into the receiver's
 * numbering, and answers the receiver's NACKs from the producer's cache.
 * Loop thread only.
 */
final class Consumer {
    final Producer producer;
    final SfuPeer receiver;
    final String mid;
    final long ssrc;
    final long rtxSsrc;
    /** The receiver's payload types (its offer's numbers) for the codec and RTX (or -1). */
    final int payloadType;
    final int rtxPayloadType;
    /** The receiver's header extension ids, or 0 when not negotiated. */
    final int midExtId;
    final int audioLevelExtId;
    private final byte[] midBytes;
    private final SeqMap seqMap;
    /** Rebuilds the header-extension block with the receiver's ids; one per consumer, reused. */
    private final ExtensionWriter extensions = new ExtensionWriter();
    private final Vp8PictureMap pictureMap = new Vp8PictureMap();
    int currentLayer = -1;
    int targetLayer = -1;
    private int rtxSeq;
    long packetsSent;
    long octetsSent;

    Consumer(Producer producer, SfuPeer receiver, String mid, long ssrc, long rtxSsrc, int payloadType,
            int rtxPayloadType, int midExtId, int audioLevelExtId) {
        this.producer = producer;
        this.receiver = receiver;
        this.mid = mid;
        this.ssrc = ssrc;
        this.rtxSsrc = rtxSsrc;
        this.payloadType = payloadType;
        this.rtxPayloadType = rtxPayloadType;
        this.midExtId = midExtId;
        this.audioLevelExtId = audioLevelExtId;
        this.midBytes = mid.getBytes(StandardCharsets.US_ASCII);
        this.seqMap = new SeqMap(producer.clockRate);
        this.rtxSeq = (int) (ssrc & 0x7fff);
    }

    /** Re-evaluates which layer to forward; call every few hundred ms. */
    void chooseLayer(long nowMs) {
        int best = producer.highestActiveLayer(nowMs);
        if (best < 0) return;
        boolean currentAlive = currentLayer >= 0 && producer.layers[currentLayer] != null
                && producer.layers[currentLayer].activeAt(nowMs);
        if (best != currentLayer || !currentAlive) {
            if (best != targetLayer) {
                targetLayer = best;
                producer.requestKeyframe(best, nowMs);
            }
        } else {
            targetLayer = currentLayer;
        }
    }

    /** Forwards one decrypted packet of {@code stream} to the receiver if it belongs to the forwarded layer. */
    void forward(IncomingStream stream, byte[] buf, int off, int len, int audioLevel, long nowMs) {
        if (producer.paused || !receiver.isConnected()) return;
        if (producer.video && !admitVideo(stream, buf, off, len, nowMs)) return;
        if (!producer.video) currentLayer = 0;
        if (!seqMap.accept(RtpPacket.sequenceNumber(buf, off), RtpPacket.timestamp(buf, off), nowMs)) return;
        byte[] out = receiver.scratch();
        int n = write(out, buf, off, len, payloadType, ssrc, seqMap.outSeq(), seqMap.outTs(), audioLevel, -1);
        receiver.transport().sendRtp(out, 0, n);
        packetsSent++;
        octetsSent += n;
        receiver.counters().rtpForwarded.increment();
    }

    /** Layer switching happens only on a keyframe of the target layer, never mid-picture. */
    private boolean admitVideo(IncomingStream stream, byte[] buf, int off, int len, long nowMs) {
        if (targetLayer < 0) chooseLayer(nowMs);
        if (stream.layer == currentLayer && targetLayer == currentLayer) return true;
        if (stream.layer == targetLayer && isKeyframe(buf, off, len)) {
            currentLayer = targetLayer;
            seqMap.switchSource();
            pictureMap.switchSource();
            return true;
        }
        if (stream.layer == currentLayer) return true;
        if (currentLayer < 0) producer.requestKeyframe(targetLayer, nowMs);
        return false;
    }

    private static boolean isKeyframe(byte[] buf, int off, int len) {
        int p = RtpPacket.payloadOffset(buf, off);
        int pl = RtpPacket.payloadLength(buf, off, len);
        return pl > 0 && Vp8.isKeyframe(buf, p, pl);
    }

    /** Answers a NACK for one outgoing sequence number from the cache (as RTX when negotiated). */
    void retransmit(int outSeq, long nowMs) {
        if (!producer.video || currentLayer < 0 || producer.layers[currentLayer] == null) return;
        int inSeq = seqMap.incomingFor(outSeq);
        byte[] tmp = receiver.retransmitScratch();
        int len = inSeq < 0 ? -1 : producer.layers[currentLayer].cache.get(inSeq, tmp, 0);
        if (len < 0) {
            receiver.counters().nackedPacketsMissing.increment();
            return;
        }
        long ts = seqMap.mapTimestamp(RtpPacket.timestamp(tmp, 0));
        byte[] out = receiver.scratch();
        int n = rtxPayloadType >= 0 && rtxSsrc >= 0
                ? write(out, tmp, 0, len, rtxPayloadType, rtxSsrc, (rtxSeq++) & 0xffff, ts, -1, outSeq)
                : write(out, tmp, 0, len, payloadType, ssrc, outSeq, ts, -1, -1);
        receiver.transport().sendRtp(out, 0, n);
        receiver.counters().nackedPacketsAnswered.increment();
    }

    /**
     * Writes the outgoing packet: fixed header in the receiver's numbering, a fresh one-byte
     * header extension block with the receiver's ids, then the payload (padding removed).
     * With {@code rtxOriginalSeq >= 0} the payload is prefixed by it (RFC 4588).
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
        int p = extensions.finish();
        if (rtxOriginalSeq >= 0) {
            out[p++] = (byte) (rtxOriginalSeq >> 8);
            out[p++] = (byte) rtxOriginalSeq;
        }
        int po = RtpPacket.payloadOffset(in, off);
        int pl = RtpPacket.payloadLength(in, off, len);
        if (p + pl > out.length - MediaLoop.SEND_HEADROOM) return p; // cannot happen for MTU-sized input
        System.arraycopy(in, po, out, p, pl);
        if (producer.video) pictureMap.rewrite(out, p, pl); // the copy: other consumers read the input
        return p + pl;
    }

    /** Values for this consumer's sender report: the RTP timestamp "now", extrapolated. */
    long rtpTimestampAt(long nowMs) {
        return (seqMap.highestOutTs() + (nowMs - seqMap.highestOutMs()) * producer.clockRate / 1000) & 0xffffffffL;
    }
}
