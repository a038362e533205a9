package parley.e2e.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.WebElement;
import parley.e2e.Json;
import parley.e2e.ParleyServerExtension;
import parley.e2e.Poll;
import parley.e2e.StaticServer;
import parley.e2e.ui.Ui.Role;
import parley.e2e.ui.Ui.Where;

/**
 * Issue 13, the platform around the meeting: an operator's branding on the start page, the
 * light and dark themes, speaker statistics, and a meeting embedded in another origin's page
 * through the embedding API (docs/embedding.md), which a page on a non-allowed origin cannot
 * do. One server (with --branding and --frame-ancestors), one Chromium whose tabs are Ada
 * and Bruno; the tests run in order and share it.
 */
@Tag("e2e")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlatformUiTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String WELCOME = "Meetings for Acme staff only.";
    /** The embedding page: loads embed-api.js from the meeting link in its fragment and embeds that meeting. */
    private static final String PORTAL = """
            <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Portal</title></head>
            <body><main><h1>Portal</h1><div id="meeting"></div></main><script>
              window.portalEvents = [];
              const link = decodeURIComponent(location.hash.slice(1));
              const api = document.createElement('script');
              api.src = new URL('/embed-api.js', link).href;
              api.onload = () => {
                const meeting = new ParleyMeeting({ url: link, parent: document.getElementById('meeting'), title: 'Team meeting', readyTimeoutMs: 5000 });
                for (const type of ['ready', 'joined', 'participant-joined', 'participant-left', 'left', 'error', 'refused']) {
                  meeting.on(type, (event) => window.portalEvents.push(event));
                }
                window.meeting = meeting;
              };
              document.head.append(api);
            </script></body></html>
            """;

    private static final Path BRANDING = brandingFolder();
    private static final StaticServer ALLOWED = StaticServer.start(loopback("127.0.0.1"), false, Map.of("/portal", PORTAL));
    private static final StaticServer OTHER = StaticServer.start(loopback("127.0.0.2"), false, Map.of("/portal", PORTAL));

    @RegisterExtension
    static final ParleyServerExtension server = ParleyServerExtension.onLoopback()
            .withSetting("branding", BRANDING.toString())
            .withSetting("frame-ancestors", "'self' " + ALLOWED.url(""));

    private static Cast cast;
    private static Ui ui;
    private static Person ada;
    private static Person bruno;
    private static String adaTab;
    private static String brunoTab;

    @BeforeAll
    static void startBrowser() {
        cast = Cast.start("ada+bruno");
        ui = cast.person(0, "").ui();
        ada = cast.person(0, "Ada Quintessa");
        bruno = cast.person(0, "Bruno Vantablack");
        adaTab = ui.openTab();
        brunoTab = ui.currentTab();
        ui.useTab(adaTab);
    }

    /** Every test starts in Ada's tab, whatever the one before left current. */
    @BeforeEach
    void inAdasTab() {
        ui.leaveFrame();
        ui.useTab(adaTab);
    }

    @AfterAll
    static void closeAndCheckTheLog() {
        ALLOWED.close();
        OTHER.close();
        parley.e2e.Processes.deleteTree(BRANDING);
        if (cast != null) {
            cast.closeAndCheckLog(server);
        }
    }

    @Test
    @Order(1)
    void theStartPageShowsTheOperatorsNameLogoTextAndColour() {
        ui.open(server.home());
        ui.awaitState("welcome");
        Poll.await("the operator's name and text", TIMEOUT, ui::pageText, t -> t.contains("Acme Meet") && t.contains(WELCOME));
        assertFalse(ui.pageText().contains("Parley"), "the product is called by the operator's name: " + ui.pageText());
        assertEquals("Acme Meet", ui.js("return document.title"));
        WebElement logo = (WebElement) ui.js("return document.querySelector('img[src=\"/branding/logo.svg\"]')");
        assertEquals("Acme Meet logo", logo.getAccessibleName());
        assertTrue((Boolean) ui.js("return arguments[0].complete && arguments[0].naturalWidth > 0", logo), "the logo loaded");
        assertEquals("rgba(11, 93, 59, 1)", ui.await(Role.BUTTON, "Start meeting").getCssValue("background-color"),
                "the operator's colour (#0b5d3b) on the main button");
    }

    @Test
    @Order(2)
    void theThemeFollowsTheSystemAndTheSwitchOverridesItOnThisDevice() {
        ui.emulateColorScheme("dark");
        Poll.until("dark by the system's preference", TIMEOUT, () -> "dark".equals(theme()));
        assertEquals("rgb(17, 20, 24)", ui.js("return getComputedStyle(document.body).backgroundColor"));
        assertEquals("rgba(138, 180, 255, 1)", ui.await(Role.BUTTON, "Start meeting").getCssValue("background-color"),
                "the dark palette's primary: the operator's colour is for the light theme");
        ui.tick("Light");
        Poll.until("light by choice", TIMEOUT, () -> "light".equals(theme()));
        ui.open(server.home());
        ui.awaitState("welcome");
        assertEquals("light", theme(), "the choice is kept on this device");
        ui.tick("Dark");
        ui.emulateColorScheme("light");
        Poll.until("dark by choice whatever the system says", TIMEOUT, () -> "dark".equals(theme()));
        ui.tick("Auto");
        Poll.until("back to the system's light", TIMEOUT, () -> "light".equals(theme()));
        assertEquals(null, ui.js("return localStorage.getItem('parley.theme')"), "Auto stores nothing");
        ui.emulateColorScheme("");
    }

    @Test
    @Order(3)
    void speakerStatisticsCountWhoSpokeInThisBrowser() {
        String link = server.link(cast.newRoom());
        ada.joins(link);
        ui.useTab(brunoTab);
        bruno.joins(link);
        ui.useTab(adaTab);
        ui.click("Speaker statistics");
        Pattern brunoRow = Pattern.compile("Bruno Vantablack\\s+(\\d+) s");
        String table = Poll.await("Bruno's speaking time counted", TIMEOUT,
                () -> ui.await(Role.REGION, "Speaker statistics").getText(),
                text -> seconds(brunoRow, text) >= 4 && text.contains("Ada Quintessa (you)"));
        assertTrue(table.contains("Nobody else sees it"), table);
        ui.click(Where.region("Speaker statistics"), "Close");
        ui.click("Leave meeting");
        ui.awaitState("left");
        ui.useTab(brunoTab);
        ui.click("Leave meeting");
        ui.awaitState("left");
        ui.useTab(adaTab);
    }

    @Test
    @Order(4)
    void aPageOnAnAllowedOriginEmbedsJoinsMutesAndHangsUp() {
        String link = server.link(cast.newRoom());
        ui.open(ALLOWED.url("/portal") + "#" + link);
        awaitEvent("ready");
        ui.js("window.meeting.join({ name: 'Ada Quintessa', video: false })");
        JsonNode joined = awaitEvent("joined");
        String adaId = joined.path("participantId").asText();
        ui.useTab(brunoTab);
        bruno.joins(link);
        ui.useTab(adaTab);
        JsonNode arrived = awaitEvent("participant-joined");
        assertEquals("Bruno Vantablack", arrived.path("name").asText());

        ui.js("window.meeting.mute()");
        ui.useTab(brunoTab);
        Poll.until("Bruno sees Ada muted", TIMEOUT, () -> audioMuted(adaId));
        ui.useTab(adaTab);
        ui.js("window.meeting.unmute()");
        ui.useTab(brunoTab);
        Poll.until("Bruno sees Ada unmuted", TIMEOUT, () -> !audioMuted(adaId));
        ui.click("Leave meeting");
        ui.awaitState("left");

        ui.useTab(adaTab);
        assertEquals(arrived.path("participantId").asText(), awaitEvent("participant-left").path("participantId").asText());
        ui.js("window.meeting.hangUp()");
        assertEquals("left", awaitEvent("left").path("reason").asText());
        ui.enterFrame("Team meeting");
        try {
            assertEquals("left", ui.state(), "the embedded meeting shows that Ada left");
        } finally {
            ui.leaveFrame();
        }
    }

    @Test
    @Order(5)
    void aPageOnAnotherOriginIsRefused() {
        String link = server.link(cast.newRoom());
        ui.open(OTHER.url("/portal") + "#" + link);
        Poll.until("the portal's script loaded", TIMEOUT, () -> (Boolean) ui.js("return Boolean(window.meeting)"));
        ui.js("window.meeting.join({ name: 'Mallory Outsider' })");
        JsonNode refused = awaitEvent("refused");
        assertTrue(refused.path("reason").asText().contains("frame-ancestors"), refused.toString());
        assertEquals(List.of("refused"), events().findValuesAsText("type"), "no ready, no joined");
        ui.enterFrame("Team meeting");
        try {
            assertEquals("chrome-error:", ui.js("return location.protocol"), "the browser refused to frame the meeting (CSP frame-ancestors)");
        } finally {
            ui.leaveFrame();
        }
        ui.useTab(brunoTab);
        bruno.joins(link);
        assertEquals(List.of("Bruno Vantablack"), ((List<?>) ui.js("return window.parley.participants().map((p) => p.name)")),
                "the join asked for by the refused page never happened");
        ui.click("Leave meeting");
        ui.awaitState("left");
    }

    @Test
    @Order(6)
    void theStartPageListsNothingAboutPastMeetings() {
        ui.open(server.home());
        ui.awaitState("welcome");
        Poll.await("the start page", TIMEOUT, ui::pageText, t -> t.contains(WELCOME));
        String text = ui.pageText();
        assertFalse(text.contains("ui-"), "no meeting this browser was in is named on the start page: " + text);
    }

    private static String theme() {
        return (String) ui.js("return document.documentElement.dataset.theme ?? null");
    }

    private static JsonNode events() {
        return Json.parse((String) ui.js("return JSON.stringify(window.portalEvents ?? [])"));
    }

    private static JsonNode awaitEvent(String type) {
        JsonNode all = Poll.await("the portal hears " + type, TIMEOUT, PlatformUiTest::events,
                list -> list.findValuesAsText("type").contains(type), list -> "events so far: " + list);
        for (JsonNode e : all) {
            if (type.equals(e.path("type").asText())) {
                return e;
            }
        }
        throw new AssertionError(type);
    }

    private static boolean audioMuted(String participantId) {
        return (Boolean) ui.js("return window.parley.participants().some((p) => p.id === arguments[0] && p.audioMuted)", participantId);
    }

    private static int seconds(Pattern row, String text) {
        Matcher m = row.matcher(text);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    private static InetAddress loopback(String address) {
        try {
            return InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A --branding folder: name, logo, colour and start-page text. */
    private static Path brandingFolder() {
        try {
            Path folder = Files.createTempDirectory("parley-branding");
            Files.writeString(folder.resolve("branding.json"), "{\"name\": \"Acme Meet\", \"colors\": {\"primary\": \"#0b5d3b\"}}");
            Files.writeString(folder.resolve("logo.svg"),
                    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"40\" height=\"40\"><circle cx=\"20\" cy=\"20\" r=\"18\" fill=\"#0b5d3b\"/></svg>");
            Files.writeString(folder.resolve("welcome.txt"), WELCOME + "\nAsk the help desk if you need a hand.\n");
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
