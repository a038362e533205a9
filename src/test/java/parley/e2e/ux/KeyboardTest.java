package parley.e2e.ux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
import org.openqa.selenium.Keys;
import parley.e2e.ParleyServerExtension;
import parley.e2e.Poll;

/**
 * Someone who uses only the keyboard gets through a meeting: from the pre-join screen they
 * type their name and join, open the chat, send a message, close it with Escape (focus goes
 * back to the Chat button), mute and unmute, open the participants and a dialog. Every
 * toolbar control is reachable with Tab, has an accessible name and shows where the focus is.
 * The tests run in order on one browser.
 */
@Tag("e2e")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeyboardTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @RegisterExtension
    static final ParleyServerExtension parley = ParleyServerExtension.onLoopback();

    private static Attendee kim;
    private static Keyboard keys;
    private static String roomUrl;

    @BeforeAll
    static void startBrowser() {
        kim = Attendee.start(2);
        keys = new Keyboard(kim);
        roomUrl = parley.server().baseUrl() + "keys-" + Long.toHexString(System.nanoTime());
    }

    @AfterAll
    static void stopBrowser() {
        if (kim != null) {
            kim.close();
        }
    }

    @Test
    @Order(1)
    void joinAndChatWithTheKeyboardOnly() {
        kim.openPrejoin(roomUrl);
        Poll.until("the name field focused", TIMEOUT, () -> keys.focusMatches("input[name=name]"));
        assertEquals("Your name", keys.focus().name());
        keys.press("Kim");
        List<Keyboard.Focus> passed = keys.tabTo("form.prejoin-form button[type=submit]");
        System.out.println("pre-join Tab order: " + passed);
        passed.forEach(f -> assertFalse(f.name().isBlank(), "no accessible name: " + f));
        assertEquals("Join meeting", keys.focus().name());
        keys.press(Keys.ENTER);
        kim.awaitState("joined", TIMEOUT);

        keys.tabTo("[data-tool=chat]");
        keys.press(Keys.ENTER);
        Poll.until("the message box focused in the open chat", TIMEOUT, () -> keys.focusMatches(".panel:not([hidden]) .chat-input"));
        assertEquals("Message", keys.focus().name());
        keys.press("Hello by keyboard", Keys.ENTER);
        Poll.until("the message sent and confirmed", TIMEOUT, () -> kim.eval(
                "[...document.querySelectorAll('.chat-message.is-own:not(.is-pending) .chat-text')]"
                        + ".some(p => p.textContent === 'Hello by keyboard')").asBoolean());

        keys.press(Keys.ESCAPE);
        Poll.until("the chat closed and the focus back on the Chat button", TIMEOUT,
                () -> keys.focusMatches("[data-tool=chat][aria-expanded=false]"));
        assertTrue(kim.eval("document.querySelector('.chat-input').closest('.panel').hidden").asBoolean());
    }

    @Test
    @Order(2)
    void muteAndUnmuteWithSpace() {
        keys.tabTo("[data-tool=mic]", true);
        assertEquals("Mute microphone", keys.focus().name());
        keys.press(Keys.SPACE);
        Poll.until("the microphone muted", TIMEOUT, () -> "Unmute microphone".equals(keys.focus().name()));
        // The label changes at once; the server's participant-updated follows a moment later.
        Poll.until("the server told that the microphone is off", TIMEOUT, KeyboardTest::selfAudioMuted);
        keys.press(Keys.SPACE);
        Poll.until("the microphone live again", TIMEOUT, () -> "Mute microphone".equals(keys.focus().name()));
        Poll.until("the server told that the microphone is on", TIMEOUT, () -> !selfAudioMuted());
    }

    @Test
    @Order(3)
    void participantsPanelAndDialog() {
        keys.tabTo("[data-tool=participants]");
        keys.press(Keys.ENTER);
        Poll.until("the participants panel open with its heading focused", TIMEOUT,
                () -> keys.focusMatches(".panel:not([hidden]) h2"));
        assertEquals("Participants", keys.focus().name());

        // Kim opened the room, so Kim is its host and has the room actions.
        List<Keyboard.Focus> passed = keys.tabTo(".room-actions button:nth-child(4)");
        passed.forEach(f -> assertFalse(f.name().isBlank(), "no accessible name: " + f));
        assertEquals("Set password", keys.focus().name());
        keys.press(Keys.ENTER);
        Poll.until("the dialog open with its field focused", TIMEOUT, () -> keys.focusMatches("dialog[open] input"));
        assertEquals("Room password", keys.focus().name());
        keys.press(Keys.ESCAPE);
        Poll.until("the dialog closed and the focus back on Set password", TIMEOUT,
                () -> !kim.eval("Boolean(document.querySelector('dialog'))").asBoolean()
                        && "Set password".equals(keys.focus().name()));

        keys.press(Keys.ESCAPE);
        Poll.until("the participants panel closed, the focus on its button", TIMEOUT,
                () -> keys.focusMatches("[data-tool=participants][aria-expanded=false]"));
    }

    @Test
    @Order(4)
    void everyToolbarControlIsReachableNamedAndShowsFocus() {
        JsonNode unfocused = kim.eval("(() => { document.querySelector('h1').focus(); return Object.fromEntries("
                + VISIBLE_TOOLBAR_BUTTONS + ".map(b => [b.dataset.tool, " + FOCUS_STYLE + "(b)])); })()");
        List<String> tools = new ArrayList<>();
        unfocused.fieldNames().forEachRemaining(tools::add);
        assertTrue(tools.containsAll(List.of("mic", "camera", "hand", "chat", "participants", "leave")), "toolbar: " + tools);

        Map<String, String> problems = new LinkedHashMap<>();
        List<String> reached = new ArrayList<>();
        for (int i = 0; i < Keyboard.MAX_PRESSES && reached.size() < tools.size(); i++) {
            keys.press(false);
            JsonNode now = kim.eval("(() => { const e = document.activeElement; "
                    + "return e?.closest('.toolbar') ? {tool: e.dataset.tool ?? null, style: " + FOCUS_STYLE + "(e)} : null; })()");
            if (now.isNull()) {
                continue;
            }
            String tool = now.path("tool").asText();
            Keyboard.Focus focus = keys.focus();
            reached.add(tool);
            if (focus.name().isBlank() || !"button".equals(focus.role())) {
                problems.put(tool, "accessible role/name " + focus);
            }
            String before = unfocused.path(tool).asText();
            String after = now.path("style").asText();
            if (before.equals(after)) {
                problems.put(tool, "looks the same focused and unfocused: " + after);
            }
            System.out.println("toolbar " + focus + " focus style: " + after + " (unfocused: " + before + ")");
        }
        assertEquals(tools, reached, "Tab order through the toolbar");
        assertEquals(Map.of(), problems);
    }

    /** The toolbar's buttons that are shown, in DOM order. */
    private static final String VISIBLE_TOOLBAR_BUTTONS =
            "[...document.querySelectorAll('.toolbar button')].filter(b => b.checkVisibility())";

    /** A function of an element: its outline and box shadow, what shows focus. */
    private static final String FOCUS_STYLE =
            "(e => { const s = getComputedStyle(e); return s.outlineStyle + ' ' + s.outlineWidth + ' ' + s.outlineColor"
                    + " + ' / ' + s.boxShadow; })";

    private static boolean selfAudioMuted() {
        return kim.eval("window.parley.participants().find(p => p.id === window.parley.participantId).audioMuted")
                .asBoolean();
    }
}
