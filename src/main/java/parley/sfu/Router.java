package parley.sfu;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import parley.media.transport.MediaCounters;
import parley.media.transport.MediaLoop;

/**
 * The media side of one room: its peers, their producers, and the periodic decisions that
 * connect producers to receive slots (last-N audio, each receiver's view, layers within each
 * receiver's bandwidth, layers to pause at senders). Loop thread only, except {@link #open}
 * which registers the router's ticker.
 */
public final class Router {
    /** How often audio slots and send-layers are decided. */
    static final long DECIDE_INTERVAL_MS = 200;

    private final MediaClock clock;
    private final MediaCounters counters;
    private final ActiveSpeaker speaker = new ActiveSpeaker();
    private final RouterListener listener;
    private final Map<String, SfuPeer> peers = new LinkedHashMap<>();
    private final Map<String, Producer> producers = new LinkedHashMap<>();
    /** Recordings of this room's media, each given every producer. */
    private final List<MediaTap> taps = new ArrayList<>();
    private final SplittableRandom random;
    private final MediaLoop.Ticker ticker = this::tick;
    /** Where the ticker is registered (null for a router driven by a test). */
    private MediaLoop loop;
    /** The time of the tick in progress, for {@link #tickPeer}. */
    private long tickNowMs;
    /** Preallocated, so that the 100 Hz tick walks the peers without allocating an iterator. */
    private final java.util.function.Consumer<SfuPeer> tickPeer = p -> p.tick(tickNowMs);
    private long nextDecisionMs;
    private boolean closed;

    /** A router whose {@link #tick} the caller drives (unit tests: no socket, no thread). */
    Router(MediaClock clock, MediaCounters counters, RouterListener listener, long seed) {
        this.clock = clock;
        this.counters = counters;
        this.listener = listener;
        this.random = new SplittableRandom(seed);
    }

    /** The loop's clock as a {@link MediaClock}. */
    static MediaClock clockOf(MediaLoop loop) {
        return new MediaClock() {
            @Override
            public long nowMs() {
                return loop.nowMs();
            }

            @Override
            public long wallClockMs(long nowMs) {
                return loop.wallClockMs(nowMs);
            }
        };
    }

    /** Creates a router and starts its periodic work on the loop. Any thread. */
    public static Router open(MediaLoop loop, RouterListener listener, long seed) {
        Router r = new Router(clockOf(loop), loop.counters(), listener, seed);
        r.loop = loop;
        loop.addTicker(r.ticker);
        return r;
    }

    public SfuPeer addPeer(String peerId) {
        if (closed) throw new IllegalStateException("router closed");
        if (peers.containsKey(peerId)) throw new IllegalArgumentException("peer exists");
        SfuPeer p = new SfuPeer(peerId, this, newSsrc());
        peers.put(peerId, p);
        return p;
    }

    public SfuPeer peer(String peerId) {
        return peers.get(peerId);
    }

    /** A random SSRC not used by anything this router sends. */
    long newSsrc() {
        return random.nextLong(1, 0xffffffffL);
    }

    /** A fresh producer id, unguessable so that ids say nothing across rooms. */
    String newTrackId() {
        return "t" + Long.toHexString(random.nextLong() & Long.MAX_VALUE);
    }

    void addProducer(Producer p) {
        producers.put(p.id(), p);
        for (MediaTap tap : taps) openTap(tap, p);
        planAllSoon();
    }

    /** Starts giving {@code tap} a copy of every producer's packets, now and as they come. */
    public void addTap(MediaTap tap) {
        if (closed) throw new IllegalStateException("router closed");
        if (taps.contains(tap)) return;
        taps.add(tap);
        for (Producer p : producers.values()) openTap(tap, p);
    }

    /** Stops giving {@code tap} anything. */
    public void removeTap(MediaTap tap) {
        if (!taps.remove(tap)) return;
        for (Producer p : producers.values()) p.removeTap(tap);
    }

