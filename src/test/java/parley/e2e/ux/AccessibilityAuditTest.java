package parley.e2e.ux;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
import parley.e2e.ParleyServerExtension;
import parley.e2e.Poll;

/**
 * axe-core finds no serious or critical accessibility problem on any screen a person goes
 * through: the start page, the pre-join screen, a meeting of two, the chat and participants
 * panels, a notice, a moderator's dialog, the lobby (waiting, and the moderator's panel)
 * the end screen and an ended meeting's link; the screens around the meeting also in the dark
 * theme, and the dialogs of the toolbar (password, speaker statistics, live stream, settings,
 * polls, breakout rooms), the reactions picker and a participant's actions menu. Milder findings are printed for the record.
 * The tests run in order: each screen follows from the one before.
 */
@Tag("e2e")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AccessibilityAuditTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @RegisterExtension
    static final ParleyServerExtension parley = ParleyServerExtension.onLoopback();

    private static Attendee alice;
    private static Attendee bob;
    private static String room;

    @BeforeAll
    static void startBrowsers() {
        alice = Attendee.start(0);
        bob = alice.newTab();
        room = "audit-" + Long.toHexString(System.nanoTime());
    }

    @AfterAll
    static void stopBrowsers() {
        if (alice != null) {
            alice.close();
        }
    }

    @Test
    @Order(1)
    void welcomePage() {
        alice.navigate(parley.server().baseUrl().toString());
        alice.awaitState("welcome", TIMEOUT);
        assertCleanInBothThemes("welcome page", alice);
    }

    @Test
    @Order(2)
    void prejoinScreen() {
        alice.openPrejoin(roomUrl());
        Poll.until("device list filled", TIMEOUT,
                () -> alice.eval("document.querySelectorAll('select option').length >= 2").asBoolean());
        assertCleanInBothThemes("pre-join screen", alice);
    }

    @Test
    @Order(3)
    void meetingOfTwo() {
        alice.join(roomUrl(), "Alice");
        bob.join(roomUrl(), "Bob");
        String bobId = alice.awaitOther("Bob", TIMEOUT);
        alice.awaitVideoFrom(bobId, TIMEOUT);
        assertClean("meeting of two", Axe.audit(alice));
    }

    @Test
    @Order(4)
    void pagesAndTheSpeakerView() {
        Attendee carol = alice.newTab();
        carol.join(roomUrl(), "Carol");
        alice.awaitOther("Carol", TIMEOUT);
        alice.eval("window.parley.setMaxPageSize(1)");
        Poll.until("Alice's pager shown", TIMEOUT,
                () -> alice.eval("document.querySelector('.pager')?.checkVisibility() ?? false").asBoolean());
        assertClean("tile view with pages", Axe.audit(alice));
        alice.eval("document.querySelector('[data-tool=layout]').click()");
        Poll.until("Alice's speaker view", TIMEOUT,
                () -> alice.eval("Boolean(document.querySelector('[data-place=large]'))").asBoolean());
        assertClean("speaker view", Axe.audit(alice));
        alice.eval("document.querySelector('[data-tool=layout]').click()");
        alice.eval("window.parley.setMaxPageSize(25)");
        carol.eval("document.querySelector('[data-tool=leave]').click()");
        carol.awaitState("left", TIMEOUT);
    }

    @Test
    @Order(5)
    void chatPanelWithMessages() {
        bob.eval("document.querySelector('[data-tool=chat]').click()");
        bob.eval("(() => { const t = document.querySelector('.chat-input'); t.value = 'Hello from Bob'; "
                + "t.form.requestSubmit(); })()");
        alice.eval("document.querySelector('[data-tool=chat]').click()");
        Poll.until("Alice sees Bob's message", TIMEOUT,
                () -> alice.eval("document.querySelector('.chat-log')?.textContent.includes('Hello from Bob')").asBoolean());
        assertClean("chat panel", Axe.audit(alice));
    }

    @Test
    @Order(6)
    void participantsPanel() {
        alice.eval("document.querySelector('[data-tool=participants]').click()");
        Poll.until("participants panel open", TIMEOUT,
                () -> alice.eval("document.querySelector('[data-tool=participants]').getAttribute('aria-expanded') === 'true'")
                        .asBoolean());
        alice.eval("document.querySelector('.panel:not([hidden]) .invite button').click()");
        Poll.until("a notice shown", TIMEOUT, () -> alice.eval("Boolean(document.querySelector('.notice'))").asBoolean());
        assertClean("participants panel (host) with a notice", Axe.audit(alice));
    }

    @Test
    @Order(7)
    void dialog() {
        alice.eval("[...document.querySelectorAll('.room-actions button')].find(b => b.textContent === 'Set password').click()");
        Poll.until("dialog open", TIMEOUT, () -> alice.eval("Boolean(document.querySelector('dialog[open]'))").asBoolean());
        assertClean("set-password dialog", Axe.audit(alice));
        alice.eval("document.querySelector('dialog[open]').close('cancel')");
        alice.eval("document.querySelector('[data-tool=speaker-stats]').click()");
        Poll.until("speaker statistics open", TIMEOUT, () -> alice.eval("Boolean(document.querySelector('dialog[open] table'))").asBoolean());
        assertClean("speaker statistics dialog", Axe.audit(alice));
        alice.eval("document.querySelector('dialog[open]').close()");
        alice.eval("document.querySelector('[data-tool=stream]').click()");
        Poll.until("the live stream dialog open", TIMEOUT, () -> alice.eval("Boolean(document.querySelector('dialog[open]'))").asBoolean());
        assertClean("live stream dialog", Axe.audit(alice));
        alice.eval("document.querySelector('dialog[open]').close('cancel')");
        auditDialog("settings dialog", "[data-tool=settings]");
        auditDialog("polls dialog", "[data-tool=polls]");
        auditDialog("breakout rooms dialog", "[data-tool=breakouts]");
        auditDialog("background and effects dialog", "[data-tool=effects]");
    }

    @Test
    @Order(8)
    void reactionsAndAPersonsMenu() {
        alice.eval("document.querySelector('[data-tool=react]').click()");
        Poll.until("the reactions open", TIMEOUT,
                () -> alice.eval("document.querySelector('.reaction-picker')?.checkVisibility() ?? false").asBoolean());
        assertClean("reactions picker", Axe.audit(alice));
        alice.eval("document.querySelector('[data-tool=react]').click()");
        alice.eval("[...document.querySelectorAll('[aria-haspopup=menu]')]"
                + ".find(b => b.textContent === 'More actions for Bob' && b.checkVisibility()).click()");
        Poll.until("Bob's menu open", TIMEOUT,
                () -> alice.eval("Boolean([...document.querySelectorAll('[role=menu]')].find(m => m.checkVisibility()))").asBoolean());
        assertClean("a participant's actions menu", Axe.audit(alice));
        alice.eval("document.activeElement.dispatchEvent(new KeyboardEvent('keydown', {key: 'Escape', bubbles: true}))");
    }

    /** Opens the dialog behind a toolbar button, audits it, closes it. */
    private static void auditDialog(String what, String button) {
        alice.eval("document.querySelector('" + button + "').click()");
        Poll.until(what + " open", TIMEOUT, () -> alice.eval("Boolean(document.querySelector('dialog[open]'))").asBoolean());
        assertClean(what, Axe.audit(alice));
        alice.eval("document.querySelector('dialog[open]').close()");
        Poll.until(what + " closed", TIMEOUT, () -> !alice.eval("Boolean(document.querySelector('dialog[open]'))").asBoolean());
    }

    @Test
    @Order(9)
    void lobby() {
        alice.eval("[...document.querySelectorAll('.room-actions button')].find(b => b.textContent === 'Enable lobby').click()");
        Poll.until("the lobby on", TIMEOUT, () -> alice.eval(
                "[...document.querySelectorAll('.room-actions button')].some(b => b.textContent === 'Disable lobby')").asBoolean());
        Attendee cid = alice.newTab();
        cid.openPrejoin(roomUrl());
        cid.eval("(() => { document.querySelector('input[name=name]').value = 'Cid';"
                + " document.querySelector('form.prejoin-form').requestSubmit(); })()");
        cid.awaitState("lobby", TIMEOUT);
        assertCleanInBothThemes("lobby waiting screen", cid);
        Poll.until("Alice's lobby panel shown", TIMEOUT,
                () -> alice.eval("document.querySelector('.lobby-panel')?.checkVisibility() ?? false").asBoolean());
        assertClean("meeting with the lobby panel", Axe.audit(alice));
        cid.eval("[...document.querySelectorAll('button')].find(b => b.textContent === 'Cancel').click()");
        cid.awaitState("prejoin", TIMEOUT);
    }

    @Test
    @Order(10)
    void endScreen() {
        bob.eval("document.querySelector('[data-tool=leave]').click()");
        bob.awaitState("left", TIMEOUT);
        assertCleanInBothThemes("end screen", bob);
    }

    /** Alice ends the meeting for everyone; Bob, coming back to its link, is told it ended. */
    @Test
    @Order(11)
    void endedMeetingScreen() {
        alice.eval("[...document.querySelectorAll('button')].find(b => b.textContent === 'End meeting for all').click()");
        Poll.until("the confirmation open", TIMEOUT, () -> alice.eval("Boolean(document.querySelector('dialog[open]'))").asBoolean());
        alice.eval("[...document.querySelectorAll('dialog[open] button')].find(b => b.textContent === 'End meeting for all').click()");
        alice.awaitState("ended", TIMEOUT);
        bob.openPrejoin(roomUrl());
        bob.eval("(() => { document.querySelector('input[name=name]').value = 'Bob';"
                + " document.querySelector('form.prejoin-form').requestSubmit(); })()");
        bob.awaitState("gone", TIMEOUT);
        assertClean("ended meeting's link", Axe.audit(bob));
    }

    private static String roomUrl() {
        return parley.server().baseUrl() + room;
    }

    /**
     * The screens around the meeting in both themes (theme.js): as they are (headless Chromium
     * prefers light), then dark. The meeting room is dark in both themes, so it is audited once.
     */
    private static void assertCleanInBothThemes(String screen, Attendee who) {
        assertClean(screen, Axe.audit(who));
        who.eval("document.documentElement.dataset.theme = 'dark'");
        try {
            assertClean(screen + " (dark theme)", Axe.audit(who));
        } finally {
            who.eval("document.documentElement.dataset.theme = 'light'");
        }
    }

    private static void assertClean(String screen, List<Axe.Violation> violations) {
        violations.forEach(v -> System.out.println("axe on " + screen + ": " + v));
        List<Axe.Violation> blocking = violations.stream().filter(Axe.Violation::blocking).toList();
        assertEquals(List.of(), blocking, "serious or critical axe violations on the " + screen);
    }
}
