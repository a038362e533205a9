package parley.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Screen share is a track of its own: Ada clicks "Share screen" (headless Chromium's fake
 * capture), Ben decodes it beside her camera, and "Stop sharing" takes it away again
 * while the camera keeps going.
 */
@Tag("e2e")
class ScreenShareE2eTest {
    @RegisterExtension
    static final ParleyServerExtension PARLEY = ParleyServerExtension.onLoopback();

    private static final String ROOM = "shared-screen-" + Long.toString(System.nanoTime(), 36);
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    /** The first inbound entry of this source in a stats summary, or a missing node. */
    private static JsonNode inbound(JsonNode stats, String source) {
        for (JsonNode n : stats.path("inbound")) {
            if (source.equals(n.path("source").asText())) return n;
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    @Test
    void screenShareArrivesAsItsOwnTrackAndGoesAwayWhenStopped(ServerHandle server) {
        try (ChromiumSession adaBrowser = Browsers.chromium(0); ChromiumSession benBrowser = Browsers.chromium(1)) {
            MeetingClient ada = MeetingClient.in(adaBrowser.page());
            MeetingClient ben = MeetingClient.in(benBrowser.page());
            String url = server.baseUrl() + ROOM;
            ada.joinMeeting(url, "Ada Screen");
            ben.joinMeeting(url, "Ben Viewer");
            Page benPage = benBrowser.page();

            ada.click("Share screen");
            JsonNode seen = StatsProbe.awaitStats(benPage, "Ada's screen decoding at Ben", TIMEOUT,
                    s -> inbound(s, "screen").path("framesDecoded").asLong() > 20
                            && inbound(s, "camera").path("framesDecoded").asLong() > 20);
            JsonNode screen = inbound(seen, "screen");
            JsonNode camera = inbound(seen, "camera");
            assertTrue(!screen.path("trackId").asText().equals(camera.path("trackId").asText()),
                    "screen and camera are separate tracks: " + seen);
            assertTrue(screen.path("frameWidth").asInt() > 0, "screen frames have a size: " + seen);

            ada.click("Stop sharing");
            StatsProbe.awaitStats(benPage, "Ada's screen gone at Ben", TIMEOUT,
                    s -> inbound(s, "screen").isMissingNode());
            long before = inbound(StatsProbe.stats(benPage), "camera").path("framesDecoded").asLong();
            StatsProbe.awaitStats(benPage, "Ada's camera still decoding at Ben", TIMEOUT,
                    s -> inbound(s, "camera").path("framesDecoded").asLong() > before + 15);
            server.logs().assertNoneContain(ROOM, "Ada Screen", "Ben Viewer");
        }
    }
}
