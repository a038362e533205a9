package parley.sfu;

import parley.media.codec.Vp8;
import parley.media.rtp.HeaderExtensions;
import parley.media.rtp.RtpPacket;

/**
 * What the server does with each decrypted packet a sender sends, after its SSRC was routed to
 * a layer (and an RTX packet unwrapped): a chain of small stages in the manner of Pion's
 * interceptors, assembled in one place ({@link #chain}), each testable alone. A stage sees one
 * reused {@link Packet}; none allocates. Loop thread only.
 */
final class Ingress {
    private Ingress() {}

    /** The packet going through the chain; one per peer, reused for every packet. */
    static final class Packet {
        byte[] buf;
        int off;
        int len;
        Layer layer;
        long nowMs;
        /** The RFC 6464 byte as sent (voice flag and level), forwarded as is; -1 when absent. */
        int audioLevel = -1;

        Packet set(Layer layer, byte[] buf, int off, int len, long nowMs) {
            this.layer = layer;
            this.buf = buf;
            this.off = off;
            this.len = len;
            this.nowMs = nowMs;
            this.audioLevel = -1;
            return this;
        }
    }

    /** One step; {@link #process} returns false to stop the packet there. */
    interface Stage {
        boolean process(Packet p);
    }

    /** The stages for packets from {@code peer}, in order. */
    static Stage[] chain(SfuPeer peer) {
        return new Stage[] {
            Ingress::receptionStats, Ingress::cacheForNacks, Ingress::keyframeSize,
            p -> audioLevel(peer, p), Ingress::fanOut, Ingress::tap,
        };
    }

    /** Statistics for our receiver reports, the sender-side NACK generator and the activity clock. */
    static boolean receptionStats(Packet p) {
        Layer s = p.layer;
        int seq = RtpPacket.sequenceNumber(p.buf, p.off);
        s.stats().onPacket(seq, RtpPacket.timestamp(p.buf, p.off), p.nowMs);
        if (s.nack() != null) s.nack().onPacket(seq, p.nowMs);
        s.lastPacketMs(p.nowMs);
        s.bitrate().add(p.len, p.nowMs);
        return true;
    }

    /** Keeps video packets to answer receivers' NACKs. */
    static boolean cacheForNacks(Packet p) {
        if (p.layer.cache() != null) p.layer.cache().put(RtpPacket.sequenceNumber(p.buf, p.off), p.buf, p.off, p.len);
        return true;
    }

    /** A layer's picture size from its keyframes (the VP8 frame header), for layer choice by tile height. */
    static boolean keyframeSize(Packet p) {
        if (!p.layer.producer().video()) return true;
        int po = RtpPacket.payloadOffset(p.buf, p.off);
        int pl = RtpPacket.payloadLength(p.buf, p.off, p.len);
        if (pl <= 0) return true;
        int h = Vp8.keyframeHeight(p.buf, po, pl);
        if (h > 0) {
            p.layer.height(h);
            p.layer.width(Math.max(0, Vp8.keyframeWidth(p.buf, po, pl)));
        }
        return true;
    }

    /** Reads the audio level for the receivers and the room's loudness (active speaker, audio slots). */
    static boolean audioLevel(SfuPeer peer, Packet p) {
        Producer prod = p.layer.producer();
        if (prod.video() || peer.extensions().audioLevel() <= 0) return true;
        p.audioLevel = HeaderExtensions.audioLevel(p.buf, p.off, p.len, peer.extensions().audioLevel());
        if (p.audioLevel >= 0 && !prod.paused()) {
            peer.router().speaker().onLevel(peer.id(), HeaderExtensions.levelDbov(p.audioLevel), p.nowMs);
        }
        return true;
    }

    /** To every slot that carries this producer now or is switching to it. */
    static boolean fanOut(Packet p) {
        Consumer[] cs = p.layer.producer().consumers(); // a snapshot: a consumer may switch away while we walk it
        for (Consumer c : cs) c.forward(p.layer, p.buf, p.off, p.len, p.audioLevel, p.nowMs);
        return true;
    }

    /** A copy to each tap (recording) of this producer: after the receivers, who must not wait for it. */
    static boolean tap(Packet p) {
        for (TapSlot t : p.layer.producer().taps()) t.offer(p.layer, p.buf, p.off, p.len, p.nowMs);
        return true;
    }
}
