package parley.e2e.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import parley.e2e.Browsers;
import parley.e2e.ChromiumSession;
import parley.e2e.Json;
import parley.e2e.MeetingClient;
import parley.e2e.ParleyServerExtension;
import parley.e2e.Poll;
import parley.e2e.StatsProbe;
import parley.e2e.ui.Ui.Role;
import parley.e2e.ui.Ui.Where;

/**
 * Issue 7, the web client in a crowd: Ada meets five people (tabs of one browser, cameras
 * on) and Hugo (a 960x540 camera: three simulcast layers). Her own picture is a small self
 * view she can hide; the tile view pages (a test hook limits a page to 2 tiles) and she
 * receives video only from the page she sees; the participant list filters by name; a
 * pinned person is shown large and arrives at a higher layer than a grid tile; and a
 * refused request is explained, not swallowed. The tests run in order in one meeting.
 */
@Tag("e2e")
@Tag("solo") // run alone (pom.xml, e2e-solo): eight participants in two browsers: the machine is theirs
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CrowdUiTest {
    @RegisterExtension
    static final ParleyServerExtension server = ParleyServerExtension.onLoopback();

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    /** Simulcast climbs to its top layer once the sender's bandwidth estimate allows it. */
    private static final Duration LAYER_TIMEOUT = Duration.ofSeconds(40);
    private static final List<String> CROWD = List.of("Cleo Crowd", "Dara Crowd", "Eli Crowd", "Fay Crowd", "Gil Crowd");
    private static final String HUGO = "Hugo Hidef";

    private static Cast cast;
    private static Person ada;
    private static String link;
    private static ChromiumSession crowd;
    private static ChromiumSession hugoBrowser;
    private static MeetingClient hugoClient;
    /** The first of the crowd (Cleo), who watches Ada's screen while Hugo's test is disabled. */
    private static MeetingClient cleo;

    @BeforeAll
    static void start() {
        cast = Cast.start("ada");
        ada = cast.person(0, "Ada Quintessa");
        link = server.link(cast.newRoom());
        CROWD.forEach(cast::remember);
        cast.remember(HUGO);
    }

    @AfterAll
    static void stop() {
        for (ChromiumSession browser : new ChromiumSession[] {crowd, hugoBrowser}) {
            if (browser != null) {
                browser.close();
            }
        }
        if (cast != null) {
            cast.closeAndCheckLog(server);
        }
    }

    @Test
    @Order(1)
    void ownPictureIsASmallSelfViewThatCanBeHidden() {
        ada.joins(link);
        Ui ui = ada.ui();
        ui.await(Role.GROUP, ada.name());
        JsonNode self = json(ui.js("""
                const t = document.querySelector('[data-self][data-source=camera]');
                const r = t.getBoundingClientRect(), m = document.querySelector('main').getBoundingClientRect();
                return JSON.stringify({place: t.dataset.place, width: r.width, stage: m.width});
                """));
        assertEquals("self", self.path("place").asText(), "own tile " + self);
        assertTrue(self.path("width").asDouble() < self.path("stage").asDouble() / 4, "a small picture: " + self);

        ui.click(Where.group(ada.name()), "Hide self view");
        ada.awaitTiles("own picture folded away", TIMEOUT, t -> !t.contains(ada.name()));
        ui.click("Show self view");
        ada.awaitTiles("own picture back", TIMEOUT, t -> t.contains(ada.name()));
    }

    @Test
    @Order(2)
    void tileViewPagesAndReceivesOnlyTheCurrentPage() {
        crowd = Browsers.chromium(1);
        for (int i = 0; i < CROWD.size(); i++) {
            MeetingClient c = MeetingClient.in(i == 0 ? crowd.page() : crowd.newTab()).joinMeeting(link, CROWD.get(i));
            if (i == 0) cleo = c;
            c.page().eval("window.parley.setMaxPageSize(1)"); // the crowd watches one tile each: spares the CPU
        }
        Ui ui = ada.ui();
        ui.js("window.parley.setMaxPageSize(2)");
        Poll.until("Ada's pager saying \"Page 1 of 3\"", TIMEOUT, () -> ui.pageText().contains("Page 1 of 3"));
        Set<String> first = awaitReceivingExactlyThePage("page 1");
        assertEquals(2, first.size(), "two tiles on a page: " + first);

        ui.click("Next page");
        Poll.until("\"Page 2 of 3\"", TIMEOUT, () -> ui.pageText().contains("Page 2 of 3"));
        Set<String> second = awaitReceivingExactlyThePage("page 2");
        assertTrue(second.stream().noneMatch(first::contains), "page 2 " + second + " after page 1 " + first);

        ui.click("Next page");
        Poll.until("\"Page 3 of 3\"", TIMEOUT, () -> ui.pageText().contains("Page 3 of 3"));
        assertEquals(1, awaitReceivingExactlyThePage("page 3").size());
        assertFalse(ui.await(Role.BUTTON, "Next page").isEnabled(), "no page after the last");

        ui.click("Previous page");
        Poll.until("\"Page 2 of 3\" again", TIMEOUT, () -> ui.pageText().contains("Page 2 of 3"));
        ui.js("window.parley.setMaxPageSize(25)");
        Poll.until("one page for everyone", TIMEOUT, () -> !ui.pageText().contains(" of 3"));

        // The crowd's fake microphones all play a tone: someone is the active speaker, and
        // their ring is drawn above the video, not under it.
        JsonNode ring = Poll.await("an active speaker's ring on Ada's screen", TIMEOUT, () -> json(ui.js("""
                const t = document.querySelector('.tile.is-active-speaker');
                if (!t || !t.querySelector('video')) return 'null';
                const after = getComputedStyle(t, '::after');
                return JSON.stringify({shadow: after.boxShadow, z: after.zIndex,
                    videoZ: getComputedStyle(t.querySelector('video')).zIndex});
                """)), n -> !n.isNull(), JsonNode::toString);
        assertFalse("none".equals(ring.path("shadow").asText()), "a ring: " + ring);
        assertTrue(ring.path("z").asInt() > 0 && "auto".equals(ring.path("videoZ").asText()), "above the video: " + ring);
    }

    @Test
    @Order(3)
    void participantListFiltersByName() throws InterruptedException {
        Ui ui = ada.ui();
        ada.awaitParticipantList("everyone", TIMEOUT, l -> l.size() == 1 + CROWD.size());
        // Five people talking: levels and speakers change all the time, the rows stay as they are.
        ui.js("""
                window.rowChanges = 0;
                new MutationObserver((records) => { window.rowChanges += records.length; })
                    .observe(document.querySelector('.people-list'), {childList: true, subtree: true, attributes: true});
                """);
        Thread.sleep(4_500); // two rounds of media statistics (every 2 s), and speaker changes
        assertEquals(0L, ui.js("return window.rowChanges"), "the participant list changed while people only talked");
        ui.type("Search participants", "dARa");
        ada.awaitParticipantList("only Dara", TIMEOUT, l -> l.equals(List.of("Dara Crowd")));
        ui.type("Search participants", "crowd");
        ada.awaitParticipantList("the five of the crowd", TIMEOUT, l -> l.size() == CROWD.size());
        ui.type("Search participants", "nobody-here");
        ada.awaitParticipantList("no one", TIMEOUT, List::isEmpty);
        assertTrue(ui.pageText().contains("No one matches"), "says why the list is empty");
        ui.type("Search participants", "");
        ada.awaitParticipantList("everyone again", TIMEOUT, l -> l.size() == 1 + CROWD.size());
        ui.click("Participants");
    }

    @Test
    @Order(4)
    @org.junit.jupiter.api.Disabled("Known problem (docs/design.md): in a 640x480 window Hugo's grid tile is never"
            + " reached by turning pages either way (20 s timeout); 192 s and a failure on a quiet machine")
    void pinnedPersonIsShownLargeAtAHigherLayerThanAGridTile() {
        hugoBrowser = Browsers.chromium(2, 960, 540);
        hugoClient = MeetingClient.in(hugoBrowser.page()).joinMeeting(link, HUGO);
        Ui ui = ada.ui();
        String hugo = (String) ui.js("return window.parley.participants().find((p) => p.name === arguments[0])?.id", HUGO);

        // Pinned first, while Hugo's simulcast climbs from the start: the large view gets a high layer.
        ui.click("Speaker view");
        ui.await(Role.BUTTON, "Tile view");
        ui.click(Where.group(HUGO), "Pin");
        Poll.until("Hugo's tile large", TIMEOUT, () -> "large".equals(ui.js(
                "return document.querySelector('[data-source=camera][data-participant-id=\"' + arguments[0] + '\"]')?.dataset.place",
                hugo)));
        JsonNode view = Poll.await("Ada's view asking for Hugo first, without the speaker's slot", TIMEOUT,
                () -> json(ui.js("return JSON.stringify(window.parley.lastView)")),
                v -> v.path("speakerHeight").asInt() == 0 && v.path("video").path(0).path("height").asInt() > 300,
                JsonNode::toString);
        // The server asks Hugo's browser for more than its lowest layer. Whether Chrome then encodes it
        // depends on its own uplink estimate on a loaded machine (it sometimes stays "limited by
        // bandwidth" for a minute), so the arriving resolution is proven with a synthetic sender
        // that always encodes three layers (CrowdE2eTest.aPinnedPersonArrivesAtAHigherLayer).
        awaitHugoSending(hugoClient, "a layer above the lowest for the pinned view", rids -> rids.contains("h") || rids.contains("f"));
        StatsProbe.Inbound pinned = awaitHugoCamera(hugo, "pinned", LAYER_TIMEOUT, i -> i.frameHeight() > 0);
        assertEquals(pinned.trackId(), view.path("video").path(0).path("trackId").asText(), "Hugo's camera first: " + view);
        ui.click(Where.group(HUGO), "Unpin");
        Poll.until("the speaker view asking for the active speaker", TIMEOUT,
                () -> json(ui.js("return JSON.stringify(window.parley.lastView)")).path("speakerHeight").asInt() > 0);
        ui.click("Tile view");
        ui.await(Role.BUTTON, "Speaker view");

        ui.windowSize(640, 480); // seven people in a small window: small tiles (and fewer a page)
        turnToThePageOf(HUGO);
        StatsProbe.Inbound inGrid = awaitHugoCamera(hugo, "in a small grid tile, at the lowest layer (135)",
                TIMEOUT, i -> i.frameHeight() > 0 && i.frameHeight() <= 135);
        double tileHeight = ((Number) ui.js("return document.querySelector('[data-place=grid][data-participant-id=\"'"
                + " + arguments[0] + '\"]').getBoundingClientRect().height", hugo)).doubleValue();
        System.out.printf("Hugo pinned: %dx%d; in a %.0f px grid tile: %dx%d%n", pinned.frameWidth(), pinned.frameHeight(),
                tileHeight, inGrid.frameWidth(), inGrid.frameHeight());
        // Nobody else shows Hugo: the server tells him to pause his top layer (send-layers)...
        awaitHugoSending(hugoClient, "his top layer paused", rids -> !rids.contains("f") && rids.contains("q"));
        ui.windowSize(1280, 900);
        ui.click(Where.group(HUGO), "Pin");
        // ... and to encode a higher one again when he is pinned.
        awaitHugoSending(hugoClient, "a layer above the lowest again", rids -> rids.contains("h") || rids.contains("f"));
        ui.click(Where.group(HUGO), "Unpin");
        ui.click("Tile view");
        ui.await(Role.BUTTON, "Speaker view");
    }

    @Test
    @Order(5)
    void aRefusedRequestIsExplained() {
        Ui ui = ada.ui();
        if (ui.pageText().contains("Tile view")) ui.click("Tile view"); // an earlier test may have stopped in the speaker view
        ui.tapSignaling();
        ui.click("Speaker view"); // a new layout: the page sends `view` through the tapped socket
        Poll.until("the tapped connection", TIMEOUT, () -> (Boolean) ui.js("return window.uiTap.sockets.length > 0"));
        ui.sendRaw("{\"type\":\"view\",\"video\":[{\"trackId\":\"t-none\",\"height\":99999}],\"speakerHeight\":0}");
        Poll.until("a notice about the refused view", TIMEOUT,
                () -> ui.pageText().contains("The server refused the list of videos to show"));
        ui.click("Tile view");
    }

    @Test
    @Order(6)
    void aScreenSharedWithTheCameraOffReachesTheOthers() {
        // Hugo watches if his (pinned-person) test brought him; else Cleo of the crowd does: a
        // browser of its own for this alone cost about a minute on 2 cores already running seven.
        MeetingClient watcher = hugoClient != null ? hugoClient : cleo;
        watcher.page().eval("window.parley.setMaxPageSize(25)"); // the crowd watched one tile each
        Ui ui = ada.ui(); // Ada joined with her camera off
        ui.click("Share screen");
        ui.await(Role.BUTTON, "Stop sharing");
        String adaId = ui.participantId();
        watcher.awaitControl("group", ada.name() + "'s screen");
        StatsProbe.Inbound screen = Poll.await(watcher.page().label() + " decoding Ada's screen", TIMEOUT,
                () -> StatsProbe.findVideo(watcher.stats(), adaId, "screen").orElse(null),
                i -> i != null && i.framesDecoded() > 10, String::valueOf);
        System.out.printf("%s sees Ada's screen (her camera off): %dx%d%n", watcher.page().label(), screen.frameWidth(),
                screen.frameHeight());
        ui.click("Stop sharing");
        ui.await(Role.BUTTON, "Share screen");
    }

    /**
     * Waits until the video Ada receives comes from exactly the people on her current page
     * (decoding), and her last `view` names as many tracks; returns their participant ids.
     */
    private static Set<String> awaitReceivingExactlyThePage(String what) {
        Ui ui = ada.ui();
        record Seen(Set<String> page, Set<String> receiving, int asked) {}
        Seen seen = Poll.await("Ada receiving video from exactly " + what, TIMEOUT, () -> {
            Set<String> receiving = new TreeSet<>();
            for (StatsProbe.Inbound i : StatsProbe.inbound(ui.stats())) {
                if ("video".equals(i.kind()) && i.framesDecoded() > 0) {
                    receiving.add(i.participantId());
                }
            }
            int asked = json(ui.js("return JSON.stringify(window.parley.lastView)")).path("video").size();
            return new Seen(new TreeSet<>(pageIds(ui)), receiving, asked);
        }, s -> !s.page().isEmpty() && s.page().equals(s.receiving()) && s.asked() == s.page().size(), String::valueOf);
        return seen.page();
    }

    /** Clicks "Next page" until {@code name}'s tile is on Ada's page. */
    private static void turnToThePageOf(String name) {
        Ui ui = ada.ui();
        // Forward to the last page, then back to the first, and so on: the person may be on a page
        // before the current one (a smaller window makes smaller pages; going forward only never found them).
        String[] turn = {"Next page"};
        Poll.await(name + "'s tile on Ada's page", TIMEOUT, () -> {
            if (ada.tiles().contains(name)) {
                return true;
            }
            if (!ui.perceives(null, Role.BUTTON, turn[0])) {
                return false; // one page only: the tiles are still coming
            }
            if (!ui.await(Role.BUTTON, turn[0]).isEnabled()) {
                turn[0] = turn[0].equals("Next page") ? "Previous page" : "Next page";
            }
            if (ui.await(Role.BUTTON, turn[0]).isEnabled()) {
                ui.click(turn[0]);
            }
            return false;
        }, Boolean.TRUE::equals, found -> "tiles " + ada.tiles() + "; stage " + ui.js(STAGE_STATE));
    }

    /** What Ada's stage holds, for a failure message: the pager, the page size, the tiles and where they are. */
    private static final String STAGE_STATE = """
            const stage = document.querySelector('main');
            const top = stage.querySelector('.stage-top').getBoundingClientRect();
            return JSON.stringify({pager: stage.querySelector('.pager')?.innerText, pagerHidden: stage.querySelector('.pager')?.hidden,
                pageSize: stage.dataset.pageSize, layout: stage.dataset.layout, top: [top.width, top.height],
                window: [innerWidth, innerHeight], others: window.parley.participants().map((p) => p.name),
                tiles: [...stage.querySelectorAll('.tile')].map((t) => { const r = t.getBoundingClientRect();
                    return [t.getAttribute('aria-label'), t.dataset.place, Math.round(r.width), Math.round(r.height),
                        t.closest('[hidden]') ? 'hidden' : 'shown']; })});
            """;

    /** The participant ids of the camera tiles on Ada's current page. */
    private static List<String> pageIds(Ui ui) {
        List<String> ids = new ArrayList<>();
        json(ui.js("return JSON.stringify([...document.querySelectorAll('[data-place=grid][data-source=camera]')]"
                + ".map((t) => t.dataset.participantId))")).forEach(n -> ids.add(n.asText()));
        return ids;
    }

    private static StatsProbe.Inbound awaitHugoCamera(String hugo, String what, Duration timeout,
                                                      Predicate<StatsProbe.Inbound> done) {
        Ui ui = ada.ui();
        return Poll.await("Ada receiving Hugo's camera " + what, timeout,
                () -> StatsProbe.findVideo(ui.stats(), hugo, "camera").orElse(null),
                i -> i != null && done.test(i), i -> i + "; Hugo sends " + hugoSending());
    }

    /** Waits until the rids Hugo's camera encodes (its active simulcast encodings) satisfy {@code done}. */
    private static void awaitHugoSending(MeetingClient hugo, String what, Predicate<List<String>> done) {
        Poll.await("Hugo encoding " + what, TIMEOUT, () -> {
            List<String> rids = new ArrayList<>();
            hugo.page().eval("window.parley.pc.getSenders().map((s) => s.getParameters().encodings ?? [])"
                    + ".find((e) => e.length === 3)?.filter((e) => e.active).map((e) => e.rid) ?? []")
                    .forEach(n -> rids.add(n.asText()));
            return rids;
        }, done, String::valueOf);
    }

    /** What Hugo's camera encodes now, per layer (for failure messages). */
    private static String hugoSending() {
        if (hugoClient == null) {
            return "nothing (not joined)";
        }
        List<String> layers = new ArrayList<>();
        hugoClient.stats().path("outbound").forEach(o -> {
            if ("camera".equals(o.path("source").asText())) {
                layers.add(o.path("rid").asText() + " " + o.path("frameWidth").asInt() + "x" + o.path("frameHeight").asInt()
                        + " @" + o.path("framesPerSecond").asDouble() + " fps, limited by "
                        + o.path("qualityLimitationReason").asText());
            }
        });
        return layers.toString();
    }

    /** JSON text returned by a script, parsed. */
    private static JsonNode json(Object text) {
        return Json.parse((String) text);
    }
}
