package parley.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import parley.bench.load.janus.JanusEvent;
import parley.bench.load.janus.SubscriberAnswer;

/**
 * One synthetic participant in Janus's videoroom, on its own handle of the run's session: a
 * publisher (the first --publishers) joins as {@code publisher} and publishes the same offer as in
 * Parley mode (microphone and three-rid simulcast camera, {@code rid_order} lmh so that substream 2
 * is the 720p layer), and then sends the same streams; a subscriber waits for every publisher's
 * media to be up, joins as {@code subscriber} to each one's camera at substream 2 and the
 * microphones of the first {@value SyntheticParticipant#AUDIO_SLOTS} (as many as Parley's audio
 * slots carry), answers Janus's offer ({@link SubscriberAnswer}) and {@code start}s. Either way our
 * host candidate is trickled, ICE runs both ways (Janus is a full agent), then DTLS as the client
 * and SRTP, decrypted and counted as in Parley mode.
 *
 * <p>Thread-safety: Janus's events arrive on the session's polling thread and must not block, so
 * joining and connecting run on a virtual thread of their own; state read by the run is volatile.
 */
final class JanusParticipant implements Participant {
    private final int index;
    private final LoadContext ctx;
    private final JanusRoom room;
    private final Publisher publisher;
    private final Inbound inbound;
    private final MediaPeer peer;
    private final boolean publishes;
    private volatile long handle;
    private volatile long startNanos;
    private volatile long joinedNanos;
    private volatile long sdpNanos;
    private volatile long connectedNanos;
    private volatile long firstRtpNanos;
    private volatile String failure;
    private volatile boolean closed;
    private volatile int localPort;
    /** A publisher's id in the room, from {@code joined}. */
    private volatile long feedId;

    JanusParticipant(int index, LoadContext ctx, JanusRoom room) throws IOException {
        this.index = index;
        this.ctx = ctx;
        this.room = room;
        this.publishes = ctx.options().publishes(index);
        SplittableRandom random = new SplittableRandom();
        this.publisher = new Publisher(ctx.stats(), ctx.fixtures(), index, ctx.turns(), random.nextInt(), random);
        this.inbound = new Inbound(ctx.stats(), publisher, this::firstRtp);
        this.peer = new MediaPeer(ctx.certificate(), ctx.stats(), inbound);
        inbound.setPeer(peer);
    }

    @Override
    public void start() {
        startNanos = System.nanoTime();
        Thread.ofVirtual().name("load-janus-" + index).start(() -> {
            try {
                localPort = peer.bind(room.localAddress());
                handle = room.session().attach(JanusRoom.VIDEOROOM, this::onEvent);
                if (publishes) joinAsPublisher();
                else joinAsSubscriber();
            } catch (IOException | RuntimeException e) {
                fail("join", e.toString());
            }
        });
    }

    private void joinAsPublisher() throws IOException {
        room.session().message(handle, Map.of("request", "join", "ptype", "publisher", "room", room.room(),
                "display", "Load " + (index + 1)), null);
    }

    private void joinAsSubscriber() throws IOException {
        List<Long> feeds = room.awaitFeeds(ctx.options().joinTimeoutMs());
        List<Map<String, Object>> streams = new ArrayList<>();
        for (int i = 0; i < Math.min(SyntheticParticipant.AUDIO_SLOTS, feeds.size()); i++) {
            streams.add(Map.of("feed", feeds.get(i), "mid", OfferWriter.MIC_MID));
        }
        for (long feed : feeds) streams.add(Map.of("feed", feed, "mid", OfferWriter.CAMERA_MID, "substream", 2, "temporal", 2));
        room.session().message(handle, Map.of("request", "join", "ptype", "subscriber", "room", room.room(),
                "streams", streams), null);
    }

    /** On the session's polling thread: must not block. */
    private void onEvent(JanusEvent e) {
        if (closed) return;
        if (e.isError()) {
            fail("janus", e.errorCode() + " " + e.error());
        } else if (e.janus().equals("webrtcup")) {
            if (publishes) Thread.ofVirtual().start(() -> room.published(index, feedId));
        } else if (e.janus().equals("hangup")) {
            fail("hangup", e.data().toString());
        } else if (e.videoroom().equals("joined") && publishes) {
            joinedNanos = System.nanoTime();
            feedId = e.data().path("id").asLong();
            Thread.ofVirtual().start(this::publish);
        } else if ("answer".equals(e.jsepType()) && publishes) {
            sdpNanos = System.nanoTime();
            String sdp = e.sdp();
            Thread.ofVirtual().start(() -> connect(sdp, List.of()));
        } else if ("offer".equals(e.jsepType()) && !publishes) {
            joinedNanos = sdpNanos = System.nanoTime();
            String sdp = e.sdp();
            JsonNode streams = e.data().path("streams");
            Thread.ofVirtual().start(() -> subscribe(sdp, streams));
        }
    }

