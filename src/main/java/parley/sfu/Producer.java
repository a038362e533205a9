package parley.sfu;

import java.util.Arrays;
import java.util.List;

/**
 * One incoming track (microphone, camera or screen) of one sender, with up to three
 * simulcast layers (lowest resolution first), and the consumers (receive slots) that
 * currently forward it or are about to. Loop thread only.
 */
public final class Producer {
    /** Keyframe requests to a sender are limited to one per layer per this interval. */
    static final long KEYFRAME_REQUEST_INTERVAL_MS = 300;
    /** A layer nobody has wanted for this long is paused at the sender (send-layers). */
    static final long LAYER_PAUSE_AFTER_MS = 2000;
    /** Assumed height of the top layer until a keyframe tells (Chrome's 720p camera). */
    static final int DEFAULT_TOP_HEIGHT = 720;

    private static final Consumer[] NO_CONSUMERS = new Consumer[0];
    private static final TapSlot[] NO_TAPS = new TapSlot[0];

    private final String id;
    private final SfuPeer owner;
    private final String mid;
    private final boolean video;
    private final String source;
    private final int clockRate;
    /** The sender's payload types for the codec and its RTX (or -1). */
    private int payloadType;
    private int rtxPayloadType;
    /** Simulcast rids in the sender's order (lowest first); empty for a single stream. */
    private final List<String> rids;
    private final Layer[] layers;
    /**
     * The consumers that see this producer's packets: the ones forwarding it and the ones
     * switching to it. Replaced, never changed in place, so that the forwarding loop can walk
     * it while a consumer switches away (allocation only on a change).
     */
    private Consumer[] consumers = NO_CONSUMERS;
    /** The taps (recordings) that take this producer's packets; replaced, never changed in place, like consumers. */
    private TapSlot[] taps = NO_TAPS;
    private boolean paused;
    private final long[] lastKeyframeRequestMs;
    /** Per layer: the last time a consumer wanted it, and whether the sender was last told to send it. */
    private final long[] lastWantedMs;
    private final boolean[] toldActive;

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
        this.layers = new Layer[Math.max(1, rids.size())];
        this.lastKeyframeRequestMs = new long[layers.length];
        this.lastWantedMs = new long[layers.length];
        this.toldActive = new boolean[layers.length];
        Arrays.fill(lastKeyframeRequestMs, -KEYFRAME_REQUEST_INTERVAL_MS);
        Arrays.fill(toldActive, true);
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
        return owner.id();
    }

    int layerOfRid(String rid) {
        if (rids.isEmpty()) return 0;
        return rids.indexOf(rid);
    }

    void attach(Consumer c) {
        for (Consumer x : consumers) if (x == c) return;
        Consumer[] next = Arrays.copyOf(consumers, consumers.length + 1);
        next[consumers.length] = c;
        consumers = next;
    }

    void detach(Consumer c) {
        int at = -1;
        for (int i = 0; i < consumers.length; i++) if (consumers[i] == c) at = i;
        if (at < 0) return;
        Consumer[] next = new Consumer[consumers.length - 1];
        System.arraycopy(consumers, 0, next, 0, at);
        System.arraycopy(consumers, at + 1, next, at, consumers.length - at - 1);
        consumers = next;
    }


    /** The picture height of a layer: from its last keyframe, else derived from another layer's (x2 per step). */
    int layerHeight(int index) {
        if (layers[index] != null && layers[index].height() > 0) return layers[index].height();
        for (int j = layers.length - 1; j >= 0; j--) {
            if (layers[j] != null && layers[j].height() > 0) return Math.max(1, layers[j].height() << Math.max(0, index - j) >> Math.max(0, j - index));
        }
        return Math.max(1, DEFAULT_TOP_HEIGHT >> (layers.length - 1 - index));
    }

    /**
     * The layer a tile of {@code wantedHeight} device pixels calls for: the smallest at least
     * about as tall (a fifth smaller is fine: scaling up that little does not show), else the top.
     * -1 when nothing is wanted.
     */
    int layerForHeight(int wantedHeight) {
        if (wantedHeight <= 0) return -1;
        for (int i = 0; i < layers.length; i++) {
            if (layerHeight(i) * 5 >= wantedHeight * 4) return i;
        }
        return layers.length - 1;
    }

    /**
     * The layer to forward for a wish of {@code preferred}: the highest active layer not above it,
     * else the lowest active one (a sender may send fewer layers than it announced, or have
     * paused some), else {@code preferred} itself while nothing is active yet.
     */
    int usableLayer(int preferred, long nowMs) {
        if (preferred < 0) return -1;
        for (int i = Math.min(preferred, layers.length - 1); i >= 0; i--) {
            if (layers[i] != null && layers[i].activeAt(nowMs)) return i;
        }
        for (int i = preferred + 1; i < layers.length; i++) {
            if (layers[i] != null && layers[i].activeAt(nowMs)) return i;
        }
        for (int i = 0; i < layers.length; i++) if (layers[i] != null) return Math.min(i, preferred);
        return Math.min(preferred, layers.length - 1);
    }

    /** Asks the sender for a keyframe on one layer (PLI), at most once per interval. */
    void requestKeyframe(int layer, long nowMs) {
        if (!video || layer < 0 || layer >= layers.length || layers[layer] == null) return;
        if (nowMs - lastKeyframeRequestMs[layer] < KEYFRAME_REQUEST_INTERVAL_MS) return;
        lastKeyframeRequestMs[layer] = nowMs;
        owner.sendPli(layers[layer].ssrc());
    }

    /** A consumer wants this layer now (keeps it from being paused at the sender). */
    void markWanted(int layer, long nowMs) {
        if (layer >= 0 && layer < lastWantedMs.length) lastWantedMs[layer] = nowMs;
    }

    /**
     * Which simulcast layers the sender should keep encoding: those wanted in the last
     * {@link #LAYER_PAUSE_AFTER_MS}. Returns the rids to tell the sender when that changed
     * since the last call, else null. Only for simulcast producers.
     */
    List<String> sendLayersChange(long nowMs) {
        if (rids.isEmpty()) return null;
        boolean changed = false;
        for (int i = 0; i < layers.length; i++) {
            if (lastWantedMs[i] == 0) lastWantedMs[i] = Math.max(1, nowMs); // a new producer gets the grace period too
            boolean active = nowMs - lastWantedMs[i] < LAYER_PAUSE_AFTER_MS;
            if (active != toldActive[i]) {
                toldActive[i] = active;
                changed = true;
            }
        }
        if (!changed) return null;
        java.util.ArrayList<String> active = new java.util.ArrayList<>();
        for (int i = 0; i < layers.length; i++) if (toldActive[i]) active.add(rids.get(i));
        return List.copyOf(active);
    }

    SfuPeer owner() {
        return owner;
    }

    String mid() {
        return mid;
    }

    boolean video() {
        return video;
    }

    int clockRate() {
        return clockRate;
    }

    int payloadType() {
        return payloadType;
    }

    void payloadType(int value) {
        this.payloadType = value;
    }

    int rtxPayloadType() {
        return rtxPayloadType;
    }

    void rtxPayloadType(int value) {
        this.rtxPayloadType = value;
    }

    List<String> rids() {
        return rids;
    }

    Layer[] layers() {
        return layers;
    }

    Consumer[] consumers() {
        return consumers;
    }

    void consumers(Consumer[] value) {
        this.consumers = value;
    }

    TapSlot[] taps() {
        return taps;
    }

    void addTap(TapSlot slot) {
        taps = Arrays.copyOf(taps, taps.length + 1);
        taps[taps.length - 1] = slot;
    }

    void removeTap(MediaTap tap) {
        taps = Arrays.stream(taps).filter(t -> t.tap() != tap).toArray(TapSlot[]::new);
    }

    boolean paused() {
        return paused;
    }

    void paused(boolean value) {
        this.paused = value;
    }
}
