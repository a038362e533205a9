package parley.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import parley.e2e.LogCapture;
import parley.e2e.Poll;

/**
 * The front door on loopback under abuse: slow request heads and unfinished handshakes are
 * cut at the deadline, one address cannot hold more than its share of connections while
 * another address is served, and at the overall connection cap the server keeps serving who
 * is connected, logs nothing, and takes newcomers again once there is room. 127.0.0.2 is a
 * second client address (Linux routes all of 127/8 to loopback).
 */
class FrontDoorTest {
    static final InetAddress HOME = address("127.0.0.1");
    static final InetAddress NEIGHBOUR = address("127.0.0.2");
    static final Duration HEAD_TIMEOUT = Duration.ofSeconds(2);

    @TempDir
    Path temp;

    static InetAddress address(String literal) {
        return InetAddress.ofLiteral(literal);
    }

    /** With the 2 s head deadline. */
    static ConnectionLimits limits(int maxConnections, int perAddress) {
        return new ConnectionLimits(HEAD_TIMEOUT, maxConnections, perAddress, 200, 10);
    }

    /** With the default deadline, so that idle connections the test holds are not cut meanwhile. */
    static ConnectionLimits holding(int maxConnections, int perAddress) {
        return new ConnectionLimits(ConnectionLimits.REQUEST_HEAD_TIMEOUT, maxConnections, perAddress, 200, 10);
    }

    @Test
    void aSlowRequestHeadIsCutAtTheDeadline() throws Exception {
        try (TestSite site = TestSite.https(temp, limits(1000, 0))) {
            long start = System.nanoTime(); // the deadline runs from the connection's opening
            SSLSocket socket = site.tlsSocket(HOME);
            socket.startHandshake();
            socket.setSoTimeout(200);
            socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: localhost\r\n".getBytes(StandardCharsets.US_ASCII));
            // One more header line every 200 ms keeps an idle timeout forever at bay (slowloris
            // does it every 40 s against a 60 s idle timeout); the head deadline does not restart.
            boolean closed = false;
            for (int i = 0; !closed && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(15); i++) {
                closed = sendAndSeeClosed(socket, "X-Slow-" + i + ": 1\r\n");
            }
            long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            socket.close();
            assertTrue(closed, "the slow connection is still open after 15 s");
            assertTrue(elapsedMs >= HEAD_TIMEOUT.toMillis() - 100 && elapsedMs < HEAD_TIMEOUT.toMillis() + 3000,
                    "closed after " + elapsedMs + " ms (expected: at the 2 s deadline)");
            assertTrue(site.server.refusals().get("request-head-timeouts") >= 1, site.server.refusals().toString());
        }
    }

    /** Writes a line, then waits up to the read timeout for the server's close. */
    private static boolean sendAndSeeClosed(Socket socket, String line) {
        try {
            socket.getOutputStream().write(line.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return socket.getInputStream().read() == -1;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    @Test
    void anUnfinishedTlsHandshakeIsCutAtTheDeadline() throws Exception {
        try (TestSite site = TestSite.https(temp, limits(1000, 0));
                Socket socket = new Socket(InetAddress.getLoopbackAddress(), site.server.port())) {
            socket.setSoTimeout(15_000);
            long start = System.nanoTime();
            socket.getOutputStream().write(0x16); // the first byte of a TLS record, and then nothing
            socket.getOutputStream().flush();
            int read;
            try {
                read = socket.getInputStream().read();
            } catch (IOException e) {
                read = -1;
            }
            long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertEquals(-1, read);
            assertTrue(elapsedMs >= HEAD_TIMEOUT.toMillis() - 100 && elapsedMs < HEAD_TIMEOUT.toMillis() + 3000,
                    "closed after " + elapsedMs + " ms (expected: at the 2 s deadline)");
        }
    }

    @Test
    void aWebSocketOutlivesTheHeadDeadline() throws Exception {
        try (TestSite site = TestSite.https(temp, limits(1000, 0))) {
            TestSite.ClientSocket ws = site.connect("Origin", site.origin());
            // Proving that nothing happens needs the time to pass: twice the deadline.
            Thread.sleep(2 * HEAD_TIMEOUT.toMillis());
            ws.session.sendText("still here", org.eclipse.jetty.websocket.api.Callback.NOOP);
            assertEquals("still here", ws.next());
            assertEquals(0L, site.server.refusals().get("request-head-timeouts"));
        }
    }

    @Test
    void oneAddressGetsItsCapAndAnotherIsStillServed() throws Exception {
        try (TestSite site = TestSite.https(temp, holding(1000, 4))) {
            List<SSLSocket> held = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                SSLSocket s = site.tlsSocket(HOME);
                s.startHandshake();
                held.add(s);
            }
            try (SSLSocket fifth = site.tlsSocket(HOME)) {
                assertThrows(IOException.class, fifth::startHandshake, "the fifth connection from one address is closed");
            }
            assertEquals("HTTP/1.1 200 OK", site.statusLine(NEIGHBOUR, healthz()));
            assertTrue(site.server.refusals().get("connections-over-address-cap") >= 1);
            held.remove(0).close();
            Poll.until("a place for 127.0.0.1 again", Duration.ofSeconds(10), () -> {
                try {
                    return "HTTP/1.1 200 OK".equals(site.statusLine(HOME, healthz()));
                } catch (IOException e) {
                    return false;
                }
            });
            for (SSLSocket s : held) s.close();
        }
    }

    @Test
    void atTheConnectionCapTheConnectedAreServedAndNewcomersWaitQuietly() throws Exception {
        try (LogCapture logs = LogCapture.start(); TestSite site = TestSite.https(temp, holding(5, 0))) {
            TestSite.ClientSocket ws = site.connect("Origin", site.origin());
            List<SSLSocket> idle = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                SSLSocket s = site.tlsSocket(HOME);
                s.startHandshake();
                idle.add(s);
            }
            // A sixth: the kernel completes its TCP handshake, but Parley does not accept it yet.
            CompletableFuture<String> newcomer = CompletableFuture.supplyAsync(() -> {
                try {
                    return site.statusLine(NEIGHBOUR, healthz());
                } catch (IOException e) {
                    return e.toString();
                }
            });
            ws.session.sendText("served at the cap", org.eclipse.jetty.websocket.api.Callback.NOOP);
            assertEquals("served at the cap", ws.next());
            assertTrue(!newcomer.isDone(), "the newcomer waits while the server is at its cap");
            for (SSLSocket s : idle) s.close();
            assertEquals("HTTP/1.1 200 OK", newcomer.get(15, TimeUnit.SECONDS));
            assertTrue(logs.lines().stream().noneMatch(l -> l.startsWith("WARN") || l.startsWith("ERROR")),
                    "nothing logged at WARN or above:\n" + logs.tail(20));
        }
    }

    static String healthz() {
        return "GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
    }

    /** A raw WebSocket upgrade of /ws; the response's status line and headers, lower-cased names. */
    static String upgrade(Socket socket, String host, String origin) throws IOException {
        String request = "GET /ws HTTP/1.1\r\nHost: " + host + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                + (origin == null ? "" : "Origin: " + origin + "\r\n") + "\r\n";
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
        StringBuilder head = new StringBuilder();
        for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
            head.append(line).append('\n');
        }
        return head.toString();
    }
}
