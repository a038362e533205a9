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
 * {@code join} as "Load N", an {@code offer} with its microphone and simulcast camera and its receive
 * slots (3 audio, view tiles + 1 video), the {@code answer} applied (ICE, DTLS, SRTP on a virtual
 * thread), a {@code view} of the first cameras of the others at 180p plus the speaker at 720p, sent
 * again when tracks change (at most every {@link #VIEW_MIN_INTERVAL_MS} ms), {@code ping} every
 * {@link #PING_MS} ms, {@code forwarding} to its slots and {@code send-layers} to its camera.
 *
 * <p>Join time runs from opening the WebSocket to the first RTP packet received and decrypted; a
 * participant that receives nothing (alone in the room, or --no-recv) counts until its DTLS
 * handshake completed after the answer. Thread-safety: signaling callbacks and timers synchronize on
 * this object; media runs on the sender and receiver threads.
 */
final class SyntheticParticipant {
    static final long PING_MS = 15_000;
    static final long VIEW_MIN_INTERVAL_MS = 500;
    static final int AUDIO_SLOTS = 3;
    private static final long LEAVE_WAIT_MS = 2000;

    private final int index;
    private final LoadContext ctx;
    private final Publisher publisher;
    private final Inbound inbound;
    private final MediaPeer peer;
    private final SignalSocket socket;
    private volatile long startNanos;
    private volatile long joinedNanos;
    private volatile long answerNanos;
    private volatile long connectedNanos;
    private volatile long firstRtpNanos;
    private volatile boolean closed;
    private volatile String failure;
    private String id;
    private TrackBook book;
    private int audioSlots;
    private int videoSlots;
    private boolean answered;
    private boolean viewPending;
    private long lastViewNanos;
    private ScheduledFuture<?> pinger;
    private final CountDownLatch closedLatch = new CountDownLatch(1);

    SyntheticParticipant(int index, LoadContext ctx) throws IOException {
        this.index = index;
        this.ctx = ctx;
        SplittableRandom random = new SplittableRandom();
        this.publisher = new Publisher(ctx.stats(), ctx.fixtures(), index, ctx.turns(), random.nextInt(), random);
        this.inbound = new Inbound(ctx.stats(), publisher, this::firstRtp);
        this.peer = new MediaPeer(ctx.certificate(), ctx.stats(), inbound);
        inbound.setPeer(peer);
        this.socket = new SignalSocket(this::onMessage, this::onClose);
    }

    /** Opens the WebSocket and joins; returns at once (the connection completes on Jetty's threads). */
    void start() {
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
        id = m.path("you").path("id").asText();
        book = new TrackBook(id);
        book.joined(m.path("tracks"));
        boolean recv = !ctx.options().noRecv();
        audioSlots = recv ? Math.min(AUDIO_SLOTS, m.path("slots").path("audio").asInt(AUDIO_SLOTS)) : 0;
        int wantVideo = ctx.options().viewTiles() + 1;
        videoSlots = recv ? Math.min(wantVideo, m.path("slots").path("video").asInt(wantVideo)) : 0;
        OfferWriter offer = new OfferWriter(peer.iceCredentials(), peer.fingerprint(), publisher.audioSsrc(),
                "load" + index, audioSlots, videoSlots);
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
        answerNanos = System.nanoTime();
        Map<String, AnswerReader.SlotSsrcs> ssrcs = answer.slotsByMid();
        List<Inbound.Slot> slots = new ArrayList<>();
        for (int i = 0; i < audioSlots + videoSlots; i++) {
            AnswerReader.SlotSsrcs s = ssrcs.get(OfferWriter.slotMid(i));
            if (s != null) slots.add(new Inbound.Slot(s.mid(), i >= audioSlots, s.ssrc(), s.rtxSsrc()));
        }
        inbound.setSlots(slots);
        InetSocketAddress server = new InetSocketAddress(ctx.serverHost(), answer.portFor(ctx.serverHost()));
        Thread.ofVirtual().name("load-connect-" + index).start(() -> connect(server, answer));
        viewLater();
    }

    private void connect(InetSocketAddress server, AnswerReader answer) {
        try {
            peer.connectChannel(server);
            ctx.receivers().get(index % ctx.receivers().size()).add(peer, inbound);
            peer.handshake(answer.ice(), answer.fingerprint(), ctx.options().joinTimeoutMs());
            connectedNanos = System.nanoTime();
            ctx.pacer().add(publisher, peer);
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
        socket.send(book.view(Math.min(ctx.options().viewTiles(), videoSlots)));
    }

    private void error(JsonNode m) {
        String code = m.path("code").asText();
        if (ctx.stats().error(code)) {
            System.err.println("load: participant " + (index + 1) + " got error " + code + " (ref "
                    + m.path("ref").asText() + "): " + m.path("message").asText());
        }
        if (code.equals("media-failed")) failure = "media-failed";
    }

    private void firstRtp(long nowNanos) {
        firstRtpNanos = nowNanos;
    }

    private void fail(String stage, String why) {
        failure = stage;
        if (ctx.stats().error(stage + "-failed")) System.err.println("load: participant " + (index + 1) + " " + stage + " failed: " + why);
    }

    private void onClose(String why) {
        closedLatch.countDown();
        if (!closed) {
            fail("websocket-closed", why);
            peer.close();
        }
    }

    /** Sends {@code leave}, waits a moment for the server to close, then closes everything. */
    void leave() {
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
    long joinMs() {
        long end = firstRtpNanos != 0 ? firstRtpNanos : connectedNanos;
        return end == 0 || startNanos == 0 ? -1 : TimeUnit.NANOSECONDS.toMillis(end - startNanos);
    }

    /**
     * Where the join time went, in ms (-1 for a step not reached): WebSocket open to {@code joined},
     * {@code joined} to {@code answer}, {@code answer} to DTLS done, DTLS done to the first RTP packet.
     */
    long[] phasesMs() {
        long[] at = {startNanos, joinedNanos, answerNanos, connectedNanos, firstRtpNanos};
        long[] ms = new long[at.length - 1];
        for (int i = 0; i < ms.length; i++) {
            ms[i] = at[i] == 0 || at[i + 1] == 0 ? -1 : TimeUnit.NANOSECONDS.toMillis(Math.max(0, at[i + 1] - at[i]));
        }
        return ms;
    }

    /** The transport, for its ports. */
    MediaPeer peer() {
        return peer;
    }

    boolean isJoined() {
        return joinedNanos != 0;
    }

    boolean isConnected() {
        return connectedNanos != 0 && peer.isConnected();
    }

    boolean isReceiving() {
        return firstRtpNanos != 0;
    }

    String failure() {
        return failure;
    }

    /** Receive slots that carry someone now: {audio, video}. */
    int[] filledSlots() {
        int[] filled = new int[2];
        for (Inbound.Slot s : inbound.slots()) if (s.trackId != null) filled[s.video ? 1 : 0]++;
        return filled;
    }
}
