package parley.sfu;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import parley.media.rtp.HeaderExtensions;
import parley.media.rtp.RtpPacket;
import parley.media.transport.MediaCounters;
import parley.media.transport.MediaLoop;
import parley.media.transport.TransportListener;

/**
 * One participant in the SFU: its transport, the producers it sends and the consumers it
 * receives. Receives decrypted packets from its transport (a {@link TransportListener}) and
 * sends through a {@link MediaLink}.
 * Loop thread only.
 */
public final class SfuPeer implements TransportListener {
    private final String id;
    private final Router router;
    private final long localSsrc;
    private MediaLink transport;
    private boolean connected;
    private boolean closed;
    private final Map<String, Producer> producersByMid = new LinkedHashMap<>();
    private final Map<String, Consumer> consumersByMid = new LinkedHashMap<>();
    private final LongMap<Consumer> consumersBySsrc = new LongMap<>();

    private final IncomingExtensions extensions = new IncomingExtensions();
    private final SsrcRoutes ssrcRoutes = new SsrcRoutes(producersByMid, extensions);
    private final byte[] scratch = new byte[MediaLoop.MAX_DATAGRAM + MediaLoop.SEND_HEADROOM];
    private final byte[] retransmitScratch = new byte[PacketCache.SLOT_BYTES];
    private final RtcpSender rtcp;
    private final TwccRecorder twcc = new TwccRecorder();

