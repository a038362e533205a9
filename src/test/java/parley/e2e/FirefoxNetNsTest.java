package parley.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Proves the Firefox part of the harness: Firefox ESR in a network namespace, driven over
 * WebDriver BiDi, loads HTTPS pages (self-signed) from a server in the root namespace bound
 * to the veth address, opens the fake camera and microphone, and sends video over the
 * veth to a Chromium in the root namespace: the path a Parley server's media will take.
 */
@Tag("e2e")
@Tag("firefox")
class FirefoxNetNsTest {
    private static NetNs ns;
    private static StaticServer web;
    private static Firefox firefox;

    @BeforeAll
    static void startFirefoxInANamespace() throws UnknownHostException {
        if (NetNs.unavailableReason().isPresent()) {
            return; // each test skips, loudly, in needNamespaces()
        }
        ns = NetNs.create();
        web = StaticServer.start(InetAddress.getByName(ns.hostAddress()), true,
                Map.of("/camera", TestPages.CAMERA, "/peer", TestPages.PEER));
        firefox = Browsers.firefox(ns);
        System.out.printf("firefox start (in %s): %d ms%n", ns, firefox.startMs());
    }

    @AfterAll
    static void stop() {
        if (firefox != null) {
            System.out.printf("firefox memory after tests: %d kB PSS%n", firefox.memoryKb());
            firefox.close();
        }
        if (web != null) {
            web.close();
        }
        if (ns != null) {
            ns.close();
        }
    }

    @BeforeEach
    void needNamespaces() {
        NetNsSupport.assumeAvailable();
    }

    @Test
    void firefoxOpensFakeDevicesOnAPageFromTheRootNamespace() {
        Page page = firefox.page();
        page.navigate(web.url("/camera"));

        JsonNode camera = page.eval("harness.camera()");

        System.out.println("firefox camera: " + camera);
        assertEquals("[\"audio\",\"video\"]", camera.get("kinds").toString());
        assertTrue(camera.get("width").asInt() > 0, camera.toString());
        assertTrue(camera.get("audioEnergy").asDouble() > 0, "fake microphone is silent: " + camera);
        assertEquals(web.url("/camera"), page.eval("location.href").asText());
    }

    @Test
    void firefoxVideoCrossesTheVethToChromium() {
        Page caller = firefox.newTab();
        caller.navigate(web.url("/peer"));
        try (ChromiumSession chromium = Browsers.chromium(2)) {
            Page callee = chromium.page();
            callee.navigate(web.url("/peer"));

            String offer = caller.eval("harness.offer()").asText();
            String answer = callee.eval("harness.answer(" + Json.jsString(offer) + ")").asText();
            caller.eval("harness.accept(" + Json.jsString(answer) + ")");

            long frames = Poll.await("chromium decoding firefox's video", Duration.ofSeconds(15),
                    () -> callee.eval("harness.framesDecoded()").asLong(), n -> n > 10);
            JsonNode pair = caller.eval("harness.candidatePair()");
            System.out.println("firefox -> chromium: " + frames + " frames over " + pair);
            assertTrue(pair.get("local").asText().startsWith(ns.nsAddress() + ":"), pair.toString());
        }
    }
}
