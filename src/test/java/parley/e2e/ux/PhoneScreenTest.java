package parley.e2e.ux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import parley.e2e.ParleyServerExtension;
import parley.e2e.Poll;

/**
 * On a phone-sized screen (375x667 CSS px, device pixel ratio 2, mobile viewport, as an
 * iPhone SE) nothing scrolls sideways on the start page, the pre-join screen or in a
 * meeting; every toolbar button is on screen and at least 44x44 CSS px (WCAG 2.5.5 target
 * size); the chat opens over the whole screen and closes; every dialog of the meeting fits the
 * width and axe-core finds nothing serious in it. The tests run in order.
 */
@Tag("e2e")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PhoneScreenTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final int WIDTH = 375;
    private static final int HEIGHT = 667;
    private static final int MIN_TARGET_PX = 44;

    /** {scrollWidth, innerWidth} of the document. */
    private static final String WIDTHS =
            "({scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth})";

    @RegisterExtension
    static final ParleyServerExtension parley = ParleyServerExtension.onLoopback();

    private static Attendee pia;
    private static Attendee desk;
    private static String roomUrl;

    @BeforeAll
    static void startBrowsers() {
        pia = Attendee.start(4);
        pia.cdp("Emulation.setDeviceMetricsOverride",
                Map.of("width", WIDTH, "height", HEIGHT, "deviceScaleFactor", 2, "mobile", true));
        pia.cdp("Emulation.setTouchEmulationEnabled", Map.of("enabled", true, "maxTouchPoints", 5));
        desk = pia.newTab();
        roomUrl = parley.server().baseUrl() + "phone-" + Long.toHexString(System.nanoTime());
    }

    @AfterAll
    static void stopBrowsers() {
        if (pia != null) {
            pia.close();
        }
    }

    @Test
    @Order(1)
    void startPageFits() {
        pia.navigate(parley.server().baseUrl().toString());
        pia.awaitState("welcome", TIMEOUT);
        assertNoSidewaysScroll("start page");
    }

    @Test
    @Order(2)
    void prejoinFits() {
        pia.openPrejoin(roomUrl);
        Poll.until("device list filled", TIMEOUT,
                () -> pia.eval("document.querySelectorAll('select option').length >= 2").asBoolean());
        assertNoSidewaysScroll("pre-join screen");
    }

    @Test
    @Order(3)
    void meetingFitsWithLargeEnoughButtons() {
        pia.join(roomUrl, "Pia");
        desk.join(roomUrl, "Desk");
        pia.awaitOther("Desk", TIMEOUT);
        assertNoSidewaysScroll("meeting");
        JsonNode buttons = pia.eval("[...document.querySelectorAll('.toolbar button')].filter(b => b.checkVisibility())"
                + ".map(b => { const r = b.getBoundingClientRect(); return {tool: b.dataset.tool, left: r.left, top: r.top,"
                + " right: r.right, bottom: r.bottom, width: r.width, height: r.height}; })");
        List<String> problems = new ArrayList<>();
        for (JsonNode b : buttons) {
            String what = b.path("tool").asText() + " " + b;
            if (b.path("width").asDouble() < MIN_TARGET_PX || b.path("height").asDouble() < MIN_TARGET_PX) {
                problems.add("smaller than 44x44: " + what);
            }
            if (b.path("left").asDouble() < 0 || b.path("top").asDouble() < 0
                    || b.path("right").asDouble() > WIDTH || b.path("bottom").asDouble() > HEIGHT) {
                problems.add("not all on screen: " + what);
            }
        }
        System.out.println("phone toolbar: " + buttons);
        assertTrue(buttons.size() >= 6, "toolbar buttons shown: " + buttons);
        assertEquals(List.of(), problems);
        assertClean(Axe.audit(pia));
    }

    @Test
    @Order(4)
    void chatOpensFullScreenAndCloses() {
        pia.eval("document.querySelector('[data-tool=chat]').click()");
        JsonNode panel = Poll.await("the chat panel shown", TIMEOUT,
                () -> pia.eval("(() => { const p = document.querySelector('.chat-input')?.closest('.panel');"
                        + " if (!p || p.hidden) return null; const r = p.getBoundingClientRect();"
                        + " const close = p.querySelector('.panel-head button').getBoundingClientRect();"
                        + " return {left: r.left, top: r.top, width: r.width, height: r.height,"
                        + " closeWidth: close.width, closeHeight: close.height}; })()"),
                n -> !n.isNull(), JsonNode::toString);
        assertEquals(0, panel.path("left").asDouble(), 0.5, "chat panel " + panel);
        assertEquals(0, panel.path("top").asDouble(), 0.5, "chat panel " + panel);
        assertEquals(WIDTH, panel.path("width").asDouble(), 0.5, "chat panel " + panel);
        assertEquals(HEIGHT, panel.path("height").asDouble(), 0.5, "chat panel " + panel);
        assertTrue(panel.path("closeWidth").asDouble() >= MIN_TARGET_PX && panel.path("closeHeight").asDouble() >= MIN_TARGET_PX,
                "the panel's close button is smaller than 44x44: " + panel);
        assertNoSidewaysScroll("meeting with the chat open");
        assertClean(Axe.audit(pia));

        pia.eval("document.querySelector('.panel:not([hidden]) .panel-head button').click()");
        Poll.until("the chat panel closed, the focus on the Chat button", TIMEOUT, () -> pia.eval(
                "document.querySelector('.chat-input').closest('.panel').hidden"
                        + " && document.activeElement === document.querySelector('[data-tool=chat]')").asBoolean());
    }

    @Test
    @Order(5)
    void everyDialogOfTheMeetingFitsAndIsClean() {
        for (String tool : List.of("settings", "effects", "polls", "breakouts", "speaker-stats", "stream")) {
            pia.eval("document.querySelector('[data-tool=" + tool + "]').click()");
            JsonNode box = Poll.await("the " + tool + " dialog open", TIMEOUT, () -> pia.eval(
                    "(() => { const d = document.querySelector('dialog[open]'); if (!d) return null;"
                            + " const r = d.getBoundingClientRect(); return {left: r.left, right: r.right}; })()"),
                    n -> !n.isNull(), JsonNode::toString);
            assertTrue(box.path("left").asDouble() >= 0 && box.path("right").asDouble() <= WIDTH, tool + " dialog: " + box);
            assertNoSidewaysScroll(tool + " dialog");
            assertClean(Axe.audit(pia));
            pia.eval("document.querySelector('dialog[open]').close()");
            Poll.until("the " + tool + " dialog closed", TIMEOUT,
                    () -> !pia.eval("Boolean(document.querySelector('dialog[open]'))").asBoolean());
        }
    }

    private static void assertNoSidewaysScroll(String screen) {
        JsonNode w = pia.eval(WIDTHS);
        System.out.println("phone " + screen + ": " + w);
        assertEquals(WIDTH, w.path("innerWidth").asInt(), "innerWidth on the " + screen);
        assertTrue(w.path("scrollWidth").asInt() <= w.path("innerWidth").asInt(),
                "the " + screen + " scrolls sideways: " + w + "; widest elements: " + widest());
    }

    /** The elements reaching furthest right, for a failure message. */
    private static JsonNode widest() {
        return pia.eval("[...document.querySelectorAll('body *')].map(e => [e.tagName.toLowerCase() + '.' + e.className,"
                + " Math.round(e.getBoundingClientRect().right)]).filter(x => x[1] > innerWidth)"
                + ".sort((a, b) => b[1] - a[1]).slice(0, 8)");
    }

    private static void assertClean(List<Axe.Violation> violations) {
        violations.forEach(v -> System.out.println("axe on the phone: " + v));
        assertEquals(List.of(), violations.stream().filter(Axe.Violation::blocking).toList());
    }
}
