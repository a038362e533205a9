package parley.app;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import parley.media.dtls.DtlsCertificate;
import parley.media.transport.MediaCounters;
import parley.media.transport.LoopOptions;
import parley.media.transport.MediaLoop;
import parley.record.Recorder;
import parley.room.MediaPlane;
import parley.room.MediaRoom;
import parley.room.MediaRoomEvents;
import parley.sfu.Router;
import parley.sfu.RouterListener;
import parley.sfu.ServerIdentity;
import parley.sfu.SfuPeer;

/**
 * The real media plane: one UDP port, one event loop, one router per room. This class only
 * adapts {@code parley.sfu} to the interfaces {@code parley.room} sees.
 */
public final class SfuMediaPlane implements MediaPlane, AutoCloseable {
    private final MediaLoop loop;
    private final ServerIdentity identity;
    private final SecureRandom random = new SecureRandom();
    /** The routers of open rooms, for {@link #setOutgoingLossForTests}; a room's close removes its own. */
    private final Set<Router> routers = ConcurrentHashMap.newKeySet();

    /**
     * @param bind       --media-bind and --media-port; on a wildcard address the port gets one socket per
     *                   local advertised address, so that each answer comes from the address the client used
     * @param advertised the ICE host candidate addresses (--public-ip)
     * @param mediaIo    --media-io: auto, batched or nio
     * @param mediaThreads --media-threads: the loop, and that many less one sealers (encryption and sends)
     * @param mediaNice  --media-nice: the nice value the media thread asks for (0 leaves it alone)
     * @param mediaTcpPort --media-tcp-port: ICE-TCP's port, {@link MediaLoop#TCP_SAME_AS_UDP} or {@link MediaLoop#TCP_OFF}
     */
    public SfuMediaPlane(InetSocketAddress bind, List<InetAddress> advertised, String mediaIo, int mediaThreads,
            int mediaNice, int mediaTcpPort) throws IOException {
        this.loop = new MediaLoop(bind, LoopOptions.defaults().advertising(advertised).io(mediaIo).threads(mediaThreads).tcp(mediaTcpPort),
                new MediaCounters());
        loop.requestNice(mediaNice);
        this.identity = new ServerIdentity(DtlsCertificate.generate(), advertised, loop.localPort(),
                loop.localTcpPort(), random);
    }

    /** Without a media TCP port (tests). */
    public SfuMediaPlane(InetSocketAddress bind, List<InetAddress> advertised, String mediaIo, int mediaThreads,
            int mediaNice) throws IOException {
        this(bind, advertised, mediaIo, mediaThreads, mediaNice, MediaLoop.TCP_OFF);
    }

    /** The media TCP port (ICE-TCP), or 0 when off. */
    public int tcpPort() {
        return loop.localTcpPort();
    }

    /** Lets rooms record (--recordings); set once at start, before any room opens. */
    public void recorder(Recorder value) {
        this.recorder = value;
    }

    /** The server's recorder, or null (tests, metrics). */
    public Recorder recorder() {
        return recorder;
    }

    private volatile Recorder recorder;

    /** Lets rooms stream live (--stream-to); set once at start, before any room opens. */
    public void streamer(parley.record.Streamer value) {
        this.streamer = value;
    }

    private volatile parley.record.Streamer streamer;

    /** Lets rooms have live captions (--captions-model); set once at start, before any room opens. */
    public void recognizers(parley.captions.Recognizer.Factory value) {
        this.recognizers = value;
    }

    private volatile parley.captions.Recognizer.Factory recognizers;

    public int port() {
        return loop.localPort();
    }

    public MediaLoop loop() {
        return loop;
    }

    public Map<String, Long> counters() {
        return loop.counters().snapshot();
    }

    @Override
    public MediaRoom openRoom(MediaRoomEvents events) {
        Router router = Router.open(loop, new RouterListener() {
            @Override
            public void onActiveSpeaker(String peerId) {
                events.onActiveSpeaker(peerId);
            }

            @Override
            public void onPeerFailed(String peerId, String reason) {
                events.onPeerFailed(peerId, reason);
            }

            @Override
            public void onForwarding(String peerId, List<SlotState> slots) {
                events.onForwarding(peerId, slots.stream().map(x -> new MediaRoomEvents.ForwardedSlot(
                        x.mid(), x.kind(), x.participantId(), x.trackId(), x.source())).toList());
            }

            @Override
            public void onSendLayers(String peerId, String mid, List<String> activeRids) {
                events.onSendLayers(peerId, mid, activeRids);
            }
        }, random.nextLong());
        routers.add(router);
        return new SfuMediaRoom(loop, router, identity, routers::remove, recorder, recognizers, streamer);
    }

    /**
     * Test hook (end-to-end loss test): drops {@code rate} (0..1) of the RTP this server sends
     * to {@code participantId}, counted as {@code testDropped}. Any thread; waits for the loop.
     *
     * @return whether a peer of that id was found in an open room
     */
    public boolean setOutgoingLossForTests(String participantId, double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("drop rate " + rate + " (expected: 0..1)");
        }
        return onPeer(participantId, "drop rate not set", peer -> {
            peer.setTestDropRate(rate);
            return true;
        }) != null;
    }

    /**
     * Test hook (downlink test): puts a bottleneck of {@code bps} (0 removes it) with a 300 ms
     * queue in front of {@code participantId}. Any thread; waits for the loop.
     *
     * @return whether a peer of that id was found in an open room
     */
    public boolean setDownlinkForTests(String participantId, long bps) {
        return onPeer(participantId, "downlink not set", peer -> {
            peer.setTestDownlink(bps);
            return true;
        }) != null;
    }

    /** Test hook: the bandwidth estimate toward a participant, or -1 if unknown. Any thread; waits for the loop. */
    public long downlinkEstimateForTests(String participantId) {
        Long bps = onPeer(participantId, "estimate not read", SfuPeer::downlinkEstimateBps);
        return bps == null ? -1 : bps;
    }

    /** Runs {@code action} on the loop with the peer of that id in any open room; null when there is none. */
    private <T> T onPeer(String participantId, String failure, Function<SfuPeer, T> action) {
        for (Router router : routers) {
            try {
                T result = loop.call(() -> {
                    SfuPeer peer = router.peer(participantId);
                    return peer == null ? null : action.apply(peer);
                });
                if (result != null) return result;
            } catch (Exception e) {
                throw new IllegalStateException(failure + ": " + e.getMessage(), e);
            }
        }
        return null;
    }

    @Override
    public void close() {
        Recorder r = recorder;
        if (r != null) r.close();
        parley.record.Streamer s = streamer;
        if (s != null) s.close();
        loop.close();
    }
}
