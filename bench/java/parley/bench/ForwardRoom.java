package parley.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;
import parley.media.dtls.DtlsCertificate;
import parley.media.transport.MediaCounters;
import parley.media.transport.LoopOptions;
import parley.media.transport.MediaLoop;
import parley.media.transport.TestMediaClient;
import parley.sdp.SdpParser;
import parley.sfu.Negotiation;
import parley.sfu.Router;
import parley.sfu.RouterListener;
import parley.sfu.ServerIdentity;
import parley.sfu.SfuPeer;

/**
 * One benchmark room on a real media loop and loopback UDP: a publisher of a VP8 and an Opus
 * track, and K subscribers, each negotiated through {@link Negotiation} and connected with
 * ICE and DTLS by a {@link TestMediaClient}. Every client drains its socket on its own thread;
 * subscribers count the RTP packets they decrypt.
 */
final class ForwardRoom implements AutoCloseable {
    private static final long CONNECT_TIMEOUT_MS = 10_000;
    private static final RouterListener QUIET = new RouterListener() {
        @Override
        public void onActiveSpeaker(String peerId) {}

        @Override
        public void onPeerFailed(String peerId, String reason) {
            System.err.println("peer failed: " + reason);
        }

        @Override
        public void onForwarding(String peerId, List<SlotState> slots) {}

        @Override
        public void onSendLayers(String peerId, String mid, List<String> activeRids) {}
    };

    final MediaLoop loop;
    final TestMediaClient sender;
    final List<TestMediaClient> receivers = new ArrayList<>();
    /** RTP packets each subscriber decrypted. */
    final AtomicLongArray received;
    private final List<Thread> drains = new ArrayList<>();
    private final ServerIdentity identity;
    private final Router router;
    private volatile boolean stopping;
    /** Set when the server sent the publisher a PLI; the next frame is then a keyframe, as a browser does. */
    private final java.util.concurrent.atomic.AtomicBoolean keyframeRequested = new java.util.concurrent.atomic.AtomicBoolean();

    ForwardRoom(int fanOut, int mediaThreads) throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        loop = new MediaLoop(new InetSocketAddress(loopback, 0), LoopOptions.defaults().threads(mediaThreads),
                new MediaCounters());
        identity = new ServerIdentity(DtlsCertificate.generate(), List.of(loopback), loop.localPort(), new SecureRandom());
        router = Router.open(loop, QUIET, 1);
        InetSocketAddress server = new InetSocketAddress(loopback, loop.localPort());
        received = new AtomicLongArray(fanOut);

        sender = new TestMediaClient(server);
        String senderOffer = BenchOffers.sender(sender.iceCredentials(), sender.fingerprintSha256());
        Negotiation.Result published = negotiate("sender", senderOffer,
                Map.of(BenchOffers.VIDEO_MID, "camera", BenchOffers.AUDIO_MID, "mic"), Map.of());
        sender.connect(BenchOffers.answerIce(published.answerSdp()), CONNECT_TIMEOUT_MS);
        drain(sender, -1);

        // Receive slots: the planner puts the one camera on the video slot, the audio selector the mic.
        Map<String, String> recvTracks = Map.of(BenchOffers.VIDEO_MID, "video", BenchOffers.AUDIO_MID, "audio");
        for (int i = 0; i < fanOut; i++) {
            TestMediaClient r = new TestMediaClient(server);
            String offer = BenchOffers.receiver(r.iceCredentials(), r.fingerprintSha256());
            Negotiation.Result answer = negotiate("receiver-" + i, offer, Map.of(), recvTracks);
            r.connect(BenchOffers.answerIce(answer.answerSdp()), CONNECT_TIMEOUT_MS);
            receivers.add(r);
            drain(r, i);
        }
    }

    private Negotiation.Result negotiate(String peerId, String offerSdp, Map<String, String> send,
            Map<String, String> recv) throws Exception {
        var offer = SdpParser.parseOffer(offerSdp);
        SfuPeer peer = loop.call(() -> router.addPeer(peerId));
        Negotiation.Plan plan = new Negotiation(peer, loop, identity, peerId.hashCode()).prepare(offer, send, recv);
        return loop.call(plan::apply);
    }

    /** Reads the client's socket until the room closes; counts decrypted RTP for subscriber {@code index}. */
    private void drain(TestMediaClient client, int index) {
        Thread t = Thread.ofPlatform().daemon().name("bench-drain-" + index).start(() -> {
            try {
                while (!stopping) {
                    TestMediaClient.Received r = client.receive(200);
                    if (r == null) continue;
                    if (index >= 0 && r.kind() == TestMediaClient.Kind.RTP) received.incrementAndGet(index);
                    if (index < 0 && r.kind() == TestMediaClient.Kind.RTCP && hasPli(r.bytes())) keyframeRequested.set(true);
                }
            } catch (SocketException e) {
                // closed
            } catch (IOException e) {
                if (!stopping) throw new IllegalStateException(e);
            }
        });
        drains.add(t);
    }

    /** Whether a compound RTCP packet holds a PLI (RFC 4585 §6.3.1: PT 206, FMT 1). */
    private static boolean hasPli(byte[] rtcp) {
        for (int p = 0; p + 4 <= rtcp.length; p += 4 * (((rtcp[p + 2] & 0xff) << 8 | (rtcp[p + 3] & 0xff)) + 1)) {
            if ((rtcp[p + 1] & 0xff) == 206 && (rtcp[p] & 0x1f) == 1) return true;
        }
        return false;
    }

    /** Whether the server asked for a keyframe since the last call. */
    boolean takeKeyframeRequest() {
        return keyframeRequested.getAndSet(false);
    }

    /** The fewest RTP packets any subscriber has decrypted. */
    long minReceived() {
        long min = Long.MAX_VALUE;
        for (int i = 0; i < received.length(); i++) min = Math.min(min, received.get(i));
        return min;
    }

    long totalReceived() {
        long sum = 0;
        for (int i = 0; i < received.length(); i++) sum += received.get(i);
        return sum;
    }

    /** ICE consent checks (RFC 7675) from every client, so that long runs keep their transports. */
    void refreshConsent() throws IOException {
        sender.sendConsentCheck();
        for (TestMediaClient r : receivers) r.sendConsentCheck();
    }

    @Override
    public void close() {
        stopping = true;
        try {
            loop.call(() -> {
                router.close(); // ends the transports and their DTLS threads
                return null;
            });
        } catch (Exception e) {
            throw new IllegalStateException("router did not close", e);
        }
        sender.close();
        for (TestMediaClient r : receivers) r.close();
        try {
            for (Thread t : drains) t.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        loop.close();
    }
}
