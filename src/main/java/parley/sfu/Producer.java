package parley.sfu;

import java.util.ArrayList;
import java.util.List;

/**
 * One incoming track (microphone, camera or screen) of one sender, with up to three
 * simulcast layers, and the consumers that forward it to receivers. Loop thread only.
 */
public final class Producer {
    /** Keyframe requests to a sender are limited to one per layer per this interval. */
    static final long KEYFRAME_REQUEST_INTERVAL_MS = 300;

    final String id;
    final SfuPeer owner;
    final String mid;
    final boolean video;
    final String source;
    final int clockRate;
    /** The sender's payload types for the codec and its RTX (or -1). */
    int payloadType;
    int rtxPayloadType;
    /** Simulcast rids in the sender's order; empty for a single stream. */
    final List<String> rids;
    final IncomingStream[] layers;
    final List<Consumer> consumers = new ArrayList<>();
    boolean paused;
    private final long[] lastKeyframeRequestMs;

    Producer(String id, SfuPeer owner, String mid, boolean video, String source, int payloadType,
            int rtxPayloadType, List<String> rids) {
        this.id = id;
        this.owner = owner;
        this.mid = mid;
        this.video = video;
        this.source = source;
        this.clockRate = video ? 90_000 : 48_000;
        this.payloadType = payloadType;
        this.rtxPayloadType = rtxPayloadType;
        this.rids = List.copyOf(rids);
        this.layers = new IncomingStream[Math.max(1, rids.size())];
        this.lastKeyframeRequestMs = new long[layers.length];
        java.util.Arrays.fill(lastKeyframeRequestMs, -KEYFRAME_REQUEST_INTERVAL_MS);
    }

    public String id() {
        return id;
    }

    public String kind() {
        return video ? "video" : "audio";
    }

    public String source() {
        return source;
    }

    public String ownerId() {
        return owner.id;
    }

    int layerOfRid(String rid) {
        if (rids.isEmpty()) return 0;
        return rids.indexOf(rid);
    }

    /** Highest layer that received packets in the last second, or -1. */
    int highestActiveLayer(long nowMs) {
        for (int i = layers.length - 1; i >= 0; i--) {
            if (layers[i] != null && layers[i].activeAt(nowMs)) return i;
        }
        return -1;
    }

    /** Asks the sender for a keyframe on one layer (PLI), at most once per interval. */
    void requestKeyframe(int layer, long nowMs) {
        if (!video || layer < 0 || layer >= layers.length || layers[layer] == null) return;
        if (nowMs - lastKeyframeRequestMs[layer] < KEYFRAME_REQUEST_INTERVAL_MS) return;
        lastKeyframeRequestMs[layer] = nowMs;
        owner.sendPli(layers[layer].ssrc);
    }
}
