package parley.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;

/**
 * One synthetic participant, speaking docs/protocol.md as the web client does: WebSocket,
 * {@code join} as "Load N", an {@code offer} with its microphone and simulcast camera and its
 * receive slots (3 audio, view tiles + 1 video), the {@code answer} applied (ICE, DTLS, SRTP on a
 * virtual thread; rebuilt on {@code media-failed}), a {@code view} of the first cameras of the
 * others at 180p plus the speaker at 720p, sent again when tracks change (at most every
 * {@link #VIEW_MIN_INTERVAL_MS} ms), {@code ping} every {@link #PING_MS} ms, {@code forwarding}
 * to its slots and {@code send-layers} to its camera.
 *
 * <p>Join time runs from opening the WebSocket to the first RTP packet received and decrypted; a
 * participant that receives nothing (alone in the room, or --no-recv) counts until its DTLS
 * handshake completed after the answer. In a fan-out ({@code --publishers P}) the first P only
 * publish (no receive slots), and the others publish nothing, offer 3 audio slots and a video slot
 * per publisher, and ask in their {@code view} for every camera at 720p. Thread-safety: signaling callbacks and timers synchronize on
 * this object; media runs on the sender and receiver threads.
 */
final class SyntheticParticipant implements Participant {
    static final long PING_MS = 15_000;
    static final long VIEW_MIN_INTERVAL_MS = 500;
    static final int AUDIO_SLOTS = 3;
    private static final long LEAVE_WAIT_MS = 2000;
    private static final int MAX_REBUILDS = 3;

    private final int index;
    private final LoadContext ctx;
    private final Publisher publisher;
    /** Replaced (with new ICE credentials) when the server says {@code media-failed}. */
    private volatile Inbound inbound;
    private volatile MediaPeer peer;
    private final SignalSocket socket;
    private final CountDownLatch closedLatch = new CountDownLatch(1);
    private volatile long startNanos;
    private volatile long joinedNanos;
    private volatile long answerNanos;
    private volatile long connectedNanos;
    private volatile long firstRtpNanos;
    private volatile boolean closed;
    private volatile String failure;
    private TrackBook book;
    private int audioSlots;
    private int videoSlots;
    private boolean answered;
    private boolean viewPending;
    private long lastViewNanos;
    private int rebuilds;
    private ScheduledFuture<?> pinger;

    SyntheticParticipant(int index, LoadContext ctx) throws IOException {
        this.index = index;
        this.ctx = ctx;
        SplittableRandom random = new SplittableRandom();
        this.publisher = new Publisher(ctx.stats(), ctx.fixtures(), index, ctx.turns(), random.nextInt(), random);
        newMedia();
        this.socket = new SignalSocket(this::onMessage, this::onClose);
    }

    /** A fresh transport and receive state (the publisher and its streams go on). */
    private void newMedia() throws IOException {
        Inbound in = new Inbound(ctx.stats(), publisher, this::firstRtp);
        MediaPeer p = new MediaPeer(ctx.certificate(), ctx.stats(), in);
        in.setPeer(p);
        inbound = in;
        peer = p;
    }

    /** Opens the WebSocket and joins; returns at once (the connection completes on Jetty's threads). */
    @Override
    public void start() {
        startNanos = System.nanoTime();
        ClientUpgradeRequest request = new ClientUpgradeRequest(ctx.options().webSocketUri());
        request.setHeader("Origin", ctx.options().origin());
        try {
            ctx.webSockets().connect(socket, request).whenComplete((session, error) -> {
                if (error != null) fail("websocket", String.valueOf(error));
                else join();
            });
        } catch (IOException e) {
            fail("websocket", e.toString());
        }
    }

    private synchronized void join() {
        Map<String, Object> join = new HashMap<>();
        join.put("type", "join");
        join.put("room", ctx.options().room());
        join.put("name", "Load " + (index + 1));
        socket.send(join);
        pinger = ctx.timer().scheduleAtFixedRate(() -> socket.send(Map.of("type", "ping")), PING_MS, PING_MS, TimeUnit.MILLISECONDS);
    }