    SfuPeer(String id, Router router, long localSsrc) {
        this.id = id;
        this.router = router;
        this.localSsrc = localSsrc;
        this.rtcp = new RtcpSender(this);
        this.cname = ("parley-" + Long.toHexString(localSsrc)).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** Our CNAME in RTCP: random per peer, so it links nothing across meetings. */
    byte[] cname() {
        return cname;
    }

    private final byte[] cname;

    String cnameString() {
        return new String(cname, java.nio.charset.StandardCharsets.US_ASCII);
    }

    public String id() {
        return id;
    }

    void attach(MediaLink t) {
        this.transport = t;
        t.setTestDropRate(testDropRate);
        t.setTestDownlink(testDownlinkBps, TEST_QUEUE_MS);
    }

    /** Test hook (downlink test): a bottleneck of this rate toward this peer (0: none), with a 300 ms queue. */
    public void setTestDownlink(long bps) {
        testDownlinkBps = bps;
        if (transport != null) transport.setTestDownlink(bps, TEST_QUEUE_MS);
    }

    private static final long TEST_QUEUE_MS = 300;
    private long testDownlinkBps;

    /** The bandwidth estimate toward this peer (tests, metrics). */
    public long downlinkEstimateBps() {
        return downlink.estimateBps();
    }

    /** Test hook (loss test): drops this fraction of the RTP sent to this peer. */
    public void setTestDropRate(double rate) {
        testDropRate = rate;
        if (transport != null) transport.setTestDropRate(rate);
    }

    private double testDropRate;

    MediaLink transport() {
        return transport;
    }


    boolean isClosed() {
        return closed;
    }

    /** What each receive slot carries now, in recv order. */
    List<RouterListener.SlotState> slotStates() {
        List<RouterListener.SlotState> states = new ArrayList<>();
        for (String mid : slotOrder) {
            Consumer c = consumersByMid.get(mid);
            if (c != null) states.add(c.state());
        }
        return states;
    }

    /** The slots' mids in the order of the client's last offer's recv list. */
    List<String> slotOrder = List.of();
    /** Set while an answer is on its way: forwarding news waits for it (the client must know the slots first). */
    private boolean holdForwarding;

    /** The answer of the last negotiation reached the client's connection: forwarding news may follow. */
    public void answerDelivered() {
        holdForwarding = false;
    }

    boolean isConnected() {
        return connected && !closed;
    }

    MediaCounters counters() {
        return router.counters();
    }

    byte[] scratch() {
        return scratch;
    }

    byte[] retransmitScratch() {
        return retransmitScratch;
    }

    @Override
    public void onConnected(long nowMs) {
        connected = true;
        planSoon(); // its slots ask for keyframes when planned
    }

    @Override
    public void onRtp(byte[] buf, int off, int len, long nowMs) {
        if (closed || !validRtp(buf, off, len)) {
            counters().rtpDropped.increment();
            return;
        }
        // Every packet counts for the sender's congestion control, even one we cannot route (Chrome's
        // bandwidth probes may come on an RTX SSRC we have not seen yet): unreported, it reads as lost.
        if (extensions.transportCc() > 0) twcc.record(buf, off, len, extensions.transportCc(), nowMs);
        long ssrc = RtpPacket.ssrc(buf, off) & 0xffffffffL;
        Layer.SsrcRoute route = ssrcRoutes.route(ssrc, buf, off, len);
        if (route == null) {
            counters().rtpDropped.increment();
            return;
        }
        Layer s = route.layer();
        if (route.rtx()) {
            len = SsrcRoutes.unwrapRtx(s, buf, off, len);
            if (len < 0) return; // padding-only probe: nothing to forward
        }
        Ingress.Packet packet = ingressPacket.set(s, buf, off, len, nowMs);
        for (Ingress.Stage stage : ingress) {
            if (!stage.process(packet)) return;
        }
    }

    private final Ingress.Packet ingressPacket = new Ingress.Packet();
    private final Ingress.Stage[] ingress = Ingress.chain(this);

    private static boolean validRtp(byte[] buf, int off, int len) {
        try {
            RtpPacket.validate(buf, off, len);
            return true;
        } catch (parley.media.rtp.RtpException e) {
            return false;
        }
    }

    /** Registers an SSRC (primary or RTX) for a producer's layer; also used for SDP a=ssrc lines. */
    Layer.SsrcRoute bindSsrc(Producer p, int layer, long ssrc, boolean rtx) {
        return ssrcRoutes.bind(p, layer, ssrc, rtx);
    }

    @Override
    public void onRtcp(byte[] buf, int off, int len, long nowMs) {
        if (!closed) rtcp.onRtcp(buf, off, len, nowMs);
    }

    @Override
    public void onClosed(String reason) {
        router.onPeerFailed(this, reason);
    }

    /** Sends a PLI for one of this peer's incoming SSRCs. */
    void sendPli(long mediaSsrc) {
        rtcp.sendPli(mediaSsrc);
        counters().keyframeRequestsRelayed.increment();
    }

    /** Slots are planned and layers allocated a few times a second, not per 10 ms tick. */
    static final long PLAN_INTERVAL_MS = 200;
    private long nextPlanMs;
    /** What the receiver shows (null until its first view: the default view). */
    private View view;

    /** The receiver's current view, or null (tests, metrics). */
    public View view() {
        return view;
    }
    /** Video slots in recv order, and in priority order after the last plan; audio slots in recv order. */
    private final List<Consumer> videoSlots = new ArrayList<>();
    private final List<Consumer> audioSlots = new ArrayList<>();
    List<Consumer> videoPriority = List.of();
    private boolean slotsChanged;
    /** Transport-wide sequence number of the next packet we send (congestion control). */
    private int transportSeq;
    private final DownlinkControl downlink = new DownlinkControl();

    void tick(long nowMs) {
        if (transport != null) transport.tick(nowMs);
        if (!isConnected()) return;
        rtcp.tick(nowMs);
    }

    /** Plans this receiver's video slots from its view and allocates layers within its bandwidth. */
    void plan(long nowMs, String speakerId) {
        if (videoSlots.isEmpty()) return;
        var wanted = ViewPlanner.wanted(this, view, router.producers(), speakerId, videoSlots.size());
        videoPriority = ViewPlanner.assign(videoSlots, wanted, nowMs);
        downlink.allocate(this, nowMs);
        for (Consumer c : videoSlots) c.tick(nowMs);
    }

    boolean planDue(long nowMs) {
        if (nowMs < nextPlanMs) return false;
        nextPlanMs = nowMs + PLAN_INTERVAL_MS;
        return true;
    }

    /** Plan again at the next tick (the view or the room's tracks changed). */
    void planSoon() {
        nextPlanMs = 0;
    }

    /** A slot started carrying another producer (or none): the receiver gets a forwarding message. */
    void slotChanged() {
        slotsChanged = true;
    }

    /** Whether slots changed since the last call (and so a forwarding message is due). */
    boolean takeSlotsChanged() {
        boolean c = slotsChanged;
        slotsChanged = false;
        return c;
    }

    int nextTransportSeq() {
        return transportSeq = (transportSeq + 1) & 0xffff;
    }

    /** Sends one RTP packet written by a consumer into {@link #scratch()} (encrypted in place). */
    void send(byte[] out, int len, long nowMs) {
        transport.sendRtp(out, 0, len);
        downlink.onSent(transportSeq, len, nowMs);
    }

    void dropConsumer(Consumer c) {
        consumersByMid.remove(c.mid(), c);
        videoSlots.remove(c);
        audioSlots.remove(c);
        consumersBySsrc.remove(c.ssrc());
        if (c.rtxSsrc() >= 0) consumersBySsrc.remove(c.rtxSsrc());
        if (transport != null) {
            // Frees their SRTP state: a long meeting would otherwise fill the context's SSRC table.
            transport.forgetOutgoingSsrc(c.ssrc());
            if (c.rtxSsrc() >= 0) transport.forgetOutgoingSsrc(c.rtxSsrc());
        }
        c.release();
        slotChanged();
    }

    void addConsumer(Consumer c) {
        consumersByMid.put(c.mid(), c);
        consumersBySsrc.put(c.ssrc(), c);
        if (c.rtxSsrc() >= 0) consumersBySsrc.put(c.rtxSsrc(), c);
        (c.video() ? videoSlots : audioSlots).add(c);
        slotChanged();
        planSoon();
    }

    void forgetProducer(Producer p) {
        producersByMid.remove(p.mid(), p);
        ssrcRoutes.forget(p);
    }

    List<Producer> producers() {
        return new ArrayList<>(producersByMid.values());
    }

    void close() {
        if (closed) return;
        closed = true;
        if (transport != null) transport.close();
    }

    Router router() {
        return router;
    }

    long localSsrc() {
        return localSsrc;
    }

    Map<String, Producer> producersByMid() {
        return producersByMid;
    }

    Map<String, Consumer> consumersByMid() {
        return consumersByMid;
    }

    LongMap<Consumer> consumersBySsrc() {
        return consumersBySsrc;
    }

    SsrcRoutes ssrcRoutes() {
        return ssrcRoutes;
    }

    RtcpSender rtcp() {
        return rtcp;
    }

    TwccRecorder twcc() {
        return twcc;
    }

    boolean holdForwarding() {
        return holdForwarding;
    }

    void holdForwarding(boolean value) {
        this.holdForwarding = value;
    }

    void view(View value) {
        this.view = value;
    }

    List<Consumer> audioSlots() {
        return audioSlots;
    }

    DownlinkControl downlink() {
        return downlink;
    }

    IncomingExtensions extensions() {
        return extensions;
    }
}
