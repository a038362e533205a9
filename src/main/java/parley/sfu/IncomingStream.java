package parley.sfu;

import parley.sfu.feedback.NackGenerator;

/**
 * One SSRC a sender sends on for a producer: a simulcast layer (or the only layer), with
 * its RTX SSRC, packet cache and reception statistics. Loop thread only.
 */
final class IncomingStream {
    /** How many recent packets of a video stream are kept for NACKs (about 1-2 s of HD video). */
    static final int VIDEO_CACHE_PACKETS = 512;

    final Producer producer;
    final int layer;
    final long ssrc;
    long rtxSsrc = -1;
    final PacketCache cache;
    final ReceiveStats stats;
    /** What to ask the sender to retransmit (video only, else null). */
    final NackGenerator nack;
    long lastPacketMs = -1;
    /** Route objects kept so that SSRC lookups hand back a preallocated value. */
    final SsrcRoute primaryRoute;
    final SsrcRoute rtxRoute;

    IncomingStream(Producer producer, int layer, long ssrc) {
        this.producer = producer;
        this.layer = layer;
        this.ssrc = ssrc;
        this.cache = producer.video ? new PacketCache(VIDEO_CACHE_PACKETS) : null;
        this.stats = new ReceiveStats(producer.clockRate);
        this.nack = producer.video ? new NackGenerator() : null;
        this.primaryRoute = new SsrcRoute(this, false);
        this.rtxRoute = new SsrcRoute(this, true);
    }

    boolean activeAt(long nowMs) {
        return lastPacketMs >= 0 && nowMs - lastPacketMs < 1000;
    }

    /** What an SSRC on a sender's transport leads to. */
    record SsrcRoute(IncomingStream stream, boolean rtx) {}
}
