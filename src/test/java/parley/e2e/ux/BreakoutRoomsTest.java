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
import parley.e2e.Json;
import parley.e2e.MeetingClient;
import parley.e2e.Page;
import parley.e2e.ParleyServerExtension;
import parley.e2e.Poll;
import parley.e2e.StatsProbe;

/**
 * Issue 13, breakout rooms, in three tabs of one Chromium: Ana (the host) opens two rooms,
 * sends Ben to Room 1 and Cleo to Room 2 through the per-person selects, and visits Room 1
 * herself. Ana and Ben see and hear each other; nobody receives any media from another room
 * (their statistics show no inbound track from them); Cleo cannot enter a room with a
 * made-up or an already used move token (raw protocol: move-refused). "Close breakout
 * rooms" brings everyone back to the main room, where all see and hear each other again.
 * axe-core finds nothing serious on the breakout dialog or on the "You are in Room 1"
 * header. The tests run in order on one meeting.
 */
@Tag("e2e")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BreakoutRoomsTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** How long a tab is watched for media that must not come. */
    private static final Duration NOTHING_FOR = Duration.ofSeconds(4);

    @RegisterExtension
    static final ParleyServerExtension parley = ParleyServerExtension.onLoopback();

    private static Attendee anaTab;
    private static Attendee benTab;
    private static MeetingClient ana;
    private static MeetingClient ben;
    private static MeetingClient cleo;

    @BeforeAll
    static void meet() {
        anaTab = Attendee.start(0);
        String link = parley.link("breakouts-" + Long.toHexString(System.nanoTime()));
        ana = joinWhenReady(anaTab, link, "Ana", false);
        benTab = anaTab.newTab();
        ben = joinWhenReady(benTab, link, "Ben", false);
        cleo = joinWhenReady(anaTab.newTab(), link, "Cleo", true);
        ana.awaitSeesAndHears(cleo);
    }

    @AfterAll
    static void close() {
        if (anaTab != null) {
            anaTab.close();
        }
    }

    @Test
    @Order(1)
    void peopleInDifferentBreakoutsNeitherSeeNorHearEachOther() {
        ana.click("Breakout rooms");
        ana.fill("Number of rooms", "2");
        ana.click("Open breakout rooms");
        choose(ana, "Room for Ben", "Room 1");
        choose(ana, "Room for Cleo", "Room 2");
        ana.click("Join Room 1"); // moderators may visit any room
        for (MeetingClient c : List.of(ana, ben)) awaitIn(c, "Room 1");
        awaitIn(cleo, "Room 2");

        ana.awaitSeesAndHears(ben);
        ben.awaitSeesAndHears(ana);
        assertEquals(List.of("Ana", "Ben"), names(ben), "only Room 1's people in Room 1");
        assertEquals(List.of("Cleo"), names(cleo));
        assertEquals("connected", StatsProbe.stats(cleo.page()).path("connectionState").asText(),
                "Cleo's media connection is up: what does not come is not sent");
        assertNothingFrom(cleo, ana, ben);
        assertNothingFrom(ben, cleo);
        assertTrue(text(ben).contains("You are in Room 1"), "Ben's header says where he is: " + text(ben));
    }

    @Test
    @Order(2)
    void nobodyEntersABreakoutWithoutBeingSentThere() {
        JsonNode used = cleo.page().eval("window.moveTokens");
        assertEquals(1, used.size(), "Cleo was sent once: " + used);
        assertEquals("move-refused", rawJoinMove(cleo.page(), "made-up-token"), "a guessed token");
        assertEquals("move-refused", rawJoinMove(cleo.page(), used.get(0).asText()), "a token is for one join");
        JsonNode join = rawFirstAnswer(cleo.page(), "{\"type\":\"join\",\"room\":\"~abcde\",\"name\":\"Eve\"}");
        assertEquals("bad-request", join.path("code").asText(), "a join cannot name a breakout: " + join);
    }

    @Test
    @Order(3)
    void breakoutDialogAndIndicatorAreAccessible() {
        ana.click("Breakout rooms");
        ana.awaitControl("combobox", "Room for Cleo");
        assertClean("breakout dialog (moderator)", Axe.audit(anaTab));
        assertClean("meeting in a breakout room", Axe.audit(benTab));
    }

    @Test
    @Order(4)
    void closingBringsEveryoneBackToSeeAndHearEveryone() {
        ana.click("Close breakout rooms");
        for (MeetingClient c : List.of(ana, ben, cleo)) awaitIn(c, null);
        Poll.await("Ana seeing everyone back", TIMEOUT, () -> names(ana), n -> n.size() == 3);
        ana.awaitSeesAndHears(ben);
        ana.awaitSeesAndHears(cleo);
        cleo.awaitSeesAndHears(ben);
        ben.awaitSeesAndHears(cleo);
        assertTrue(!text(ben).contains("You are in"), "no breakout indicator in the main room: " + text(ben));
    }

    // ---- helpers

    /**
     * Opens the link in {@code tab} and joins once the fake camera and microphone are listed:
     * three tabs starting their devices at once on a loaded 2-core machine take longer than
     * MeetingClient's 10 s for a control. {@code keepTokens}: spy on move tokens first.
     */
    private static MeetingClient joinWhenReady(Attendee tab, String link, String name, boolean keepTokens) {
        MeetingClient c = MeetingClient.in(tab.page()).open(link);
        if (keepTokens) keepMoveTokens(tab.page());
        for (String device : List.of("Camera", "Microphone")) {
            Poll.await(tab.page().label() + " listing a " + device, TIMEOUT, () -> c.state("combobox", device),
                    s -> s != null && !s.path("value").asText("").isEmpty());
        }
        return c.join(name);
    }

    /** Picks {@code option} in the select named {@code label} (its label), as a person would. */
    static void choose(MeetingClient c, String label, String option) {
        c.awaitControl("combobox", label);
        JsonNode done = c.page().call("""
                (label, option) => {
                  const select = [...document.querySelectorAll('select')]
                      .find((s) => [...s.labels].map((l) => l.textContent.trim()).join(' ') === label);
                  const o = [...select.options].find((x) => x.textContent === option);
                  if (!o) return null;
                  select.focus();
                  select.value = o.value;
                  select.dispatchEvent(new Event('change', {bubbles: true}));
                  return option;
                }""", label, option);
        assertEquals(option, done.asText(), label + " offers " + option);
    }

    /** Waits until the tab is in {@code room} (null: the main room) with its meeting screen up. */
    static void awaitIn(MeetingClient c, String room) {
        String expected = room == null ? "" : room;
        Poll.await(c + " in " + (room == null ? "the main room" : room), TIMEOUT,
                () -> c.page().eval("`${window.parley.state}/${window.parley.breakout?.name ?? ''}`").asText(),
                s -> s.equals("joined/" + expected));
    }

    /** Everyone in the tab's room, by name, sorted. */
    private static List<String> names(MeetingClient c) {
        List<String> out = new java.util.ArrayList<>();
        c.page().eval("window.parley.participants().map((p) => p.name).sort()").forEach(n -> out.add(n.asText()));
        return out;
    }

    private static String text(MeetingClient c) {
        return c.page().eval("document.querySelector('.meeting-header')?.innerText ?? ''").asText();
    }

    /** Watches {@code c}'s statistics for a while: no inbound track from any of {@code others}. */
    private static void assertNothingFrom(MeetingClient c, MeetingClient... others) {
        long end = System.nanoTime() + NOTHING_FOR.toNanos();
        do {
            for (StatsProbe.Inbound i : StatsProbe.inbound(StatsProbe.stats(c.page()))) {
                for (MeetingClient o : others) {
                    assertTrue(!o.participantId().equals(i.participantId()), c + " receives " + i + " from " + o);
                }
            }
            Poll.pause(Duration.ofMillis(Poll.INTERVAL_MS));
        } while (System.nanoTime() < end);
    }

    /** Keeps the move tokens the tab's signaling receives in window.moveTokens (install before joining). */
    private static void keepMoveTokens(Page page) {
        page.eval("""
                (() => {
                  window.moveTokens = [];
                  const send = WebSocket.prototype.send;
                  const seen = new WeakSet();
                  WebSocket.prototype.send = function (data) {
                    if (!seen.has(this)) {
                      seen.add(this);
                      this.addEventListener('message', (e) => {
                        const m = JSON.parse(e.data);
                        if (m.type === 'breakout-move') window.moveTokens.push(m.token);
                      });
                    }
                    return send.call(this, data);
                  };
                })()""");
    }

    /** A join-move with {@code token} on a connection of its own: the error code, or "joined". */
    private static String rawJoinMove(Page page, String token) {
        JsonNode m = rawFirstAnswer(page, Json.write(java.util.Map.of("type", "join-move", "token", token, "name", "Cleo")));
        return m.path("type").asText().equals("error") ? m.path("code").asText() : m.path("type").asText();
    }

    /** Sends one message on a new WebSocket to the page's server and returns the first answer. */
    private static JsonNode rawFirstAnswer(Page page, String json) {
        return page.call("""
                (json) => new Promise((resolve, reject) => {
                  const ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`);
                  const timer = setTimeout(() => reject(new Error('no answer')), 15000);
                  ws.onopen = () => ws.send(json);
                  ws.onmessage = (e) => { clearTimeout(timer); ws.close(); resolve(JSON.parse(e.data)); };
                  ws.onerror = () => reject(new Error('websocket failed'));
                })""", json);
    }

    private static void assertClean(String screen, List<Axe.Violation> violations) {
        violations.forEach(v -> System.out.println("axe on " + screen + ": " + v));
        List<Axe.Violation> blocking = violations.stream().filter(Axe.Violation::blocking).toList();
        assertEquals(List.of(), blocking, "serious or critical axe violations on the " + screen);
    }
}
