package parley.sip;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import parley.audio.TelephoneEvent;

/**
 * A SIP trunk played by a test, on loopback: sends an INVITE from a caller's number with a
 * PCMU + telephone-event offer, ACKs, types keys as RFC 4733 events on its RTP socket, and
 * reads what Parley sends. Public for tests in other packages.
 */
public final class TestTrunk implements AutoCloseable {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private final DatagramSocket sip, media;
    private final int serverPort;
    private final String callId;
    private String toTag;
    private int rtpPort;
    private int eventTs = 1000;

    public TestTrunk(int serverPort, String callId) throws IOException {
        this.serverPort = serverPort;
        this.callId = callId;
        sip = new DatagramSocket(0, LOOPBACK);
        sip.setSoTimeout(10_000);
        media = new DatagramSocket(0, LOOPBACK);
        media.setSoTimeout(10_000);
    }

    public void send(String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        sip.send(new DatagramPacket(b, b.length, LOOPBACK, serverPort));
    }

    /** The next SIP message Parley sends (a response or a request). */
    public SipMessage receive() throws IOException, SipException {
        byte[] b = new byte[SipParser.MAX_MESSAGE];
        DatagramPacket p = new DatagramPacket(b, b.length);
        sip.receive(p);
        return SipParser.parse(b, 0, p.getLength());
    }

    /** Calls in from {@code number}; returns the final response (200 with the answer, or the refusal). */
    public SipMessage call(String number) throws IOException, SipException {
        String offer = SipFixtures.SDP_OFFER.replace("192.0.2.10", "127.0.0.1").replace("40000", Integer.toString(media.getLocalPort()));
        send(SipFixtures.invite("z9hG4bK" + callId, callId, offer).replace("+4930123456", number));
        SipMessage m;
        do m = receive(); while (m.isRequest() || m.status() < 200);
        if (m.status() == 200) {
            toTag = m.tag("To").orElseThrow();
            String sdp = new String(m.body(), StandardCharsets.US_ASCII);
            int i = sdp.indexOf("m=audio ") + 8;
            rtpPort = Integer.parseInt(sdp.substring(i, sdp.indexOf(' ', i)));
            send(SipFixtures.inDialog("ACK", "z9hG4bKack" + callId, callId, 1, toTag, null, ""));
        }
        return m;
    }

    /** Types {@code keys} as RFC 4733 events (five packets each, the last with E set). */
    public void type(String keys) throws IOException {
        for (char k : keys.toCharArray()) {
            int event = k == '#' ? 11 : k == '*' ? 10 : k - '0';
            for (int d = 160; d <= 800; d += 160) {
                byte[] b = new byte[16];
                Rtp.writeHeader(b, 101, d == 160, eventTs + d, eventTs, 42);
                new TelephoneEvent(event, d == 800, 10, d).write(b, 12);
                media.send(new DatagramPacket(b, b.length, LOOPBACK, rtpPort));
            }
            eventTs += 1600;
        }
    }

    /**
     * Records what Parley sends the caller for {@code millis}: the PCMU payloads of its RTP
     * packets, decoded to 8 kHz samples in arrival order.
     */
    public short[] listen(long millis) throws IOException {
        java.io.ByteArrayOutputStream ulaw = new java.io.ByteArrayOutputStream();
        long end = System.nanoTime() + millis * 1_000_000;
        byte[] b = new byte[1500];
        while (System.nanoTime() < end) {
            DatagramPacket p = new DatagramPacket(b, b.length);
            media.receive(p);
            int off = Rtp.payloadOffset(b, p.getLength());
            if (off >= 0 && Rtp.payloadType(b) == 0) ulaw.write(b, off, p.getLength() - off);
        }
        byte[] codes = ulaw.toByteArray();
        short[] pcm = new short[codes.length];
        parley.audio.G711.decode(false, codes, 0, pcm, 0, codes.length);
        return pcm;
    }

    /** Plays a sine of {@code hz} as the caller's voice (PCMU, 20 ms packets) until the handle is closed. */
    public AutoCloseable playTone(int hz) {
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        Thread t = Thread.ofPlatform().daemon().name("trunk-tone").start(() -> {
            byte[] b = new byte[Rtp.HEADER + 160];
            short[] pcm = new short[160];
            long start = System.nanoTime();
            for (int frame = 0; !stop.get(); frame++) {
                for (int i = 0; i < 160; i++) pcm[i] = (short) (8000 * Math.sin(2 * Math.PI * hz * (frame * 160 + i) / 8000.0));
                Rtp.writeHeader(b, 0, frame == 0, 20_000 + frame, frame * 160, 4242);
                parley.audio.G711.encode(false, pcm, 0, b, Rtp.HEADER, 160);
                try {
                    media.send(new DatagramPacket(b, b.length, LOOPBACK, rtpPort));
                    long due = start + (frame + 1) * 20_000_000L; // real-time pacing, as a phone sends
                    long wait = due - System.nanoTime();
                    if (wait > 0) Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                } catch (IOException | InterruptedException e) {
                    return;
                }
            }
        });
        return () -> {
            stop.set(true);
            t.join(2000);
        };
    }

    /** Waits for Parley's next request (BYE), answering it 200. */
    public SipMessage awaitRequest() throws IOException, SipException {
        SipMessage m;
        do m = receive(); while (!m.isRequest());
        send(new String(m.respond(200, "OK", null).encode(), StandardCharsets.UTF_8));
        return m;
    }

    public void hangUp() throws IOException {
        send(SipFixtures.inDialog("BYE", "z9hG4bKbye" + callId, callId, 2, toTag, null, ""));
    }

    @Override
    public void close() {
        sip.close();
        media.close();
    }
}