    private void openTap(MediaTap tap, Producer p) {
        TrackSink sink = tap.open(new MediaTap.TappedTrack(p.ownerId(), p.id(), p.kind(), p.source()));
        if (sink == null) return;
        TapSlot slot = new TapSlot(p, tap, sink);
        p.addTap(slot);
        slot.tick(clock.nowMs()); // asks for the keyframe it starts with
    }

    /** Removes a producer; every slot carrying it is emptied (and planned again soon). */
    void removeProducer(Producer p) {
        producers.remove(p.id());
        long nowMs = clock.nowMs();
        for (Consumer c : p.consumers()) c.producerGone(p, nowMs);
        p.consumers(new Consumer[0]);
        p.owner().forgetProducer(p);
        planAllSoon();
    }

    public void removePeer(String peerId) {
        SfuPeer p = peers.remove(peerId);
        if (p == null) return;
        for (Producer prod : p.producers()) removeProducer(prod);
        for (Consumer c : new ArrayList<>(p.consumersByMid().values())) p.dropConsumer(c);
        speaker.remove(peerId);
        p.close();
    }

    /** Sets what a receiver shows; applied at its next plan (the next tick). */
    public void setView(String peerId, View view) {
        SfuPeer p = peers.get(peerId);
        if (p == null) return;
        p.view(view);
        p.planSoon();
    }

    /** Server-enforced mute of a producer: a muted camera also leaves everyone's slots. */
    public void setPaused(String trackId, boolean paused) {
        Producer p = producers.get(trackId);
        if (p == null || p.paused() == paused) return;
        p.paused(paused);
        if (!paused) for (int i = 0; i < p.layers().length; i++) p.requestKeyframe(i, clock.nowMs());
        if (p.video()) planAllSoon();
    }

    private void planAllSoon() {
        for (SfuPeer peer : peers.values()) peer.planSoon();
    }

    void onPeerFailed(SfuPeer p, String reason) {
        if (peers.get(p.id()) == p) listener.onPeerFailed(p.id(), reason);
    }

    /** Periodic work, every ~10 ms: peers' timers, the speaker, slot planning, forwarding news. */
    void tick(long nowMs) {
        if (closed) return;
        tickNowMs = nowMs;
        peers.values().forEach(tickPeer);
        String speakerId = speaker.decide(nowMs);
        if (speakerId != null) {
            listener.onActiveSpeaker(speakerId);
            planAllSoon();
        }
        boolean decide = nowMs >= nextDecisionMs;
        if (decide) {
            nextDecisionMs = nowMs + DECIDE_INTERVAL_MS;
            decide(nowMs);
        }
        for (SfuPeer peer : peers.values()) {
            if (peer.planDue(nowMs)) peer.plan(nowMs, speaker.current());
            if (!peer.holdForwarding() && peer.takeSlotsChanged()) listener.onForwarding(peer.id(), peer.slotStates());
        }
    }

    /** Audio slots from the room's loudness ranking; layers to pause or resume at senders. */
    private void decide(long nowMs) {
        List<Producer> ranking = AudioSelector.ranking(producers.values(), speaker);
        for (SfuPeer peer : peers.values()) AudioSelector.assign(peer, peer.audioSlots(), ranking, speaker, nowMs);
        for (Producer p : producers.values()) {
            for (TapSlot t : p.taps()) t.tick(nowMs);
            List<String> active = p.video() ? p.sendLayersChange(nowMs) : null;
            if (active != null) listener.onSendLayers(p.owner().id(), p.mid(), active);
        }
    }

    public List<String> peerIds() {
        return List.copyOf(peers.keySet());
    }

    public void close() {
        if (closed) return;
        for (String id : List.copyOf(peers.keySet())) removePeer(id);
        closed = true;
        for (MediaTap tap : List.copyOf(taps)) tap.onRouterClosed();
        taps.clear();
        if (loop != null) loop.removeTicker(ticker);
    }

    MediaClock clock() {
        return clock;
    }

    MediaCounters counters() {
        return counters;
    }

    ActiveSpeaker speaker() {
        return speaker;
    }

    Map<String, Producer> producers() {
        return producers;
    }
}