    private void publish() {
        OfferWriter offer = new OfferWriter(peer.iceCredentials(), peer.fingerprint(), publisher.audioSsrc(), "load" + index, 0, 0);
        // Janus answering actpass would take the DTLS client role; our transport is a DTLS client.
        String sdp = offer.sdp().replace("a=setup:actpass", "a=setup:active");
        try {
            room.session().message(handle, Map.of("request", "publish", "display", "Load " + (index + 1)),
                    Map.of("type", "offer", "sdp", sdp, "rid_order", "lmh"));
        } catch (IOException e) {
            fail("publish", e.toString());
        }
    }

    /** Answers Janus's offer and starts; {@code streams} is the videoroom's list of what each mid carries. */
    private void subscribe(String offer, JsonNode streams) {
        List<Inbound.Slot> slots = new ArrayList<>();
        try {
            Map<String, AnswerReader.SlotSsrcs> ssrcs = AnswerReader.parse(offer).slotsByMid();
            for (JsonNode s : streams) {
                AnswerReader.SlotSsrcs x = ssrcs.get(s.path("mid").asText());
                if (x == null) continue;
                Inbound.Slot slot = new Inbound.Slot(x.mid(), "video".equals(s.path("type").asText()), x.ssrc(), x.rtxSsrc());
                slot.trackId = s.path("feed_id").asText();
                slots.add(slot);
            }
            inbound.setSlots(slots);
            String answer = SubscriberAnswer.write(offer, peer.iceCredentials(), peer.fingerprint());
            room.session().message(handle, Map.of("request", "start"), Map.of("type", "answer", "sdp", answer));
        } catch (IOException | RuntimeException e) {
            fail("subscribe", e.toString());
            return;
        }
        peer.controlled(); // Janus offered: it is the controlling agent
        connect(offer, slots);
    }

    /** Connects to the candidate in Janus's SDP, trickles ours, runs ICE and DTLS, then starts sending or only consent checks. */
    private void connect(String janusSdp, List<Inbound.Slot> slots) {
        try {
            AnswerReader sdp = AnswerReader.parse(janusSdp);
            InetSocketAddress server = sdp.target(ctx.serverHosts());
            peer.connectChannel(server);
            ctx.receivers().get(index % ctx.receivers().size()).add(peer, inbound);
            String mid = publishes ? OfferWriter.MIC_MID : slots.isEmpty() ? "0" : slots.get(0).mid;
            room.session().trickle(handle, Map.of("candidate", "candidate:1 1 udp 2130706431 "
                    + room.localAddress().getHostAddress() + " " + localPort + " typ host", "sdpMid", mid, "sdpMLineIndex", 0));
            room.session().trickle(handle, null);
            peer.handshake(sdp.ice(), sdp.fingerprint(), ctx.options().joinTimeoutMs());
            connectedNanos = System.nanoTime();
            if (publishes) ctx.pacer().add(publisher, peer);
            else ctx.pacer().addConsent(peer);
        } catch (IOException | RuntimeException e) {
            fail("media", e.toString());
        }
    }

    private void firstRtp(long nowNanos) {
        if (firstRtpNanos == 0) firstRtpNanos = nowNanos;
    }

    private void fail(String stage, String why) {
        if (closed) return;
        failure = stage;
        if (ctx.stats().error(stage + "-failed")) System.err.println("load: participant " + (index + 1) + " " + stage + " failed: " + why);
    }

    @Override
    public void leave() {
        if (closed) return;
        closed = true;
        peer.close();
        if (handle != 0) room.session().detach(handle);
    }

    @Override
    public long joinMs() {
        return Participant.joinMs(startNanos, connectedNanos, firstRtpNanos);
    }

    @Override
    public long[] phasesMs() {
        return Participant.phasesMs(startNanos, joinedNanos, sdpNanos, connectedNanos, firstRtpNanos);
    }

    @Override
    public MediaPeer peer() {
        return peer;
    }

    @Override
    public boolean isConnected() {
        return connectedNanos != 0 && peer.isConnected();
    }

    @Override
    public boolean isReceiving() {
        return firstRtpNanos != 0;
    }

    @Override
    public String failure() {
        return failure;
    }

    @Override
    public int[] filledSlots() {
        return inbound.filledSlots();
    }
}
