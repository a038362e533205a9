package parley.e2e.crowd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import parley.app.SfuMediaPlane;
import parley.bench.load.LoadOptions;
import parley.bench.load.LoadRun;
import parley.e2e.Browsers;
import parley.e2e.ChromiumSession;
import parley.e2e.MeetingClient;
import parley.e2e.ParleyServerExtension;
import parley.e2e.Poll;
import parley.e2e.StatsProbe;

/**
 * Issue 7, proven in a full room: the load generator fills a meeting with 60 synthetic
 * participants (real WebSocket signaling, ICE, DTLS and SRTP; three-layer simulcast VP8 and
 * Opus, two of them talking), then Ada and Bea join in two Chromium browsers. Each sees video
 * from every tile on its page, at the small layer those tiles call for, and hears a speaker; a
 * pinned person arrives at a higher layer; their
 * negotiated SDP stays the same size and is not renegotiated while ten more people join; and
 * when Bea's downlink is squeezed the server's estimate follows it down and her most
 * important video keeps playing. The tests run in order in one meeting.
 */
@Tag("e2e")
@Tag("solo") // run alone (pom.xml, e2e-solo): a crowd from the load generator: the machine is theirs
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CrowdE2eTest {
    @RegisterExtension
    static final ParleyServerExtension PARLEY = ParleyServerExtension.onLoopback();

    private static final String ROOM = "crowd-" + Long.toString(System.nanoTime(), 36);
    private static final int SYNTHETIC = 60;
    private static final int LATECOMERS = 10;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** The web client's offer holds 3 + 3 + 27 m-lines: about 40 KB, under the 64 KiB frame. */
    private static final int MAX_SDP_CHARS = 65_536;
    /** A window for a page of 8 tiles or so (each decoding browser costs CPU the server shares). */
    private static final List<String> WINDOW = List.of("--window-size=1024,640");
    /** Ada's: a speaker view large enough to call for more than the 180p layer. */
    private static final List<String> LARGE_WINDOW = List.of("--window-size=1280,900");
    /**
     * Grid tiles are about 112 pixels tall: a synthetic camera arrives at its 180p layer, a
     * browser's fake camera (one 240p layer) as it is; the 360p and 720p layers never.
     */
    private static final int SMALL_TILE_HEIGHT = 240;
    /** The synthetic cameras' lowest layer (320x180). */
    private static final int SYNTHETIC_TILE_HEIGHT = 180;
    private static final long SQUEEZED_BPS = 700_000;

    private static LoadRun crowd;
    private static ChromiumSession adaBrowser;
    private static ChromiumSession beaBrowser;
    private static MeetingClient ada;
    private static MeetingClient bea;

    @BeforeAll
    static void fillTheRoom() throws Exception {
        if (PARLEY.skipped()) {
            return;
        }
        CompletableFuture<ChromiumSession> a = CompletableFuture.supplyAsync(() -> Browsers.chromium(0, LARGE_WINDOW));
        CompletableFuture<ChromiumSession> b = CompletableFuture.supplyAsync(() -> Browsers.chromium(1, WINDOW));
        crowd = LoadRun.start(options(SYNTHETIC).withSpeakers(2));
        assertTrue(crowd.awaitJoined(SYNTHETIC, TIMEOUT), "synthetic participants joined: " + crowd.joinedCount());
        adaBrowser = a.join();
        beaBrowser = b.join();
        String link = PARLEY.link(ROOM);
        ada = MeetingClient.in(adaBrowser.page()).joinMeeting(link, "Ada Crowd");
        bea = MeetingClient.in(beaBrowser.page()).joinMeeting(link, "Bea Crowd");
    }

    /** Synthetic participants that each show one small tile and the speaker (so the generator stays light). */
    private static LoadOptions options(int participants) {
        URI url = PARLEY.server().baseUrl();
        return LoadOptions.of(URI.create("https://127.0.0.1:" + url.getPort()), ROOM, participants)
                .withViewTiles(1).withRampMs(20);
    }

    @AfterAll
    static void leave() {
        if (crowd != null) System.out.println("crowd: " + crowd.stop());
        for (ChromiumSession browser : new ChromiumSession[] {adaBrowser, beaBrowser}) {
            if (browser != null) browser.close();
        }
        PARLEY.assertLogNeverHeld(ROOM, "Ada Crowd", "Bea Crowd", "Load 1");
    }

    @Test
    @Order(1)
    void eachBrowserSeesTheTilesItShowsAtTheSmallLayerAndHearsASpeaker() {
        for (MeetingClient viewer : List.of(ada, bea)) {
            int page = viewer.page().eval("Number(document.querySelector('[data-page-size]').dataset.pageSize)").asInt();
            assertTrue(page >= 6, "a page of " + page + " tiles");
            JsonNode stats = StatsProbe.awaitStats(viewer.page(), "video from the " + page + " people on the page", TIMEOUT,
                    s -> videoSenders(s, SMALL_TILE_HEIGHT).size() >= page);
            System.out.printf("%s receives video from %d people (a page of %d tiles)%n", viewer,
                    videoSenders(stats, Integer.MAX_VALUE).size(), page);
            assertEquals(videoSenders(stats, Integer.MAX_VALUE), videoSenders(stats, SMALL_TILE_HEIGHT),
                    "no grid tile gets the 360p or 720p layer: " + stats);
            StatsProbe.awaitStats(viewer.page(), "a speaker heard", TIMEOUT, s -> StatsProbe.inbound(s).stream()
                    .anyMatch(i -> "audio".equals(i.kind()) && i.participantId() != null && i.totalAudioEnergy() > 0.001));
        }
    }

    /** Participants whose video is decoding at most {@code maxHeight} pixels tall. */
    private static Set<String> videoSenders(JsonNode stats, int maxHeight) {
        Set<String> ids = new TreeSet<>();
        for (StatsProbe.Inbound i : StatsProbe.inbound(stats)) {
            if ("video".equals(i.kind()) && i.participantId() != null && i.framesDecoded() > 0
                    && i.frameHeight() > 0 && i.frameHeight() <= maxHeight) {
                ids.add(i.participantId());
            }
        }
        return ids;
    }

    /**
     * Pinned in the speaker view, a synthetic participant (who encodes three layers whatever the
     * network, so the result depends on the server alone) arrives above the 180p of a tile.
     */
    @Test
    @Order(2)
    void aPinnedPersonArrivesAtAHigherLayerThanATile() {
        StatsProbe.Inbound tile = StatsProbe.awaitInbound(ada.page(), "a synthetic camera in a tile", TIMEOUT,
                i -> "video".equals(i.kind()) && i.participantId() != null && i.framesDecoded() > 0
                        && i.frameHeight() == SYNTHETIC_TILE_HEIGHT);
        String id = tile.participantId();
        clickButton(ada, null, "Speaker view");
        clickButton(ada, id, "Pin");
        StatsProbe.Inbound pinned = StatsProbe.awaitInbound(ada.page(), "the pinned camera above " + SYNTHETIC_TILE_HEIGHT
                + " pixels", TIMEOUT, i -> id.equals(i.participantId()) && "video".equals(i.kind())
                        && i.frameHeight() > SYNTHETIC_TILE_HEIGHT);
        System.out.printf("a synthetic camera in a tile: %dx%d; pinned: %dx%d (view %s)%n", tile.frameWidth(),
                tile.frameHeight(), pinned.frameWidth(), pinned.frameHeight(),
                ada.page().eval("JSON.stringify(window.parley.lastView.video[0])").asText());
        clickButton(ada, id, "Unpin");
        clickButton(ada, null, "Tile view");
    }

    /** Clicks the button whose text is {@code label}: on someone's camera tile, or anywhere (null). */
    private static void clickButton(MeetingClient client, String participantId, String label) {
        String scope = participantId == null ? "document" : "document.querySelector("
                + "'[data-source=camera][data-participant-id=\"" + participantId + "\"]')";
        Poll.until(client + " clicking " + label, TIMEOUT, () -> client.page().eval("(() => { const s = " + scope
                + "; const b = s && [...s.querySelectorAll('button')].find((x) => x.textContent.trim() === '"
                + label + "'); if (b) b.click(); return Boolean(b); })()").asBoolean());
    }

    @Test
    @Order(3)
    void theNegotiatedSdpStaysTheSameWhileTenMoreJoin() throws Exception {
        Map<String, String> before = sdp(ada);
        assertTrue(before.get("local").length() < MAX_SDP_CHARS && before.get("remote").length() < MAX_SDP_CHARS,
                "offer " + before.get("local").length() + ", answer " + before.get("remote").length() + " characters");
        try (LoadRun late = LoadRun.start(options(LATECOMERS).withSpeakers(0))) {
            assertTrue(late.awaitJoined(LATECOMERS, TIMEOUT), "latecomers joined: " + late.joinedCount());
            Poll.until("Ada sees " + (SYNTHETIC + LATECOMERS + 1) + " others", TIMEOUT,
                    () -> ada.page().eval("window.parley.participants().length").asInt() >= SYNTHETIC + LATECOMERS + 2);
            Map<String, String> after = sdp(ada);
            System.out.printf("Ada's offer %d and answer %d characters with %d in the room%n",
                    after.get("local").length(), after.get("remote").length(), SYNTHETIC + LATECOMERS + 2);
            assertEquals(before, after, "nobody renegotiates when people join");
        }
    }

    private static Map<String, String> sdp(MeetingClient client) {
        JsonNode n = client.page().eval("({local: window.parley.pc.localDescription.sdp,"
                + " remote: window.parley.pc.remoteDescription.sdp})");
        return Map.of("local", n.path("local").asText(), "remote", n.path("remote").asText());
    }

    @Test
    @Order(4)
    void aSqueezedDownlinkLowersTheEstimateAndTheFirstVideoKeepsPlaying() {
        SfuMediaPlane media = PARLEY.server().running().media();
        String beaId = bea.participantId();
        long open = media.downlinkEstimateForTests(beaId);
        assertTrue(media.setDownlinkForTests(beaId, SQUEEZED_BPS), "no media peer for Bea");
        try {
            long squeezed = Poll.await("Bea's estimate under the squeezed link", TIMEOUT,
                    () -> media.downlinkEstimateForTests(beaId), bps -> bps <= SQUEEZED_BPS * 3 / 2);
            System.out.printf("Bea's downlink estimate: %d bit/s open, %d bit/s squeezed to %d%n", open, squeezed, SQUEEZED_BPS);
            StatsProbe.Inbound first = StatsProbe.awaitInbound(bea.page(), "a video decoding", TIMEOUT,
                    i -> "video".equals(i.kind()) && i.participantId() != null && i.framesDecoded() > 0);
            StatsProbe.awaitVideoRising(bea.page(), first.participantId(), 30, TIMEOUT);
        } finally {
            media.setDownlinkForTests(beaId, 0);
        }
    }
}