    private synchronized void onMessage(JsonNode m) {
        if (closed) return;
        switch (m.path("type").asText()) {
            case "joined" -> joined(m);
            case "answer" -> answer(m.path("sdp").asText());
            case "tracks" -> {
                if (book != null) book.tracks(m.path("participantId").asText(), m.path("tracks"));
                viewLater();
            }
            case "participant-left" -> {
                if (book != null) book.left(m.path("participantId").asText());
                viewLater();
            }
            case "forwarding" -> {
                long now = System.nanoTime();
                for (JsonNode s : m.path("slots")) inbound.forwarded(s.path("mid").asText(), s.path("trackId").textValue(), now);
            }
            case "send-layers" -> {
                if (OfferWriter.CAMERA_MID.equals(m.path("mid").asText())) {
                    List<String> active = new ArrayList<>();
                    for (JsonNode rid : m.path("active")) active.add(rid.asText());
                    publisher.setActiveLayers(active);
                }
            }
            case "error" -> error(m);
            default -> { } // pong, participant-joined, chat, active-speaker...: nothing to do
        }
    }

    private void joined(JsonNode m) {
        joinedNanos = System.nanoTime();
        book = new TrackBook(m.path("you").path("id").asText());
        book.joined(m.path("tracks"));
        boolean recv = ctx.options().receives(index);
        audioSlots = recv ? Math.min(AUDIO_SLOTS, m.path("slots").path("audio").asInt(AUDIO_SLOTS)) : 0;
        int wantVideo = isFanOutReceiver() ? ctx.options().publishers() : ctx.options().viewTiles() + 1;
        videoSlots = recv ? Math.min(wantVideo, m.path("slots").path("video").asInt(wantVideo)) : 0;
        offer();
    }

    private void offer() {
        OfferWriter offer = new OfferWriter(peer.iceCredentials(), peer.fingerprint(), publisher.audioSsrc(),
                "load" + index, audioSlots, videoSlots, ctx.options().publishes(index));
        Map<String, Object> message = new HashMap<>();
        message.put("type", "offer");
        message.put("sdp", offer.sdp());
        message.put("send", offer.send());
        message.put("recv", offer.recv());
        socket.send(message);
    }

    private void answer(String sdp) {
        AnswerReader answer;
        try {
            answer = AnswerReader.parse(sdp);
        } catch (IOException | IllegalArgumentException e) {
            fail("answer", e.getMessage());
            return;
        }
        answered = true;
        if (answerNanos == 0) answerNanos = System.nanoTime();
        Map<String, AnswerReader.SlotSsrcs> ssrcs = answer.slotsByMid();
        List<Inbound.Slot> slots = new ArrayList<>();
        for (int i = 0; i < audioSlots + videoSlots; i++) {
            AnswerReader.SlotSsrcs s = ssrcs.get(OfferWriter.slotMid(i));
            if (s != null) slots.add(new Inbound.Slot(s.mid(), i >= audioSlots, s.ssrc(), s.rtxSsrc()));
        }
        MediaPeer p = peer;
        Inbound in = inbound;
        in.setSlots(slots);
        InetSocketAddress server = answer.target(ctx.serverHosts());
        Thread.ofVirtual().name("load-connect-" + index).start(() -> connect(p, in, server, answer));
        viewLater();
    }

    private void connect(MediaPeer p, Inbound in, InetSocketAddress server, AnswerReader answer) {
        try {
            p.connectChannel(server);
            ctx.receivers().get(index % ctx.receivers().size()).add(p, in);
            p.handshake(answer.ice(), answer.fingerprint(), ctx.options().joinTimeoutMs());
            if (connectedNanos == 0) connectedNanos = System.nanoTime();
            failure = null;
            if (ctx.options().publishes(index)) ctx.pacer().add(publisher, p);
            else ctx.pacer().addConsent(p);
        } catch (IOException | RuntimeException e) {
            fail("media", e.toString());
        }
    }

