package parley.e2e.ux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import parley.e2e.ParleyServerExtension;
import parley.e2e.Poll;

/**
 * The client never loads anything from another origin: through a whole meeting (start
 * page, pre-join, two people, chat) every resource each page loaded, the document itself
 * and every WebSocket are on the server's own origin, no peer connection is given a STUN
 * or TURN server, and the Content-Security-Policy reported no violation. A deliberate
 * violation at the end proves the listener was listening.
 */
@Tag("e2e")
class SameOriginTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @RegisterExtension
    static final ParleyServerExtension parley = ParleyServerExtension.onLoopback();

    private static Attendee sam;
    private static Attendee sid;

    @BeforeAll
    static void startBrowsers() {
        sam = Attendee.start(5);
        sid = sam.newTab();
        Watch.install(sam);
        Watch.install(sid);
    }

    @AfterAll
    static void stopBrowsers() {
        if (sam != null) {
            sam.close();
        }
    }

    @Test
    void aWholeMeetingStaysOnTheServersOrigin() {
        String origin = origin(parley.server().baseUrl());
        sam.navigate(parley.server().baseUrl().toString());
        sam.awaitState("welcome", TIMEOUT);
        sam.eval("document.querySelector('form.welcome-form').requestSubmit()");
        Poll.until("the pre-join form", TIMEOUT,
                () -> sam.eval("Boolean(document.querySelector('form.prejoin-form'))").asBoolean());
        String roomUrl = sam.eval("location.href").asText();
        sam.joinAs("Sam");
        sid.join(roomUrl, "Sid");
        String sidId = sam.awaitOther("Sid", TIMEOUT);
        sam.awaitVideoFrom(sidId, TIMEOUT);
        sid.eval("(() => { document.querySelector('[data-tool=chat]').click(); const t = document.querySelector('.chat-input');"
                + " t.value = 'same origin only'; t.form.requestSubmit(); })()");
        Poll.until("Sam receiving Sid's message", TIMEOUT,
                () -> sam.eval("document.querySelector('.chat-log').textContent.includes('same origin only')").asBoolean());

        for (Attendee a : List.of(sam, sid)) {
            JsonNode seen = a.eval("({origin: location.origin,"
                    + " loaded: [location.href, ...performance.getEntriesByType('navigation').map(e => e.name),"
                    + " ...performance.getEntriesByType('resource').map(e => e.name)],"
                    + " sockets: window.__watch.socketUrls, rtc: window.__watch.rtcConfigs, csp: window.__watch.csp})");
            System.out.println(a + " loaded: " + seen);
            assertEquals(origin, seen.path("origin").asText());
            List<String> foreign = new ArrayList<>();
            seen.path("loaded").forEach(u -> { if (!origin.equals(origin(URI.create(u.asText())))) foreign.add(u.asText()); });
            seen.path("sockets").forEach(u -> {
                URI ws = URI.create(u.asText());
                if (!("wss".equals(ws.getScheme()) && ws.getRawAuthority().equals(URI.create(origin).getRawAuthority()))) {
                    foreign.add(u.asText());
                }
            });
            assertEquals(List.of(), foreign, a + " reached outside " + origin);
            assertTrue(seen.path("loaded").size() >= 5, "too few resources seen to mean anything: " + seen);
            assertEquals(1, seen.path("sockets").size(), "WebSockets of " + a);
            seen.path("rtc").forEach(c -> assertEquals(0, c.path("iceServers").size(), "ICE servers given to " + a + ": " + c));
            assertTrue(seen.path("rtc").size() >= 1, "no peer connection seen in " + a);
            assertEquals(0, seen.path("csp").size(), "CSP violations in " + a + ": " + seen.path("csp"));
        }

        // The control: something from another origin is refused, and the listener hears it.
        sam.eval("(() => { const img = new Image(); img.src = 'https://127.0.0.2:9/pixel.png'; })()");
        JsonNode csp = Poll.await("a CSP violation reported for an image from another origin", TIMEOUT,
                () -> sam.eval("window.__watch.csp"), n -> n.size() == 1, JsonNode::toString);
        assertEquals("img-src", csp.get(0).path("directive").asText());
    }

    private static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }
}
