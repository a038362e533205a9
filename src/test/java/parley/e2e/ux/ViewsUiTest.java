package parley.e2e.ux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import parley.e2e.FakeMedia;
import parley.e2e.Json;
import parley.e2e.ParleyServerExtension;
import parley.e2e.Poll;

/**
 * Issue 13, the meeting's views and settings: Ada switches her camera in the Settings dialog
 * during the meeting and Bea receives the other camera (no renegotiation); Ada's own picture
 * is small and moves by keyboard and by pointer; the view toggle and full screen work by
 * their names; the "More actions for Bea" menu works by keyboard (the ARIA menu pattern) and
 * makes Bea a moderator; axe-core finds nothing serious on the settings dialog or the menu,
 * at 1280x900 and at 375x667. One server, one Chromium, two tabs; the tests run in order.
 *
 * <p>Chromium's fake capture gives one camera per browser, so the second camera is a test
 * hook installed in Ada's page: enumerateDevices lists "Test camera 2", and getUserMedia for
 * it returns a generated track (MediaStreamTrackGenerator) in another fake-camera colour.
 * The first camera is the browser's fake .y4m (FakeMedia colour 0), so the two differ in
 * colour, and Bea's decoded pixels tell which one she receives.
 */
@Tag("e2e")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ViewsUiTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @RegisterExtension
    static final ParleyServerExtension parley = ParleyServerExtension.onLoopback();

    private static Attendee ada;
    private static Attendee bea;
    private static String adaId;
    private static String beaId;

    /**
     * Ada's second camera: frames painted in FakeMedia colour 2 (with a moving bar) and written
     * to a MediaStreamTrackGenerator on a timer, so they keep coming while her tab is in the
     * background (a canvas captureStream waits for the tab to render).
     */
    private static final String SECOND_CAMERA = """
            const md = navigator.mediaDevices;
            const enumerate = md.enumerateDevices.bind(md), open = md.getUserMedia.bind(md);
            const camera = () => {
              const track = new MediaStreamTrackGenerator({kind: 'video'});
              const writer = track.writable.getWriter();
              const canvas = new OffscreenCanvas(320, 240), g = canvas.getContext('2d');
              let x = 0, t = 0;
              const timer = setInterval(() => {
                if (track.readyState === 'ended') { clearInterval(timer); return; }
                g.fillStyle = '#%06x'; g.fillRect(0, 0, 320, 240);
                g.fillStyle = '#ffffff'; g.fillRect(x, 0, 40, 24); x = (x + 8) %% 320;
                writer.write(new VideoFrame(canvas, {timestamp: t})).catch(() => {});
                t += 66666;
              }, 66);
              return track;
            };
            md.enumerateDevices = async () => [...await enumerate(),
              {deviceId: 'test-camera-2', groupId: 'test', kind: 'videoinput', label: 'Test camera 2'}];
            md.getUserMedia = async (c) => {
              const d = c?.video?.deviceId;
              return (d?.exact ?? d?.ideal ?? d) === 'test-camera-2' ? new MediaStream([camera()]) : open(c);
            };
            return typeof MediaStreamTrackGenerator === 'function';
            """.formatted(FakeMedia.colour(2));

    @BeforeAll
    static void start() {
        ada = Attendee.start(0);
        bea = ada.newTab();
        ada.driver().manage().window().setSize(new Dimension(1280, 900));
        String room = parley.server().baseUrl() + "views-" + Long.toHexString(System.nanoTime());
        ada.join(room, "Ada");
        bea.join(room, "Bea");
        beaId = ada.awaitOther("Bea", TIMEOUT);
        adaId = bea.awaitOther("Ada", TIMEOUT);
    }

    @AfterAll
    static void stop() {
        if (ada != null) {
            ada.close();
        }
    }

    @Test
    @Order(1)
    void switchingCameraChangesWhatBeaReceives() {
        awaitBeaSeesAdaIn(FakeMedia.colour(0), "the browser's fake camera");
        assertTrue(ada.run(SECOND_CAMERA).asBoolean(), "this Chromium has MediaStreamTrackGenerator");
        String sdpBefore = ada.eval("window.parley.pc.localDescription.sdp").asText();

        click(ada, "Settings");
        awaitAda("the Settings dialog",
                "document.querySelector('dialog[open] h2')?.textContent === 'Settings'");
        assertClean("settings dialog", Axe.audit(ada));
        new Select(labelled(ada, "Camera")).selectByVisibleText("Test camera 2");
        awaitBeaSeesAdaIn(FakeMedia.colour(2), "Ada's second camera");
        assertEquals(sdpBefore, ada.eval("window.parley.pc.localDescription.sdp").asText(),
                "the camera was swapped on its sender, without a new offer");
        assertEquals("Test camera 2", ada.eval("document.querySelector('dialog[open] select').selectedOptions[0].text").asText());

        // Video quality "Audio only": Ada's page asks the server for no camera at all, then for Bea's again.
        new Select(labelled(ada, "Video quality")).selectByValue("audio-only");
        awaitAda("a view without cameras",
                "window.parley.lastView?.video.length === 0");
        new Select(labelled(ada, "Video quality")).selectByValue("auto");
        awaitAda("Bea's camera asked for again",
                "window.parley.lastView?.video.length === 1");
        click(ada, "Done");
        awaitAda("the dialog closed", "!document.querySelector('dialog[open]')");
    }

    @Test
    @Order(2)
    void selfViewIsSmallAndMovesByKeyboardAndPointer() {
        JsonNode before = selfView();
        assertTrue(before.path("width").asDouble() < before.path("stageWidth").asDouble() / 4, "a small picture: " + before);
        assertEquals("contain",
                ada.eval("getComputedStyle(document.querySelector('[data-place=grid] video')).objectFit").asText(),
                "Bea's whole picture fits her tile (faces are not cropped)");

        WebElement handle = named(ada, "button", "Move self view");
        ((JavascriptExecutor) ada.driver()).executeScript("arguments[0].focus()", handle);
        ada.press(Keys.ARROW_LEFT, Keys.ARROW_LEFT, Keys.ARROW_UP);
        JsonNode moved = Poll.await("the self view moved by the arrow keys", TIMEOUT, ViewsUiTest::selfView,
                n -> n.path("left").asDouble() <= before.path("left").asDouble() - 40
                        && n.path("top").asDouble() <= before.path("top").asDouble() - 20);
        System.out.println("self view " + before + " -> by keys " + moved);

        ada.actions().clickAndHold(handle).moveByOffset(-120, -60).release().perform();
        JsonNode dragged = Poll.await("the self view dragged", TIMEOUT, ViewsUiTest::selfView,
                n -> n.path("left").asDouble() <= moved.path("left").asDouble() - 80);
        assertTrue(dragged.path("left").asDouble() >= dragged.path("stageLeft").asDouble(), "still inside the stage: " + dragged);
    }

    @Test
    @Order(3)
    void viewToggleAndFullScreenByName() {
        click(ada, "Speaker view");
        awaitAda("the speaker view",
                "document.querySelector('main').dataset.layout === 'speaker'"
                + " && Boolean(document.querySelector('[data-place=large]'))");
        click(ada, "Tile view");
        awaitAda("the tile view",
                "document.querySelector('main').dataset.layout === 'grid'");

        click(ada, "Full screen");
        awaitAda("the meeting full screen",
                "document.fullscreenElement?.classList.contains('meeting') ?? false");
        click(ada, "Exit full screen");
        awaitAda("full screen left",
                "document.fullscreenElement === null");
    }

    @Test
    @Order(4)
    void moderationMenuByKeyboard() {
        click(ada, "Participants");
        WebElement more = named(ada, "button", "More actions for Bea");
        ((JavascriptExecutor) ada.driver()).executeScript("arguments[0].focus()", more);
        ada.press(Keys.ENTER);
        assertEquals("Pin", awaitFocus("the menu's first item").path("name").asText());
        assertEquals("true", more.getAttribute("aria-expanded"));
        assertClean("person menu", Axe.audit(ada));
        ada.press(Keys.ARROW_UP);
        assertEquals("Remove from meeting", awaitFocus("the last item (Up wraps)").path("name").asText());
        ada.press(Keys.ESCAPE);
        JsonNode back = awaitFocus("the menu button again");
        assertEquals("More actions for Bea", back.path("name").asText(), "Escape closes and returns: " + back);
        assertEquals("false", more.getAttribute("aria-expanded"));

        ada.press(Keys.ARROW_DOWN);
        for (int i = 0; i < 8 && !"Make moderator".equals(awaitFocus("an item").path("name").asText()); i++) {
            ada.press(Keys.ARROW_DOWN);
        }
        assertEquals("menuitem", awaitFocus("Make moderator").path("role").asText());
        ada.press(Keys.ENTER);
        Poll.until("Bea a moderator", TIMEOUT, () -> "moderator".equals(bea.eval("window.parley.role").asText()));
    }

    @Test
    @Order(5)
    void settingsAndMenuOnAPhoneScreen() {
        ada.driver().manage().window().setSize(new Dimension(375, 667));
        try {
            if (ada.eval("document.querySelector('[data-tool=participants]').ariaExpanded === 'true'").asBoolean()) {
                click(ada, "Close participants"); // on a phone a panel covers the whole meeting
            }
            click(ada, "Settings");
            awaitAda("the Settings dialog",
                "Boolean(document.querySelector('dialog[open]'))");
            assertClean("settings dialog at 375x667", Axe.audit(ada));
            ada.press(Keys.ESCAPE);
            awaitAda("the dialog closed", "!document.querySelector('dialog[open]')");
            click(ada, "Participants");
            click(ada, "More actions for Bea");
            awaitAda("the menu open",
                "Boolean(document.querySelector('[role=menu]:not([hidden])'))");
            assertClean("person menu at 375x667", Axe.audit(ada));
            ada.press(Keys.ESCAPE);
        } finally {
            ada.driver().manage().window().setSize(new Dimension(1280, 900));
        }
    }

    /** Waits until the script {@code js} is true in Ada's tab. */
    private static void awaitAda(String what, String js) {
        Poll.until(what, TIMEOUT, () -> ada.eval(js).asBoolean());
    }

    /** Waits until the centre of Ada's video in Bea's tab has (about) the colour 0xRRGGBB. */
    private static void awaitBeaSeesAdaIn(int rgb, String what) {
        Poll.await("Bea receiving " + what, TIMEOUT, () -> bea.run("""
                const v = document.querySelector('video[data-participant-id="%s"]');
                if (!v || v.videoWidth === 0) return null;
                const c = Object.assign(document.createElement('canvas'), {width: 16, height: 16});
                const g = c.getContext('2d');
                g.drawImage(v, v.videoWidth * 0.4, v.videoHeight * 0.4, v.videoWidth * 0.2, v.videoHeight * 0.2, 0, 0, 16, 16);
                const d = g.getImageData(0, 0, 16, 16).data;
                const sum = [0, 0, 0];
                for (let i = 0; i < d.length; i += 4) for (let k = 0; k < 3; k++) sum[k] += d[i + k];
                return sum.map((s) => Math.round(s / (d.length / 4)));
                """.formatted(adaId)), n -> n.isArray() && near(n, rgb), n -> String.valueOf(n));
    }

    /** Within 48 of each channel (video coding shifts colours a little). */
    private static boolean near(JsonNode got, int rgb) {
        int[] want = {(rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF};
        for (int k = 0; k < 3; k++) {
            if (Math.abs(got.path(k).asInt() - want[k]) > 48) {
                return false;
            }
        }
        return true;
    }

    private static JsonNode selfView() {
        return ada.eval("(() => { const r = document.querySelector('.self-view').getBoundingClientRect();"
                + " const s = document.querySelector('main').getBoundingClientRect();"
                + " return {left: r.left, top: r.top, width: r.width, stageWidth: s.width, stageLeft: s.left}; })()");
    }

    /** What has the focus: {name, role} as the browser computes them (waits for a named element). */
    private static JsonNode awaitFocus(String what) {
        return Poll.await("focus on " + what, TIMEOUT, () -> {
            WebElement e = ada.driver().switchTo().activeElement();
            return Json.parse("{\"name\":" + Json.jsString(e.getAccessibleName()) + ",\"role\":"
                    + Json.jsString(e.getAriaRole()) + "}");
        }, n -> !n.path("name").asText().isEmpty(), JsonNode::toString);
    }

    /** Clicks the one rendered button whose accessible name is {@code name}. */
    private static void click(Attendee who, String name) {
        named(who, "button", name).click();
    }

    /** The one rendered element matching {@code selector} whose accessible name (as the browser computes it) is {@code name}. */
    private static WebElement named(Attendee who, String selector, String name) {
        return Poll.await(who + ": " + selector + " named \"" + name + "\"", TIMEOUT, () -> {
            @SuppressWarnings("unchecked")
            List<WebElement> found = (List<WebElement>) ((JavascriptExecutor) who.driver()).executeScript("""
                    const modal = document.querySelector('dialog:modal');
                    return [...document.querySelectorAll(arguments[0])].filter((el) => el.checkVisibility()
                      && !el.closest('[hidden], [inert], [aria-hidden="true"]') && (!modal || modal.contains(el)));
                    """, selector);
            List<WebElement> matching = found.stream().filter(e -> name.equals(e.getAccessibleName())).toList();
            return matching.size() == 1 ? matching.get(0) : null;
        }, e -> e != null, e -> "none or several");
    }

    /** The control of the {@code <label>} with this text (in the open dialog when there is one). */
    private static WebElement labelled(Attendee who, String label) {
        return named(who, "select, input", label);
    }

    private static void assertClean(String screen, List<Axe.Violation> violations) {
        violations.forEach(v -> System.out.println("axe on " + screen + ": " + v));
        List<Axe.Violation> blocking = violations.stream().filter(Axe.Violation::blocking).toList();
        assertEquals(List.of(), blocking, "serious or critical axe violations on the " + screen);
    }
}
