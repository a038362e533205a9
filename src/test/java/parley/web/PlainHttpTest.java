package parley.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.exceptions.UpgradeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --plain-http: HTTP without HSTS, and the origin check as seen through a TLS proxy's forwarding headers. */
class PlainHttpTest {
    @TempDir
    static Path temp;
    static TestSite site;

    @BeforeAll
    static void start() throws Exception {
        site = TestSite.plainHttp(temp);
    }

    @AfterAll
    static void stop() throws Exception {
        site.close();
    }

    @Test
    void servesTheClientWithoutHsts() throws Exception {
        HttpResponse<String> r = site.get("/some-room");
        assertEquals(200, r.statusCode());
        assertEquals(TestSite.INDEX, r.body());
        assertTrue(r.headers().firstValue("Content-Security-Policy").isPresent());
        assertTrue(r.headers().firstValue("Strict-Transport-Security").isEmpty(), "no HSTS over HTTP");
    }

    @Test
    void webSocketFromOwnOrigin() throws Exception {
        TestSite.ClientSocket ws = site.connect("Origin", site.origin());
        ws.session.sendText("hi", Callback.NOOP);
        assertEquals("hi", ws.next());
        ws.session.close();
    }

    @Test
    void webSocketBehindTlsProxy() throws Exception {
        // What nginx sends for a page at https://meet.example.org/ (see README, "Deploy").
        TestSite.ClientSocket ws = site.connect("Origin", "https://meet.example.org",
                "X-Forwarded-Proto", "https", "X-Forwarded-Host", "meet.example.org");
        ws.session.sendText("hi", Callback.NOOP);
        assertEquals("hi", ws.next());
        ws.session.close();
    }

    @Test
    void httpsOriginWithoutForwardingHeadersIs403() {
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> site.connect("Origin", "https://meet.example.org"));
        assertEquals(403, assertInstanceOf(UpgradeException.class, e.getCause()).getResponseStatusCode());
    }
}
