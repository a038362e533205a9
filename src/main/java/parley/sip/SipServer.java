package parley.sip;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import parley.audio.PinThrottle;

/**
 * The SIP user agent server over UDP and TCP (the same port number; {@link TcpLinks}): one thread
 * runs the SIP sockets, every call's RTP socket and the 20 ms media clock. It answers OPTIONS; takes INVITE with an SDP offer from an allowed
 * trunk (403 otherwise, 488 without G.711) with 100 then 200 and an answer; ACK, BYE, CANCEL,
 * and INFO with DTMF ({@code application/dtmf-relay} or {@code application/dtmf}); 405 for other
 * methods; 400 for what does not parse. Logs hold counts only, never a number or an address.
 */
public final class SipServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("parley.sip");
    private static final long FRAME_MS = 20;
    private static final String ALLOW = "INVITE, ACK, BYE, CANCEL, OPTIONS, INFO";

    /** Counters, for the log and tests. */
    public record Stats(long malformed, long forbidden, long calls, long wrongPins, int active, long tcpBadFraming, long tcpRefused,
                        int tcpConnections) {}

    private final SipConfig config;
    private final DialIn dialIn;
    private final InstantSource clock;
    private final DatagramChannel sip;
    private final Selector selector;
    private final TcpLinks tcp;
    private final Transactions transactions;
    private final PinThrottle throttle;
    private final Map<String, PhoneCall> calls = new HashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final ByteBuffer in = ByteBuffer.allocate(SipParser.MAX_MESSAGE + 1);
    private final AtomicLong malformed = new AtomicLong(), forbidden = new AtomicLong(), accepted = new AtomicLong(),
            wrongPins = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile int active, tcpConnections;

    public SipServer(SipConfig config, DialIn dialIn, InstantSource clock) throws IOException {
        this.config = config;
        this.dialIn = dialIn;
        this.clock = clock;
        this.throttle = new PinThrottle(PinThrottle.Limits.defaults(), clock);
        this.selector = Selector.open();
        DatagramChannel udp = null;
        TcpLinks links = null;
        // Port 0: the UDP port the system picks may be taken on TCP; a few more picks find one free on both.
        for (int attempt = 0; links == null; attempt++) {
            udp = DatagramChannel.open(config.bind().getAddress().getAddress().length == 4
                    ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6);
            udp.bind(config.bind());
            int port = ((InetSocketAddress) udp.getLocalAddress()).getPort();
            try {
                links = new TcpLinks(new InetSocketAddress(config.bind().getAddress(), port), selector, config.allow(), tcpReceiver());
            } catch (IOException e) {
                udp.close();
                if (config.bind().getPort() != 0 || attempt == 9) throw e;
            }
        }
        this.sip = udp;
        this.tcp = links;
        sip.configureBlocking(false);
        sip.register(selector, SelectionKey.OP_READ);
        this.transactions = new Transactions(this::send, this::ackTimedOut);
        this.thread = Thread.ofPlatform().name("sip").daemon().unstarted(this::run);
    }

    private TcpLinks.Receiver tcpReceiver() {
        return new TcpLinks.Receiver() {
            @Override
            public void receive(byte[] message, int len, InetSocketAddress from, long nowMs) {
                handle(message, len, from, nowMs);
            }

            @Override
            public void badFraming(SipException e, byte[] pending, InetSocketAddress from) {
                answerMalformed(e, pending, pending.length, from);
            }
        };
    }

    public SipServer start() {
        thread.start();
        LOG.info("SIP dial-in listening on UDP and TCP port {}", port());
        return this;
    }

    public int port() {
        try {
            return ((InetSocketAddress) sip.getLocalAddress()).getPort();
        } catch (IOException e) {
            return -1;
        }
    }

    public Stats stats() {
        return new Stats(malformed.get(), forbidden.get() + tcp.forbidden.get(), accepted.get(), wrongPins.get(), active,
                tcp.badFraming.get(), tcp.refused.get(), tcpConnections);
    }

    private void run() {
        long next = clock.millis() + FRAME_MS;
        while (running) {
            try {
                selector.select(Math.max(1, next - clock.millis()));
                for (SelectionKey k : selector.selectedKeys()) {
                    switch (k.attachment()) {
                        case PhoneCall call -> call.receive();
                        case TcpLinks links -> links.accept(clock.millis());
                        case TcpLinks.Link link -> tcp.ready(k, link, clock.millis());
                        case null, default -> receiveSip();
                    }
                }
                tcpConnections = tcp.size();
                selector.selectedKeys().clear();
                long now = clock.millis();
                if (now >= next) {
                    next = now - next > 200 ? now + FRAME_MS : next + FRAME_MS;
                    tick(now);
                }
            } catch (IOException | RuntimeException e) {
                if (running) LOG.warn("SIP thread: {}", e.getClass().getSimpleName()); // no addresses or numbers
            }
        }
    }

    private void receiveSip() throws IOException {
        while (true) {
            in.clear();
            if (!(sip.receive(in) instanceof InetSocketAddress from)) return;
            handle(in.array(), in.position(), from, clock.millis());
        }
    }

    void handle(byte[] b, int len, InetSocketAddress from, long now) {
        if (len < 4 || b[0] == '\r') return; // keep-alive CRLFs (RFC 5626) and stray bytes
        if (!config.allow().allows(from.getAddress())) {
            forbidden.incrementAndGet();
            try {
                SipMessage m = SipParser.parse(b, 0, len);
                if (m.isRequest() && !m.method().equals("ACK")) send(m.respond(403, "Forbidden", tag()).encode(), from);
            } catch (SipException e) {
                // not even SIP: nothing to answer
            }
            return;
        }
        SipMessage m;
        try {
            m = SipParser.parse(b, 0, len);
        } catch (SipException e) {
            malformed.incrementAndGet();
            answerMalformed(e, b, len, from);
            return;
        }
        try {
            if (!m.isRequest()) {
                transactions.receiveResponse(m);
                return;
            }
            if (!transactions.receive(m, from, now)) return;
            request(m, from, now);
        } catch (SipException e) {
            if (m.isRequest() && !m.method().equals("ACK")) {
                transactions.respond(m, m.respond(e.status(), reason(e.status()), tag()), from, now);
            }
        }
    }

    /** A 400 or 513 to a request that did not parse, when its Via and the other headers a response needs can be read. */
    private void answerMalformed(SipException e, byte[] b, int len, InetSocketAddress from) {
        List<SipMessage.Header> h = SipParser.salvage(b, 0, len);
        boolean request = !new String(b, 0, Math.min(len, 8), java.nio.charset.StandardCharsets.ISO_8859_1).startsWith("SIP/");
        if (!h.isEmpty() && request) {
            send(new SipMessage(null, null, e.status(), reason(e.status()), h, null).respond(e.status(), reason(e.status()), null).encode(), from);
        }
    }

    private void request(SipMessage m, InetSocketAddress from, long now) throws SipException {
        PhoneCall call = calls.get(m.callId());
        switch (m.method()) {
            case "OPTIONS" -> transactions.respond(m, m.respond(200, "OK", tag(), List.of(
                    new SipMessage.Header("Allow", ALLOW), new SipMessage.Header("Accept", "application/sdp")), null), from, now);
            case "INVITE" -> {
                if (call != null) throw new SipException(491, "re-INVITE"); // no re-negotiation mid-call
                invite(m, from, now);
            }
            case "ACK" -> { } // the 2xx's retransmission stopped in Transactions
            case "BYE" -> {
                if (call == null) throw new SipException(481, "no such call");
                transactions.respond(m, m.respond(200, "OK", null), from, now);
                endCall(call, false, now);
            }
            case "CANCEL" -> {
                // Parley answers every INVITE at once, so a CANCEL always comes too late (RFC 3261 9.2)
                transactions.respond(m, m.respond(call == null ? 481 : 200, call == null ? "Call/Transaction Does Not Exist" : "OK", null), from, now);
            }
            case "INFO" -> {
                if (call == null) throw new SipException(481, "no such call");
                dtmfInfo(m).ifPresent(call::key);
                transactions.respond(m, m.respond(200, "OK", null), from, now);
            }
            default -> transactions.respond(m, m.respond(405, "Method Not Allowed", tag(),
                    List.of(new SipMessage.Header("Allow", ALLOW)), null), from, now);
        }
    }

    private void invite(SipMessage m, InetSocketAddress from, long now) throws SipException {
        if (calls.size() >= SipConfig.MAX_CALLS) throw new SipException(486, "busy");
        if (!"application/sdp".equalsIgnoreCase(m.header("Content-Type").orElse("").split(";")[0].strip())) {
            throw new SipException(488, "no SDP offer");
        }
        PhoneSdp.Offer offer = PhoneSdp.parseOffer(m.body());
        PhoneSdp.Choice choice = PhoneSdp.choose(offer);
        transactions.respond(m, m.respond(100, "Trying", null), from, now);
        DatagramChannel rtp;
        try {
            rtp = DatagramChannel.open();
            rtp.bind(new InetSocketAddress(config.bind().getAddress(), 0));
            rtp.configureBlocking(false);
        } catch (IOException e) {
            throw new SipException(503, "no RTP port");
        }
        String localTag = tag();
        String localHost = hostPort(config.announced().getHostAddress(), port());
        boolean overTcp = tcp.isLink(from);
        Dialog dialog = new Dialog(m.callId(), m.required("From"), m.required("To") + ";tag=" + localTag,
                Dialog.contactUri(m.header("Contact").orElse(null), "sip:" + hostPort(from.getAddress().getHostAddress(), from.getPort())),
                from, localHost, overTcp);
        String caller = SipMessage.user(m.required("From"));
        String trunk = from.getAddress().getHostAddress();
        PhoneCall.Pins pins = new PhoneCall.Pins() {
            @Override
            public boolean mayTry() {
                return throttle.mayTry(caller, trunk);
            }

            @Override
            public Optional<DialIn.PhoneSeat> check(String pin) {
                Optional<DialIn.PhoneSeat> seat = dialIn.admit(pin);
                if (seat.isPresent()) throttle.succeeded(caller);
                else {
                    throttle.failed(caller, trunk);
                    wrongPins.incrementAndGet();
                }
                return seat;
            }
        };
        PhoneCall call = new PhoneCall(dialog, rtp, offer, choice, pins, clock, random.nextInt());
        try {
            rtp.register(selector, SelectionKey.OP_READ, call);
            int rtpPort = ((InetSocketAddress) rtp.getLocalAddress()).getPort();
            byte[] answer = PhoneSdp.answer(choice, config.announced(), rtpPort, random.nextLong() & Long.MAX_VALUE);
            calls.put(m.callId(), call);
            active = calls.size();
            accepted.incrementAndGet();
            transactions.respond(m, m.respond(200, "OK", localTag, List.of(
                    new SipMessage.Header("Contact", "<sip:parley@" + localHost + (overTcp ? ";transport=tcp" : "") + ">"),
                    new SipMessage.Header("Allow", ALLOW),
                    new SipMessage.Header("Content-Type", "application/sdp")), answer), from, now);
            LOG.info("phone call answered ({} active)", calls.size());
        } catch (IOException e) {
            call.end();
            throw new SipException(503, "no RTP port");
        }
    }

    /** The key of a SIP INFO: {@code Signal=5} (application/dtmf-relay) or {@code 5} (application/dtmf). */
    static Optional<Character> dtmfInfo(SipMessage m) {
        String type = m.header("Content-Type").orElse("").split(";")[0].strip().toLowerCase(Locale.ROOT);
        String body = new String(m.body(), java.nio.charset.StandardCharsets.ISO_8859_1).strip();
        String key = null;
        if (type.equals("application/dtmf-relay")) {
            for (String line : body.split("\r?\n")) {
                int eq = line.indexOf('=');
                if (eq > 0 && line.substring(0, eq).strip().equalsIgnoreCase("Signal")) key = line.substring(eq + 1).strip();
            }
        } else if (type.equals("application/dtmf")) {
            key = body;
        }
        if (key == null || key.length() != 1 || "0123456789*#ABCD".indexOf(key.charAt(0)) < 0) return Optional.empty();
        return Optional.of(key.charAt(0));
    }

    private void tick(long now) throws IOException {
        transactions.tick(now);
        tcp.tick(now);
        for (PhoneCall call : new ArrayList<>(calls.values())) {
            try {
                call.tick();
            } catch (IOException e) {
                // the trunk's RTP port is unreachable for now: the next frame tries again
            }
            if (call.state() == PhoneCall.State.ENDED) endCall(call, true, now);
        }
    }

    private void endCall(PhoneCall call, boolean sendBye, long now) {
        calls.remove(call.dialog.callId());
        active = calls.size();
        call.end();
        if (sendBye) transactions.request(call.dialog.bye(branch(), 2), call.dialog.peer(), now);
        LOG.info("phone call ended ({} active)", calls.size());
    }

    private void ackTimedOut(String callId) {
        PhoneCall call = calls.get(callId);
        if (call != null) endCall(call, true, clock.millis());
    }

    /** On the trunk's TCP connection when the message's transaction or dialog came on one, else UDP. */
    private void send(byte[] data, InetSocketAddress to) {
        if (tcp.send(data, to)) return;
        try {
            sip.send(ByteBuffer.wrap(data), to);
        } catch (IOException e) {
            // UDP: a lost send is what retransmission is for
        }
    }

    private String tag() {
        return HexFormat.of().toHexDigits(random.nextLong());
    }

    private String branch() {
        return "z9hG4bK" + tag();
    }

    private static String hostPort(String host, int port) {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 403 -> "Forbidden";
            case 405 -> "Method Not Allowed";
            case 481 -> "Call/Transaction Does Not Exist";
            case 486 -> "Busy Here";
            case 488 -> "Not Acceptable Here";
            case 491 -> "Request Pending";
            case 503 -> "Service Unavailable";
            case 513 -> "Message Too Large";
            default -> "Error";
        };
    }

    @Override
    public void close() {
        running = false;
        selector.wakeup();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (PhoneCall c : new ArrayList<>(calls.values())) c.end();
        calls.clear();
        tcp.close();
        try {
            sip.close();
            selector.close();
        } catch (IOException e) {
            // closing at shutdown
        }
    }
}
