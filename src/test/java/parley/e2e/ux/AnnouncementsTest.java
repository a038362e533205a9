package parley.e2e.ux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

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
import parley.e2e.Json;
import parley.e2e.ParleyServerExtension;
import parley.e2e.Poll;

/**
 * A screen-reader user hears, through the page's polite live region, when someone joins,
 * writes and leaves; a message's text shows only in the chat log and that announcement,
 * nowhere else in the page (no title, label, notice or attribute). With the chat open the
 * chat log (role="log") reads new messages itself, and the live region does not repeat them.
 * When the server refuses a change of one's own state, the person hears why and the control
 * shows what the others see. "The browser blocked the sound." shows only when the autoplay
 * policy refused the sound, and goes once sound plays; another failure gets a notice of its
 * own. The tests run in order: one meeting, Ben joins, writes twice,
 * Ann changes her mind too often, and Ben leaves; then Cat and Dan meet to fail playing sound.
 */
@Tag("e2e")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AnnouncementsTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    /**
     * Where a text occurs in the document: the closest chat log or live region of each text
     * node holding it ("other:<element>" elsewhere), and "attribute:<name>" for attributes and
     * "title" for the document title.
     */
    private static final String WHERE_IS = """
            ((needle) => { const places = [];
              const walker = document.createTreeWalker(document.documentElement, NodeFilter.SHOW_TEXT);
              for (let n = walker.nextNode(); n; n = walker.nextNode()) {
                if (!n.textContent.includes(needle)) continue;
                const p = n.parentElement;
                places.push(p.closest('.chat-log') ? 'chat-log' : p.closest('#announcer') ? 'announcer'
                  : 'other:' + p.tagName.toLowerCase() + '.' + p.className);
              }
              for (const e of document.querySelectorAll('*')) for (const a of e.attributes)
                if (a.value.includes(needle)) places.push('attribute:' + a.name + ' of ' + e.tagName.toLowerCase());
              if (document.title.includes(needle)) places.push('title');
              return [...new Set(places)].sort(); })""";

    @RegisterExtension
    static final ParleyServerExtension parley = ParleyServerExtension.onLoopback();

    private static Attendee ann;
    private static Attendee ben;
    private static String roomUrl;

    @BeforeAll
    static void startBrowsers() {
        ann = Attendee.start(3);
        ben = ann.newTab();
        Watch.install(ann);
        roomUrl = parley.server().baseUrl() + "news-" + Long.toHexString(System.nanoTime());
    }

    @AfterAll
    static void stopBrowsers() {
        if (ann != null) {
            ann.close();
        }
    }

    @Test
    @Order(1)
    void aJoinIsAnnounced() {
        ann.join(roomUrl, "Ann");
        assertEquals("status", ann.eval("document.getElementById('announcer').getAttribute('role')").asText());
        assertEquals("polite", ann.eval("document.getElementById('announcer').getAttribute('aria-live')").asText());
        ben.join(roomUrl, "Ben");
        awaitAnnounced("Ben joined.");
    }

    @Test
    @Order(2)
    void aMessageIsAnnouncedWhileTheChatIsClosed() {
        String text = "kumquat-" + Long.toHexString(System.nanoTime());
        sendAs(ben, text);
        awaitAnnounced("Message from Ben: " + text);
        Poll.until("the message in Ann's chat log", TIMEOUT, () -> whereIs(text).contains("chat-log"));
        assertEquals(List.of("announcer", "chat-log"), whereIs(text), "where a message shows up while the chat is closed");
        assertEquals("1 unread message", ann.eval("document.getElementById(document.querySelector('[data-tool=chat]')"
                + ".getAttribute('aria-describedby')).textContent").asText(), "the Chat button's description");
    }

    @Test
    @Order(3)
    void theOpenChatLogReadsMessagesItself() {
        ann.eval("document.querySelector('[data-tool=chat]').click()");
        assertEquals("log", ann.eval("document.querySelector('.chat-log').closest('[role]').getAttribute('role')").asText());
        String text = "persimmon-" + Long.toHexString(System.nanoTime());
        sendAs(ben, text);
        Poll.until("the second message in Ann's chat log", TIMEOUT, () -> whereIs(text).contains("chat-log"));
        assertEquals(List.of("chat-log"), whereIs(text), "where a message shows up while the chat is open");
        assertFalse(ann.eval("window.__watch.announced").toString().contains(text),
                "the live region repeated a message the open chat log shows");
        ann.eval("document.querySelector('[data-tool=chat]').click()");
    }

    @Test
    @Order(4)
    void aRefusedChangeIsExplainedAndTheButtonShowsWhatOthersSee() {
        // Eleven quick toggles of the hand: the server takes ten (its burst), refuses the eleventh.
        ann.eval("(() => { const b = document.querySelector('[data-tool=hand]'); for (let i = 0; i < 11; i++) b.click(); })()");
        awaitAnnounced("Slow down: too many changes at once.");
        Poll.until("Ann's hand button showing the server's state (hand down)", TIMEOUT, () -> "Raise hand".equals(
                ann.eval("document.querySelector('[data-tool=hand] .tool-label').textContent").asText()));
        Poll.until("Ben seeing Ann's hand down", TIMEOUT, () -> !ben.eval(
                "window.parley.participants().find(p => p.name === 'Ann').handRaised").asBoolean());
    }

    @Test
    @Order(5)
    void aLeaveIsAnnounced() {
        ben.eval("document.querySelector('[data-tool=leave]').click()");
        awaitAnnounced("Ben left.");
        System.out.println("announced to Ann: " + ann.eval("window.__watch.announced"));
    }

    /**
     * "The browser blocked the sound." (sticky, with "Turn on sound") only when play() is
     * refused by the autoplay policy (NotAllowedError), and gone once sound plays (after the
     * next click anywhere); another failure gets a short notice of its own. Two more tabs in
     * a room of their own, each with play() of <audio> made to fail its way.
     */
    @Test
    @Order(6)
    void onlyTheAutoplayPolicyGetsTheBlockedSoundNoticeAndItGoesOnceSoundPlays() {
        String room = parley.server().baseUrl() + "sound-" + Long.toHexString(System.nanoTime());
        Attendee cat = ann.newTab();
        Attendee dan = ann.newTab();
        for (Attendee a : List.of(cat, dan)) {
            a.openPrejoin(room);
            a.eval("((name) => { window.__refused = 0; const play = HTMLMediaElement.prototype.play; window.__play = play;"
                    + " HTMLMediaElement.prototype.play = function () { if (!(this instanceof HTMLAudioElement))"
                    + " return play.call(this); window.__refused += 1;"
                    + " return Promise.reject(new DOMException('made to fail', name)); }; })("
                    + Json.jsString(a == cat ? "NotSupportedError" : "NotAllowedError") + ")");
        }
        cat.joinAs("Cat");
        dan.joinAs("Dan");
        for (Attendee a : List.of(cat, dan)) {
            Poll.until(a + " trying to play sound", TIMEOUT, () -> a.eval("window.__refused").asInt() > 0);
        }
        String blocked = "The browser blocked the sound.";
        Poll.until("Dan told that the browser blocked the sound", TIMEOUT,
                () -> dan.eval("document.body.innerText").asText().contains(blocked));
        String other = "Some sound from the meeting could not be played in this browser.";
        Poll.until("Cat told that some sound could not be played", TIMEOUT,
                () -> cat.eval("document.body.innerText").asText().contains(other));
        String cats = cat.eval("document.body.innerText").asText();
        assertFalse(cats.contains(blocked), "Cat's page after a NotSupportedError: " + cats);
        assertFalse(dan.eval("document.body.innerText").asText().contains(other), "Dan's blocked sound told as another failure");

        dan.eval("(HTMLMediaElement.prototype.play = window.__play,"
                + " document.body.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true })))");
        // The notices, not the live region: what was announced stays there, as said.
        Poll.until("Dan's blocked-sound notice gone once sound plays", TIMEOUT,
                () -> !dan.eval("document.querySelector('[role=region][aria-label=Notifications]').innerText").asText()
                        .contains(blocked));
        for (Attendee a : List.of(cat, dan)) {
            a.eval("document.querySelector('[data-tool=leave]').click()");
        }
    }

    private static void sendAs(Attendee sender, String text) {
        sender.eval("(() => { if (document.querySelector('[data-tool=chat]').getAttribute('aria-expanded') !== 'true')"
                + " document.querySelector('[data-tool=chat]').click();"
                + " const t = document.querySelector('.chat-input'); t.value = " + Json.jsString(text) + ";"
                + " t.form.requestSubmit(); })()");
    }

    private static void awaitAnnounced(String text) {
        Poll.await("Ann's live region announcing \"" + text + "\"", TIMEOUT, () -> ann.eval("window.__watch.announced"),
                list -> list.toString().contains(Json.jsString(text)), JsonNode::toString);
    }

    private static List<String> whereIs(String text) {
        JsonNode places = ann.eval("(" + WHERE_IS + ")(" + Json.jsString(text) + ")");
        return Json.MAPPER.convertValue(places, Json.MAPPER.getTypeFactory().constructCollectionType(List.class, String.class));
    }
}
