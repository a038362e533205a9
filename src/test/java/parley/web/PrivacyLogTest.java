package parley.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jetty.websocket.api.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * With logging as shipped (logback.xml: root INFO, Jetty WARN), nothing that happens while
 * clients at 127.0.0.1 use and misuse the server leaves their address in a log event.
 */
class PrivacyLogTest {
    @TempDir
    Path temp;
    final ListAppender<ILoggingEvent> captured = new ListAppender<>();
    Logger root;

    @BeforeEach
    void capture() {
        root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        captured.start();
        root.addAppender(captured);
    }

    @AfterEach
    void release() {
        root.detachAppender(captured);
    }

    @Test
    void noClientAddressInAnyLogEvent() throws Exception {
        try (TestSite site = TestSite.https(temp)) {
            site.get("/");
            site.get("/some-room");
            site.get("/nothing.here");
            site.raw("/../etc/passwd");
            site.raw("/%00");
            TestSite.ClientSocket ws = site.connect("Origin", site.origin());
            ws.session.sendText("hello", Callback.NOOP);
            ws.next();
            ws.session.sendBinary(ByteBuffer.wrap(new byte[] {1}), Callback.NOOP);
            ws.closeCode();
            TestSite.ClientSocket big = site.connect();
            big.session.sendText("x".repeat(2 << 20), Callback.NOOP);
            big.closeCode();
            assertThrows(Exception.class, () -> site.connect("Origin", "https://evil.example"));
            plainTextToTlsPort(site.server.port());
            garbageBytes(site.server.port());
        }
        try (TestSite failing = TestSite.https(temp.resolve("b"), out -> {
            throw new IllegalStateException("acceptor failed");
        })) {
            assertEquals(1011, failing.connect().closeCode());
        }
        List<String> lines = captured.list.stream().map(PrivacyLogTest::render).toList();
        assertTrue(lines.stream().anyMatch(l -> l.contains("acceptor failed")), "the capture works: " + lines);
        for (String line : lines) {
            assertFalse(line.contains("127.0.0.1"), line);
            assertFalse(line.contains("0:0:0:0:0:0:0:1"), line);
        }
    }

    /** A client speaking HTTP to the HTTPS port: a failed TLS handshake. */
    private static void plainTextToTlsPort(int port) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            s.getInputStream().readAllBytes();
        } catch (java.io.IOException expected) {
            // reset by the server
        }
    }

    /** Random bytes where a TLS ClientHello belongs. */
    private static void garbageBytes(int port) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(5000);
            s.getOutputStream().write(new byte[] {0x16, 3, 1, 0, 5, 1, 2, 3, 4, 5, 6, 7, 8});
            s.getInputStream().readAllBytes();
        } catch (java.io.IOException expected) {
            // reset by the server
        }
    }

    private static String render(ILoggingEvent e) {
        String throwable = e.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(e.getThrowableProxy());
        return e.getLevel() + " " + e.getLoggerName() + " " + e.getFormattedMessage() + " " + throwable;
    }
}
