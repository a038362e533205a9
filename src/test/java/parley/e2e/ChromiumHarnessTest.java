package parley.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Proves the Chromium part of the harness without a Parley server: fake cameras from
 * different Y4M files show different colours, and two tabs of one browser connect an
 * RTCPeerConnection over loopback and decode each other's video.
 */
@Tag("e2e")
class ChromiumHarnessTest {
    private static StaticServer web;
    private static ChromiumSession red;
    private static ChromiumSession green;

    @BeforeAll
    static void startBrowsers() {
        web = StaticServer.start(InetAddress.getLoopbackAddress(), true,
                Map.of("/camera", TestPages.CAMERA, "/peer", TestPages.PEER));
        red = Browsers.chromium(0);
        green = Browsers.chromium(1);
        System.out.printf("chromium start: %d ms and %d ms%n", red.startMs(), green.startMs());
    }

    @AfterAll
    static void stopBrowsers() {
        if (red != null) {
            System.out.printf("chromium memory after tests: %d kB PSS (%s)%n", red.memoryKb(), red.label());
            red.close();
        }
        if (green != null) {
            green.close();
        }
        if (web != null) {
            web.close();
        }
    }

    @Test
    void eachBrowserSeesItsOwnFakeCamera() {
        red.page().navigate(web.url("/camera"));
        green.page().navigate(web.url("/camera"));

        JsonNode redCamera = red.page().eval("harness.camera()");
        JsonNode greenCamera = green.page().eval("harness.camera()");
        System.out.println("chromium cameras: " + redCamera + " / " + greenCamera);

        assertEquals("[\"audio\",\"video\"]", redCamera.get("kinds").toString());
        assertEquals(FakeMedia.WIDTH, redCamera.get("width").asInt());
        assertEquals(FakeMedia.HEIGHT, redCamera.get("height").asInt());
        assertColour(FakeMedia.colour(0), redCamera.get("rgb"));
        assertColour(FakeMedia.colour(1), greenCamera.get("rgb"));
        assertTrue(redCamera.get("audioEnergy").asDouble() > 0, "fake microphone is silent: " + redCamera);
    }

    @Test
    void twoTabsConnectOverLoopbackAndDecodeVideo() {
        Page caller = red.page();
        Page callee = red.newTab();
        caller.navigate(web.url("/peer"));
        callee.navigate(web.url("/peer"));

        String offer = caller.eval("harness.offer()").asText();
        String answer = callee.eval("harness.answer(" + Json.jsString(offer) + ")").asText();
        caller.eval("harness.accept(" + Json.jsString(answer) + ")");

        long first = Poll.await("callee decoding video", Duration.ofSeconds(15),
                () -> callee.eval("harness.framesDecoded()").asLong(), n -> n > 0);
        long later = Poll.await("callee's decoded frames rising past " + (first + 10), Duration.ofSeconds(10),
                () -> callee.eval("harness.framesDecoded()").asLong(), n -> n > first + 10);
        assertTrue(later > first);
        String pair = caller.eval("harness.candidatePair()").toString();
        System.out.println("loopback candidate pair: " + pair);
    }

    /** Within 48 per channel: Y4M is YUV 4:2:0, so colours come back slightly shifted. */
    private static void assertColour(int expectedRgb, JsonNode rgb) {
        List<Integer> expected = List.of((expectedRgb >> 16) & 0xFF, (expectedRgb >> 8) & 0xFF, expectedRgb & 0xFF);
        for (int i = 0; i < 3; i++) {
            int actual = rgb.get(i).asInt();
            assertTrue(Math.abs(actual - expected.get(i)) <= 48,
                    "centre pixel " + rgb + " (expected: about " + expected + ")");
        }
    }
}
