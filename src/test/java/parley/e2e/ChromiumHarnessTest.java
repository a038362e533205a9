package parley.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.nio.file.Path;
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
 * RTCPeerConnection over loopback and decode each other's video; and a closed browser is handed
 * to the next one asking for the same devices as new (ChromiumPool).
 */
@Tag("e2e")
class ChromiumHarnessTest {
    private static StaticServer web;
    private static ChromiumSession red;
    private static ChromiumSession green;

    @BeforeAll
    static void startBrowsers() {
        long t0 = System.nanoTime();
        FakeMedia.y4m(0);
        FakeMedia.y4m(1);
        System.out.printf("fake media: %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        web = StaticServer.start(InetAddress.getLoopbackAddress(), true,
                Map.of("/camera", TestPages.CAMERA, "/peer", TestPages.PEER,
                        "/blank", "<!doctype html><title>blank</title>"));
        red = Browsers.chromium(0);
        green = Browsers.chromium(1);
        System.out.printf("chromium start: %d ms and %d ms%n", red.startMs(), green.startMs());
    }

    @AfterAll
    static void stopBrowsers() {
        if (red != null) {
            System.out.printf("chromium memory after tests: %d kB PSS (%s)%n", red.memoryKb(), red.label());
            long t0 = System.nanoTime();
            red.close();
            System.out.printf("chromium close: %d ms%n", (System.nanoTime() - t0) / 1_000_000);
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
        assertEquals("[3,\"a-b\"]", red.page().call("async (n, o) => [n + 1, o.x.join('-')]", 2,
                java.util.Map.of("x", java.util.List.of("a", "b"))).toString());
    }

    @Test
    void twoTabsConnectOverLoopbackAndDecodeVideo() {
        Page caller = red.page();
        Page callee = red.newTab();
        caller.navigate(web.url("/peer"));
        callee.navigate(web.url("/peer"));

        TestPages.call(caller, callee);

        long first = Poll.await("callee decoding video", Duration.ofSeconds(15),
                () -> callee.eval("harness.framesDecoded()").asLong(), n -> n > 0);
        long later = Poll.await("callee's decoded frames rising past " + (first + 10), Duration.ofSeconds(10),
                () -> callee.eval("harness.framesDecoded()").asLong(), n -> n > first + 10);
        assertTrue(later > first);
        String pair = caller.eval("harness.candidatePair()").toString();
        System.out.println("loopback candidate pair: " + pair);
    }

    @Test
    void aClosedBrowserComesBackAsNewForTheSameDevices() {
        // Camera 5, which no other test of the class uses: the pool has no such browser yet.
        ChromiumSession first = Browsers.chromium(5);
        Path profile = first.userDataDir();
        org.openqa.selenium.Dimension size = first.driver().manage().window().getSize();
        first.page().navigate(web.url("/blank"));
        first.page().eval("(localStorage.setItem('left', 'behind'), document.cookie = 'crumb=1; max-age=600', true)");
        first.newTab().navigate(web.url("/blank"));
        first.driver().manage().window().setSize(new org.openqa.selenium.Dimension(500, 400));
        first.close();
        first.close(); // twice: still one browser in the pool

        ChromiumSession again = Browsers.chromium(5);
        ChromiumSession other = Browsers.chromium(5); // the same devices, while the first is taken: a new one
        try {
            assertEquals(profile, again.userDataDir(), "the closed browser, reused");
            assertTrue(!profile.equals(other.userDataDir()), "a second browser of its own");
            assertEquals(1, again.driver().getWindowHandles().size(), "one tab");
            assertEquals("about:blank", again.driver().getCurrentUrl());
            assertEquals(size, again.driver().manage().window().getSize(), "the first window size");
            again.page().navigate(web.url("/blank"));
            assertEquals("[null,\"\"]", again.page().eval("[localStorage.getItem('left'), document.cookie]").toString(),
                    "nothing stored by the last user");
            System.out.printf("pooled chromium handed out in %d ms (a new one: %d ms)%n", again.startMs(), other.startMs());
        } finally {
            again.close();
            other.close();
        }
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
