package parley.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** SIP over TCP on a real port: the same port number as UDP, framing, replies on the connection, limits. */
class SipTcpTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private SipServer server;
    private final List<Socket> sockets = new ArrayList<>();

    private void start(String allow) throws IOException {
        server = new SipServer(new SipConfig(new InetSocketAddress(LOOPBACK, 0), LOOPBACK,
                TrunkAllowList.of(List.of(allow)), List.of()), pin -> Optional.empty(), InstantSource.system()).start();
    }

    @AfterEach
    void stop() throws IOException {
        for (Socket s : sockets) s.close();
        if (server != null) server.close();
    }

    private Socket connect() throws IOException {
        Socket s = new Socket(LOOPBACK, server.port());
        s.setSoTimeout(5000);
        sockets.add(s);
        return s;
    }

    private static void write(Socket s, String text) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** The next message on the stream, framed by its Content-Length; null at the end of the stream. */
    private static SipMessage read(Socket s) throws IOException, SipException {
        InputStream in = s.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) return null;
            if (head.isEmpty() && (c == '\r' || c == '\n')) continue;
            head.append((char) c);
        }
        int length = StreamFramer.contentLength(head.toString());
        byte[] body = in.readNBytes(length);
        byte[] all = (head + new String(body, StandardCharsets.ISO_8859_1)).getBytes(StandardCharsets.ISO_8859_1);
        return SipParser.parse(all);
    }

    private static String overTcp(String message) {
        return message.replace("SIP/2.0/UDP", "SIP/2.0/TCP");
    }

    @Test
    void requestsInPiecesAndTogetherAreAnsweredOnTheirConnection() throws Exception {
        start("127.0.0.1");
        Socket trunk = connect();
        String invite = overTcp(SipFixtures.invite("z9hG4bKt1", "tcp-1",
                SipFixtures.SDP_OFFER.replace("192.0.2.10", "127.0.0.1")));
        write(trunk, invite.substring(0, 100));
        Thread.sleep(50); // a real gap between two segments: the framer must wait for the rest
        write(trunk, invite.substring(100) + "\r\n\r\n" + overTcp(SipFixtures.OPTIONS));
        assertEquals(100, read(trunk).status());
        SipMessage ok = read(trunk);
        assertEquals(200, ok.status());
        assertTrue(ok.header("Contact").orElseThrow().contains(";transport=tcp"), "the dialog stays on TCP");
        assertTrue(ok.topVia().startsWith("SIP/2.0/TCP"));
        SipMessage options;
        do options = read(trunk); while (options.status() == 200 && options.cseqMethod().equals("INVITE")); // a 2xx retransmitted before its ACK
        assertEquals("OPTIONS", options.cseqMethod());
        assertEquals(200, options.status());
        write(trunk, overTcp(SipFixtures.inDialog("BYE", "z9hG4bKtb", "tcp-1", 2, ok.tag("To").orElseThrow(), null, "")));
        SipMessage bye;
        do bye = read(trunk); while (!bye.cseqMethod().equals("BYE"));
        assertEquals(200, bye.status());
        assertEquals(1, server.stats().tcpConnections());
    }

    @Test
    void badFramingIsAnsweredCountedAndClosed() throws Exception {
        start("127.0.0.1");
        Socket trunk = connect();
        write(trunk, overTcp(SipFixtures.OPTIONS.replace("Content-Length: 0\r\n", "")));
        SipMessage bad = read(trunk);
        assertEquals(400, bad.status());
        assertEquals(null, read(trunk), "the connection is closed: the stream cannot be resynchronised");
        Socket big = connect();
        write(big, "OPTIONS sip:x SIP/2.0\r\nX: " + "a".repeat(SipParser.MAX_MESSAGE + 10));
        assertEquals(null, readQuietly(big), "over the message limit: closed");
        poll(() -> server.stats().tcpBadFraming() == 2 && server.stats().tcpConnections() == 0);
    }

    @Test
    void strangersAndTooManyConnectionsAreClosed() throws Exception {
        start("192.0.2.0/24");
        Socket stranger = connect();
        write(stranger, overTcp(SipFixtures.OPTIONS));
        assertEquals(null, readQuietly(stranger), "an address not allowed: closed without a word");
        poll(() -> server.stats().forbidden() == 1);
        server.close();
        start("127.0.0.1");
        List<Socket> mine = new ArrayList<>();
        for (int i = 0; i < TcpLinks.MAX_PER_ADDRESS; i++) mine.add(connect());
        poll(() -> server.stats().tcpConnections() == TcpLinks.MAX_PER_ADDRESS);
        Socket oneTooMany = connect();
        assertEquals(null, readQuietly(oneTooMany));
        assertEquals(1, server.stats().tcpRefused());
        write(mine.get(0), overTcp(SipFixtures.OPTIONS));
        assertEquals(200, read(mine.get(0)).status(), "the others still work");
    }

    /** Reads one message; null when the server closed the connection (or reset it). */
    private static SipMessage readQuietly(Socket s) throws SipException {
        try {
            return read(s);
        } catch (IOException e) {
            return null;
        }
    }

    private static void poll(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("condition not met within 10 s");
            Thread.sleep(10);
        }
    }
}
