package parley.e2e.ux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.Keys;
import parley.e2e.Json;
import parley.e2e.MeetingClient;
import parley.e2e.ParleyServerExtension;
import parley.e2e.Poll;

/**
 * Issue 13, reactions, the raised-hand queue and polls, in one meeting of three tabs of one
 * Chromium (Ann the host, Ben, Cat; cameras and microphones off): three hands go up and Ann's queue keeps
 * their order, and she lowers one; Ben's applause reaches the others and is announced; a
 * poll gets three votes with live results on every page, and a second vote sent on Ben's
 * own connection is refused by the server ({@code already-voted}); an anonymous poll names
 * nobody; axe-core finds nothing serious on the poll dialogs; a new poll and the speaker
 * statistics by keyboard alone. The tests run in order.
 */
@Tag("e2e")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SocialUiTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final String LUNCH = "Where shall we have lunch on Thursday?";
    private static final String DRINK = "Coffee or tea at the break?";
    private static final String KEYS_QUESTION = "Shall we meet again next week?";

    @RegisterExtension
    static final ParleyServerExtension parley = ParleyServerExtension.onLoopback();

    private static Attendee ann;
    private static Attendee ben;
    private static Attendee cat;
    private static MeetingClient annUi;
    private static MeetingClient benUi;
    private static MeetingClient catUi;

    @BeforeAll
    static void meet() {
        ann = Attendee.start(0);
        ben = ann.newTab();
        cat = ann.newTab();
        String room = parley.server().baseUrl() + "social-" + Long.toHexString(System.nanoTime());
        // Every tab loads the page before anyone is in the meeting: the tabs share a renderer
        // process, and on a loaded machine a load next to two live meetings can time out.
        annUi = opens(ann, room);
        benUi = opens(ben, room);
        catUi = opens(cat, room);
        joins(ann, annUi, "Ann");
        joins(ben, benUi, "Ben");
        joins(cat, catUi, "Cat");
        for (Attendee a : List.of(ann, ben)) {
            a.awaitOther("Cat", TIMEOUT);
        }
    }

    @AfterAll
    static void leave() {
        if (ann != null) {
            ann.close();
        }
        parley.assertLogNeverHeld(LUNCH, DRINK, KEYS_QUESTION, "Pizzeria Napoli", "Vegetable soup");
    }

    @Test
    @Order(1)
    void theModeratorSeesRaisedHandsInTheOrderTheyWentUpAndLowersOne() {
        List<MeetingClient> raising = List.of(catUi, benUi, annUi);
        List<String> names = List.of("Cat", "Ben", "Ann");
        for (int i = 0; i < raising.size(); i++) { // one after the other, as the server saw them
            raising.get(i).click("Raise hand");
            String name = names.get(i);
            Poll.until(name + "'s hand up on Ann's page", TIMEOUT, () -> ann.eval(
                    "window.parley.participants().find(p => p.name === " + Json.jsString(name) + ")?.handRaised === true")
                    .asBoolean());
        }
        annUi.click("Participants");
        List<String> queue = Poll.await("Ann's raised-hand queue", TIMEOUT, SocialUiTest::handQueue, q -> q.size() == 3);
        assertEquals(List.of("Cat", "Ben", "Ann (you)"), queue, "the order the hands went up");

        annUi.click("Lower Cat's hand");
        Poll.await("Ann's queue without Cat", TIMEOUT, SocialUiTest::handQueue, List.of("Ben", "Ann (you)")::equals);
        catUi.awaitControl("button", "Raise hand");
        Poll.until("Cat told who lowered her hand", TIMEOUT,
                () -> cat.eval("document.body.innerText").asText().contains("Ann lowered your hand."));
        benUi.click("Lower hand");
        annUi.click("Lower your hand");
        Poll.await("an empty queue", TIMEOUT, SocialUiTest::handQueue, List::isEmpty);
        annUi.click("Participants");
    }

    @Test
    @Order(2)
    void aReactionIsSeenAndAnnouncedByTheOthers() {
        for (Attendee a : List.of(ann, cat)) { // a reaction shows for 4 s: keep a note of each one shown
            a.eval("(() => { window.__shown = []; new MutationObserver((rs) => rs.forEach((r) => r.addedNodes.forEach("
                    + "(n) => window.__shown.push(n.textContent)))).observe(document.querySelector('[data-reactions]'), {childList: true}); })()");
        }
        benUi.click("React");
        benUi.click("Applause");
        for (Attendee a : List.of(ann, cat)) {
            Poll.await(a + "'s reactions strip", TIMEOUT, () -> a.eval("window.__shown").toString(),
                    s -> s.contains("\uD83D\uDC4F" + "Ben"));
            Poll.await(a + " announcing the applause", TIMEOUT, () -> a.eval("window.__watch.announced").toString(),
                    s -> s.contains("Ben reacted with applause."));
        }
        assertFalse(ben.eval("window.__watch.announced").toString().contains("reacted"), "nobody is told of their own reaction");
        ben.press(Keys.ESCAPE); // the picker is closed with the keyboard, and focus goes back to "React"
        assertEquals("false", ben.eval("document.querySelector('[data-tool=react]').getAttribute('aria-expanded')").asText());
        assertEquals("react", ben.eval("document.activeElement.dataset.tool ?? null").asText());
    }

    @Test
    @Order(3)
    void aPollOfThreeVotersHasLiveResultsAndASecondVoteIsRefused() {
        annUi.click("Polls");
        annUi.click("New poll");
        assertClean("the New poll dialog", Axe.audit(ann, "document.querySelector('dialog[data-dialog=new-poll]')"));
        annUi.fill("Question", LUNCH);
        annUi.fill("Option 1", "Pizzeria Napoli");
        annUi.fill("Option 2", "Vegetable soup");
        annUi.click("Start poll");
        awaitPoll(ann, LUNCH, "0 votes so far");

        Poll.await("Ben told of the poll", TIMEOUT, () -> ben.eval("window.__watch.announced").toString(),
                s -> s.contains("Ann started a poll: " + LUNCH));
        for (MeetingClient voter : List.of(benUi, catUi)) {
            voter.click("Polls");
            voter.click("Vote for Pizzeria Napoli");
        }
        annUi.click("Vote for Vegetable soup");
        for (Attendee a : List.of(ann, ben, cat)) { // live: every dialog was open before the last vote
            String poll = awaitPoll(a, LUNCH, "3 votes so far");
            assertTrue(poll.contains("2 votes (67%)") && poll.contains("1 vote (33%)"), a + ": " + poll);
            assertTrue(poll.contains("Ben, Cat"), "who voted for the pizzeria, on " + a + "'s page: " + poll);
        }
        assertFalse(awaitPoll(ben, LUNCH, "You voted for Pizzeria Napoli.").contains("You cannot change"));
        assertEquals(List.of(), benUi.names("button").stream().filter(n -> n.startsWith("Vote for")).toList(),
                "no vote buttons after voting");

        // Ben's page offers no second vote; his own connection sends one anyway.
        String pollId = ben.eval("document.querySelector('dialog[open] section.poll').dataset.pollId").asText();
        ben.eval("(() => { const ws = window.__watch.sockets.at(-1); window.__errors = [];"
                + " ws.addEventListener('message', (e) => { const m = JSON.parse(e.data); if (m.type === 'error') window.__errors.push(m); });"
                + " ws.send(JSON.stringify({type: 'vote', pollId: " + Json.jsString(pollId) + ", option: 1})); })()");
        JsonNode refusal = Poll.await("the server refusing Ben's second vote", TIMEOUT, () -> ben.eval("window.__errors"),
                e -> e.size() > 0, JsonNode::toString).get(0);
        assertEquals("already-voted", refusal.path("code").asText(), refusal.toString());
        assertEquals("vote", refusal.path("ref").asText());
        Poll.until("Ben told that a vote cannot be changed", TIMEOUT,
                () -> ben.eval("document.body.innerText").asText().contains("You have already voted in this poll"));
        assertTrue(awaitPoll(cat, LUNCH, "3 votes so far").contains("1 vote (33%)"), "the refused vote counted nowhere");
        assertClean("the Polls dialog with results", Axe.audit(ben, "document.querySelector('dialog[data-dialog=polls]')"));

        annUi.click("Close poll: " + LUNCH);
        for (Attendee a : List.of(ann, ben, cat)) {
            awaitPoll(a, LUNCH, "Closed.");
        }
    }

    @Test
    @Order(4)
    void anAnonymousPollShowsCountsButNoNames() {
        annUi.click("New poll");
        annUi.fill("Question", DRINK);
        annUi.fill("Option 1", "Coffee");
        annUi.fill("Option 2", "Tea");
        annUi.toggle("Anonymous poll");
        annUi.click("Start poll");
        awaitPoll(cat, DRINK, "0 votes so far");
        benUi.click("Vote for Tea");
        for (Attendee a : List.of(ann, cat)) {
            String poll = awaitPoll(a, DRINK, "1 vote so far");
            assertTrue(poll.contains("1 vote (100%)"), poll);
            assertFalse(poll.contains("Ben"), "a name in the anonymous poll on " + a + "'s page: " + poll);
        }
        assertTrue(awaitPoll(ben, DRINK, "You voted for Tea.").contains("Anonymous"));
        for (MeetingClient who : List.of(annUi, benUi, catUi)) {
            who.click("Close");
        }
    }

    /**
     * Keyboard only: Tab to "Polls", Enter; Shift+Tab to "New poll", Enter; type the question
     * and two options with Tab between them, Enter starts the poll and the focus is back on
     * "New poll"; Escape closes Polls with the focus on its button. Then "Speaker statistics"
     * the same way: its dialog takes the focus and Escape gives it back.
     */
    @Test
    @Order(5)
    void pollsAndSpeakerStatisticsByKeyboardOnly() {
        Keyboard keys = new Keyboard(ann);
        ann.eval("document.querySelector('h1').focus()");
        keys.tabTo("[data-tool=polls]");
        keys.press(Keys.ENTER);
        Poll.until("the focus in the open Polls dialog", TIMEOUT, () -> keys.focusMatches("dialog[open][data-dialog=polls] *"));
        keys.tabTo("dialog[open][data-dialog=polls] .dialog-form > button.button-primary", true);
        assertEquals("New poll", keys.focus().name());
        keys.press(Keys.ENTER);
        Poll.until("the focus on Question in the New poll dialog", TIMEOUT,
                () -> keys.focusMatches("dialog[open][data-dialog=new-poll] input") && "Question".equals(keys.focus().name()));
        keys.press(KEYS_QUESTION);
        keys.press(Keys.TAB);
        assertEquals("Option 1", keys.focus().name());
        keys.press("Yes");
        keys.press(Keys.TAB);
        assertEquals("Option 2", keys.focus().name());
        keys.press("No", Keys.ENTER);
        Poll.until("the New poll dialog closed, the focus back on New poll", TIMEOUT,
                () -> !ann.eval("Boolean(document.querySelector('dialog[data-dialog=new-poll]'))").asBoolean()
                        && "New poll".equals(keys.focus().name()));
        awaitPoll(ann, KEYS_QUESTION, "0 votes so far");
        keys.press(Keys.ESCAPE);
        Poll.until("Polls closed, the focus on its button", TIMEOUT,
                () -> !ann.eval("Boolean(document.querySelector('dialog[open]'))").asBoolean() && keys.focusMatches("[data-tool=polls]"));

        keys.tabTo("[data-tool=speaker-stats]");
        assertEquals("Speaker statistics", keys.focus().name());
        keys.press(Keys.ENTER);
        Poll.until("the focus on Close in the Speaker statistics dialog", TIMEOUT,
                () -> keys.focusMatches("dialog[open] .dialog-actions button") && "Close".equals(keys.focus().name()));
        keys.press(Keys.ESCAPE);
        Poll.until("Speaker statistics closed, the focus on its button", TIMEOUT,
                () -> !ann.eval("Boolean(document.querySelector('dialog[open]'))").asBoolean() && keys.focusMatches("[data-tool=speaker-stats]"));
    }

    /** Opens the link (the page is watched: announcements, WebSockets) and waits for the pre-join screen. */
    private static MeetingClient opens(Attendee a, String room) {
        Watch.install(a);
        return MeetingClient.in(a.page()).open(room);
    }

    /** Asks to start with the camera and microphone off (three meetings in one renderer: spare the CPU), types the name and joins. */
    private static void joins(Attendee a, MeetingClient c, String name) {
        for (String off : List.of("Start with camera off", "Start with microphone off")) {
            c.awaitControl("checkbox", off);
            if (!c.state("checkbox", off).path("checked").asBoolean()) {
                c.toggle(off);
            }
        }
        c.fill("Your name", name);
        c.click("Join meeting");
        a.awaitState("joined", Attendee.JOIN_TIMEOUT);
    }

    /** The names in Ann's "Raised hands" list, in its order. */
    private static List<String> handQueue() {
        JsonNode names = ann.eval("[...document.querySelectorAll('section[aria-labelledby]')]"
                + ".filter(s => !s.closest('[hidden]') && document.getElementById(s.getAttribute('aria-labelledby'))?.textContent === 'Raised hands')"
                + ".flatMap(s => [...s.querySelectorAll('li')].map(li => li.querySelector('span').textContent))");
        List<String> out = new ArrayList<>();
        names.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** Waits until the poll asking {@code question} in the open Polls dialog shows {@code words}; returns its text. */
    private static String awaitPoll(Attendee a, String question, String words) {
        return Poll.await(a + "'s poll \"" + question + "\" showing \"" + words + "\"", TIMEOUT, () -> a.eval(
                "[...document.querySelectorAll('dialog[open] section.poll')].find(s => s.querySelector('h3').textContent === "
                        + Json.jsString(question) + ")?.innerText ?? ''").asText(), t -> t.contains(words));
    }

    private static void assertClean(String screen, List<Axe.Violation> violations) {
        violations.forEach(v -> System.out.println("axe on " + screen + ": " + v));
        assertEquals(List.of(), violations.stream().filter(Axe.Violation::blocking).toList(),
                "serious or critical axe violations on " + screen);
    }
}
