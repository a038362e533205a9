package parley.sfu;

import parley.sfu.feedback.NackGenerator;

/**
 * One simulcast layer of a producer (or its only stream): the SSRC the sender uses for it,
 * its RTX SSRC, packet cache, reception statistics, measured bitrate and the picture size of
 * its last keyframe. Consumers name layers by {@link #index} (0 = lowest resolution) as their
 * preferred, target and current layer. Loop thread only.
 */
final class Layer {
    /** How many recent packets of a video stream are kept for NACKs (about 1-2 s of HD video). */
    static final int VIDEO_CACHE_PACKETS = 512;
    /** A layer that sent nothing for this long counts as stopped (the sender paused it, or its uplink failed). */
    static final long ACTIVE_WINDOW_MS = 1000;

    private final Producer producer;
    private final int index;
    private final long ssrc;
    private long rtxSsrc = -1;
    private final PacketCache cache;
    private final ReceiveStats stats;
    /** What to ask the sender to retransmit (video only, else null). */
    private final NackGenerator nack;
    private final BitrateMeter bitrate = new BitrateMeter();
    private long lastPacketMs = -1;
    /** Picture size of the last keyframe (VP8 frame header), 0 while none was seen. */
    private int width;
    private int height;
    /** Route objects kept so that SSRC lookups hand back a preallocated value. */
    private final SsrcRoute primaryRoute;
    private final SsrcRoute rtxRoute;

    Layer(Producer producer, int index, long ssrc) {
        this.producer = producer;
        this.index = index;
        this.ssrc = ssrc;
        this.cache = producer.video() ? new PacketCache(VIDEO_CACHE_PACKETS) : null;
        this.stats = new ReceiveStats(producer.clockRate());
        this.nack = producer.video() ? new NackGenerator() : null;
        this.primaryRoute = new SsrcRoute(this, false);
        this.rtxRoute = new SsrcRoute(this, true);
    }

    boolean activeAt(long nowMs) {
        return lastPacketMs >= 0 && nowMs - lastPacketMs < ACTIVE_WINDOW_MS;
    }

    /** What an SSRC on a sender's transport leads to. */
    record SsrcRoute(Layer layer, boolean rtx) {}

    Producer producer() {
        return producer;
    }

    int index() {
        return index;
    }

    long ssrc() {
        return ssrc;
    }

    long rtxSsrc() {
        return rtxSsrc;
    }

    void rtxSsrc(long value) {
        this.rtxSsrc = value;
    }

    PacketCache cache() {
        return cache;
    }

    ReceiveStats stats() {
        return stats;
    }

    NackGenerator nack() {
        return nack;
    }

    BitrateMeter bitrate() {
        return bitrate;
    }

    void lastPacketMs(long value) {
        this.lastPacketMs = value;
    }

    int width() {
        return width;
    }

    void width(int value) {
        this.width = value;
    }

    int height() {
        return height;
    }

    void height(int value) {
        this.height = value;
    }

    SsrcRoute primaryRoute() {
        return primaryRoute;
    }

    SsrcRoute rtxRoute() {
        return rtxRoute;
    }
}