    /** Sends {@code view} now or when {@link #VIEW_MIN_INTERVAL_MS} has passed since the last one. */
    private void viewLater() {
        if (!answered || viewPending || videoSlots == 0) return;
        long waitNanos = lastViewNanos + TimeUnit.MILLISECONDS.toNanos(VIEW_MIN_INTERVAL_MS) - System.nanoTime();
        viewPending = true;
        ctx.timer().schedule(this::sendView, Math.max(0, waitNanos), TimeUnit.NANOSECONDS);
    }

    private synchronized void sendView() {
        viewPending = false;
        if (closed) return;
        lastViewNanos = System.nanoTime();
        socket.send(isFanOutReceiver() ? book.viewAll(videoSlots, TrackBook.SPEAKER_HEIGHT)
                : book.view(Math.min(ctx.options().viewTiles(), videoSlots)));
    }

    private boolean isFanOutReceiver() {
        return ctx.options().publishers() > 0 && ctx.options().receives(index);
    }

    private void error(JsonNode m) {
        String code = m.path("code").asText();
        if (ctx.stats().error(code)) {
            System.err.println("load: participant " + (index + 1) + " got error " + code + " (ref "
                    + m.path("ref").asText() + "): " + m.path("message").asText());
        }
        String ref = m.path("ref").asText();
        if (code.equals("media-failed")) rebuild();
        else if (ref.equals("join") || ref.equals("offer")) failure = ref + ":" + code; // it will not join: do not wait for it
    }

    /** docs/protocol.md "Media failure": a new transport with new ICE credentials, offered on the same WebSocket. */
    private void rebuild() {
        if (rebuilds++ == MAX_REBUILDS) {
            failure = "media-failed";
            return;
        }
        ctx.stats().mediaRebuilds.increment();
        failure = null;
        peer.close();
        try {
            newMedia();
        } catch (IOException e) {
            fail("media", e.toString());
            return;
        }
        answered = false;
        offer();
    }

    private void firstRtp(long nowNanos) {
        if (firstRtpNanos == 0) firstRtpNanos = nowNanos; // the first ever, not the first after a rebuild
    }

    private void fail(String stage, String why) {
        failure = stage;
        if (ctx.stats().error(stage + "-failed")) System.err.println("load: participant " + (index + 1) + " " + stage + " failed: " + why);
    }

    private void onClose(String why) {
        closedLatch.countDown();
        synchronized (this) {
            if (pinger != null) pinger.cancel(false);
        }
        if (!closed) {
            fail("websocket-closed", why);
            peer.close();
        }
    }

    /** Sends {@code leave}, waits a moment for the server to close, then closes everything. */
    @Override
    public void leave() {
        synchronized (this) {
            if (closed) return;
            closed = true;
            if (pinger != null) pinger.cancel(false);
            socket.send(Map.of("type", "leave"));
        }
        try {
            closedLatch.await(LEAVE_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        socket.close();
        peer.close();
    }

    /** Milliseconds from opening the WebSocket to the first RTP packet (or to DTLS done), or -1 while not joined. */
    @Override
    public long joinMs() {
        return Participant.joinMs(startNanos, connectedNanos, firstRtpNanos);
    }

    /**
     * Where the join time went, in ms (-1 for a step not reached): WebSocket open to {@code joined},
     * {@code joined} to {@code answer}, {@code answer} to DTLS done, DTLS done to the first RTP packet.
     */
    @Override
    public long[] phasesMs() {
        return Participant.phasesMs(startNanos, joinedNanos, answerNanos, connectedNanos, firstRtpNanos);
    }

    /** The transport, for its ports. */
    @Override
    public MediaPeer peer() {
        return peer;
    }

    boolean isJoined() {
        return joinedNanos != 0;
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

    /** Receive slots that carry someone now: {audio, video}. */
    @Override
    public int[] filledSlots() {
        return inbound.filledSlots();
    }
}
