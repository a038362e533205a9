package parley.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import parley.audio.TelephoneEvent;

/** The SIP server on a real UDP port, driven by a trunk played by this test. */
class SipServerTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private final List<String> pinsTried = new CopyOnWriteArrayList<>();
    private final AtomicInteger framesFromCaller = new AtomicInteger();
    private final List<Integer> opusFromCaller = new CopyOnWriteArrayList<>();
    private SipServer server;
    private DatagramSocket trunk, media;

    private final DialIn rooms = pin -> {
        pinsTried.add(pin);
        if (!pin.equals("12345678")) return Optional.empty();
        return Optional.of(new DialIn.PhoneSeat() {
            public void fromCaller(short[] pcm48k) { framesFromCaller.incrementAndGet(); }
            public void fromCallerOpus(byte[] payload, int off, int len, int seq, int ts, double dbov) { opusFromCaller.add(seq); }
            public short[] toCaller() { return null; }
            public boolean ended() { return false; }
            public void leave() { }
        });
    };

    private void start(String allow) throws IOException {
        server = new SipServer(new SipConfig(new InetSocketAddress(LOOPBACK, 0), LOOPBACK,
                TrunkAllowList.of(List.of(allow)), List.of("+49 30 1234567")), rooms, InstantSource.system()).start();
        trunk = new DatagramSocket(0, LOOPBACK);
        trunk.setSoTimeout(5000);
        media = new DatagramSocket(0, LOOPBACK);
    }

    @AfterEach
    void stop() {
        if (server != null) server.close();
        if (trunk != null) trunk.close();
        if (media != null) media.close();
    }

    private void send(String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        trunk.send(new DatagramPacket(b, b.length, LOOPBACK, server.port()));
    }

    private SipMessage receive() throws IOException, SipException {
        byte[] b = new byte[SipParser.MAX_MESSAGE];
        DatagramPacket p = new DatagramPacket(b, b.length);
        trunk.receive(p);
        return SipParser.parse(b, 0, p.getLength());
    }

    /** Responses until a final one (skipping 100 and retransmissions). */
    private SipMessage finalResponse() throws IOException, SipException {
        while (true) {
            SipMessage m = receive();
            if (!m.isRequest() && m.status() >= 200) return m;
        }
    }

    private String offer() {
        return SipFixtures.SDP_OFFER.replace("192.0.2.10", "127.0.0.1").replace("40000", Integer.toString(media.getLocalPort()));
    }

    private int serverRtpPort(SipMessage ok) {
        String sdp = new String(ok.body(), StandardCharsets.US_ASCII);
        int i = sdp.indexOf("m=audio ") + 8;
        return Integer.parseInt(sdp.substring(i, sdp.indexOf(' ', i)));
    }

    private void dtmf(int port, String keys) throws IOException {
        int ts = 1000;
        for (char k : keys.toCharArray()) {
            int event = k == '#' ? 11 : k == '*' ? 10 : k - '0';
            for (int d = 160; d <= 800; d += 160) {
                byte[] b = new byte[16];
                parley.sip.Rtp.writeHeader(b, 101, d == 160, ts + d, ts, 42);
                new TelephoneEvent(event, d == 800, 10, d).write(b, 12);
                media.send(new DatagramPacket(b, b.length, LOOPBACK, port));
            }
            ts += 1600;
        }
    }

    @Test
    void callInTypeThePinAndJoin() throws Exception {
        start("127.0.0.0/8");
        send(SipFixtures.invite("z9hG4bKinv1", "call-1", offer()));
        SipMessage ok = finalResponse();
        assertEquals(200, ok.status());
        String toTag = ok.tag("To").orElseThrow();
        send(SipFixtures.inDialog("ACK", "z9hG4bKack1", "call-1", 1, toTag, null, ""));
        int rtpPort = serverRtpPort(ok);
        dtmf(rtpPort, "12345678#");
        poll(() -> pinsTried.contains("12345678"));
        byte[] frame = new byte[12 + 160];
        for (int i = 0; i < 10; i++) {
            Rtp.writeHeader(frame, 0, false, i, i * 160, 42);
            media.send(new DatagramPacket(frame, frame.length, LOOPBACK, rtpPort));
        }
        poll(() -> framesFromCaller.get() >= 5);
        media.setSoTimeout(2000);
        DatagramPacket p = new DatagramPacket(new byte[1500], 1500);
        media.receive(p);
        assertEquals(172, p.getLength(), "20 ms of PCMU to the caller");
        send(SipFixtures.inDialog("BYE", "z9hG4bKbye1", "call-1", 2, toTag, null, ""));
        assertEquals(200, finalResponse().status());
        poll(() -> server.stats().active() == 0);
    }

    @Test
    void anOpusTrunkIsAnsweredInOpusAndPassedThrough() throws Exception {
        start("127.0.0.1");
        String opusOffer = offer().replace("RTP/AVP 0 8 101", "RTP/AVP 0 107 101").replace("a=rtpmap:8 PCMA/8000", "a=rtpmap:107 opus/48000/2");
        send(SipFixtures.invite("z9hG4bKinv4", "call-4", opusOffer));
        SipMessage ok = finalResponse();
        assertTrue(new String(ok.body(), StandardCharsets.US_ASCII).contains("RTP/AVP 107 101\r\na=rtpmap:107 opus/48000/2"));
        send(SipFixtures.inDialog("ACK", "z9hG4bKack4", "call-4", 1, ok.tag("To").orElseThrow(), null, ""));
        int rtpPort = serverRtpPort(ok);
        dtmf(rtpPort, "12345678#");
        poll(() -> pinsTried.contains("12345678"));
        parley.audio.OpusStreamEncoder encoder = new parley.audio.OpusStreamEncoder(parley.audio.OpusStreamEncoder.Settings.speech());
        byte[] packet = new byte[1500];
        for (int i = 0; i < 10; i++) {
            if (i == 4) continue; // a loss on the way: its gap must reach the meeting
            int n = encoder.encode(new short[parley.audio.Pcm.FRAME_48K], 0, packet, Rtp.HEADER);
            Rtp.writeHeader(packet, 107, false, 500 + i, i * 960, 42);
            media.send(new DatagramPacket(packet, Rtp.HEADER + n, LOOPBACK, rtpPort));
        }
        poll(() -> opusFromCaller.size() >= 9);
        assertEquals(List.of(500, 501, 502, 503, 505, 506, 507, 508, 509), opusFromCaller);
        assertEquals(0, framesFromCaller.get(), "nothing decoded to PCM for the meeting");
        media.setSoTimeout(2000);
        DatagramPacket p = new DatagramPacket(new byte[1500], 1500);
        media.receive(p);
        assertEquals(107, p.getData()[1] & 0x7f, "Opus to the caller");
        short[] pcm = new short[parley.audio.OpusStreamDecoder.MAX_SAMPLES_PER_CHANNEL];
        assertEquals(960, new parley.audio.OpusStreamDecoder(1).decodePacket(p.getData(), Rtp.HEADER, p.getLength() - Rtp.HEADER, pcm));
    }

    @Test
    void wrongPinsAreRefusedThenTheCallEnds() throws Exception {
        start("127.0.0.1");
        send(SipFixtures.invite("z9hG4bKinv2", "call-2", offer()));
        SipMessage ok = finalResponse();
        String toTag = ok.tag("To").orElseThrow();
        send(SipFixtures.inDialog("ACK", "z9hG4bKack2", "call-2", 1, toTag, null, ""));
        long cseq = 2;
        for (String pin : List.of("1111", "2222", "3333")) {
            for (char k : (pin + "#").toCharArray()) {
                send(SipFixtures.inDialog("INFO", "z9hG4bKinfo" + cseq, "call-2", cseq++, toTag, "application/dtmf-relay", "Signal=" + k + "\r\nDuration=160\r\n"));
                assertEquals(200, finalResponse().status());
            }
        }
        SipMessage bye = receive();
        while (!bye.isRequest()) bye = receive();
        assertEquals("BYE", bye.method());
        assertEquals(List.of("1111", "2222", "3333"), pinsTried);
        assertEquals(3, server.stats().wrongPins());
    }

    @Test
    void strangersGet403AndGarbageGets400() throws Exception {
        start("192.0.2.0/24");
        send(SipFixtures.OPTIONS);
        assertEquals(403, finalResponse().status());
        assertEquals(1, server.stats().forbidden());
        server.close();
        start("127.0.0.1");
        send(SipFixtures.OPTIONS);
        assertEquals(200, finalResponse().status());
        send(SipFixtures.OPTIONS.replace("CSeq: 7 OPTIONS", "CSeq: x OPTIONS"));
        byte[] b = new byte[2000];
        DatagramPacket p = new DatagramPacket(b, b.length);
        trunk.receive(p);
        String bad = new String(b, 0, p.getLength(), StandardCharsets.UTF_8);
        assertTrue(bad.startsWith("SIP/2.0 400 Bad Request\r\n") && bad.contains("Call-ID: opt-1@192.0.2.10"), bad);
        send(SipFixtures.invite("z9hG4bKinv3", "call-3", "v=0\r\nc=IN IP4 127.0.0.1\r\nm=audio 4000 RTP/AVP 111\r\n"));
        assertEquals(488, finalResponse().status());
        assertEquals(1, server.stats().malformed());
    }

    private static void poll(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("condition not met within 10 s");
            Thread.sleep(10);
        }
    }

}
