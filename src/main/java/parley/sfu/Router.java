package parley.sfu;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import parley.media.transport.MediaLoop;

/**
 * The media side of one room: its peers and the map from each producer to its consumers.
 * Loop thread only, except {@link #open} which registers the router's ticker.
 */
public final class Router {
    final MediaLoop loop;
    final ActiveSpeaker speaker = new ActiveSpeaker();
    private final RouterListener listener;
    private final Map<String, SfuPeer> peers = new LinkedHashMap<>();
    final Map<String, Producer> producers = new LinkedHashMap<>();
    private final SplittableRandom random;
    private final MediaLoop.Ticker ticker = this::tick;
    /** The time of the tick in progress, for {@link #tickPeer}. */
    private long tickNowMs;
    /** Preallocated, so that the 100 Hz tick walks the peers without allocating an iterator. */
    private final java.util.function.Consumer<SfuPeer> tickPeer = p -> p.tick(tickNowMs);
    private boolean closed;

    private Router(MediaLoop loop, RouterListener listener, long seed) {
        this.loop = loop;
        this.listener = listener;
        this.random = new SplittableRandom(seed);
    }

    /** Creates a router and starts its periodic work on the loop. Any thread. */
    public static Router open(MediaLoop loop, RouterListener listener, long seed) {
        Router r = new Router(loop, listener, seed);
        loop.addTicker(r.ticker);
        return r;
    }

    public MediaLoop loop() {
        return loop;
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
        producers.put(p.id, p);
    }

    /** Removes a producer and every consumer of it (receivers learn via the room's tracks message). */
    void removeProducer(Producer p) {
        producers.remove(p.id);
        for (Consumer c : new ArrayList<>(p.consumers)) c.receiver.dropConsumer(c);
        p.consumers.clear();
        p.owner.forgetProducer(p);
    }

    public void removePeer(String peerId) {
        SfuPeer p = peers.remove(peerId);
        if (p == null) return;
        for (Producer prod : p.producers()) removeProducer(prod);
        for (Consumer c : new ArrayList<>(p.consumersByMid.values())) p.dropConsumer(c);
        speaker.remove(peerId);
        p.close();
    }

    /** Server-enforced mute of a producer. */
    public void setPaused(String trackId, boolean paused) {
        Producer p = producers.get(trackId);
        if (p == null) return;
        p.paused = paused;
        if (!paused) p.requestKeyframe(p.layers.length - 1, loop.nowMs());
    }

    void onPeerFailed(SfuPeer p, String reason) {
        if (peers.get(p.id) == p) listener.onPeerFailed(p.id, reason);
    }

    private void tick(long nowMs) {
        if (closed) return;
        tickNowMs = nowMs;
        peers.values().forEach(tickPeer);
        String speakerId = speaker.decide(nowMs);
        if (speakerId != null) listener.onActiveSpeaker(speakerId);
    }

    public List<String> peerIds() {
        return List.copyOf(peers.keySet());
    }

    public void close() {
        if (closed) return;
        for (String id : List.copyOf(peers.keySet())) removePeer(id);
        closed = true;
        loop.removeTicker(ticker);
    }
}
