package parley.e2e.ux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
import parley.e2e.Json;
import parley.e2e.Poll;
import parley.e2e.ServerHandle;
import parley.e2e.ServerSpec;
import parley.e2e.TestServer;

/**
 * Meetings survive what networks and servers do: after a dropped signaling connection or a
 * server restart on the same ports, each browser gets back into the same room by itself
 * (the page goes "reconnecting", then "joined"), the others see it again and video flows
 * again. Someone who reconnects is, to the others, one event: "Roy reconnected.", with his
 * tile kept in place, never "Roy left." or "Roy joined.". The tests run in
 * order with the same two people; each starts from a meeting in which both see each other.
 */
@Tag("e2e")
@Tag("solo") // run alone (pom.xml, e2e-solo): a reconnection deadline is measured
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReconnectionTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    /** What the issue allows for getting back after a server restart. */
    private static final Duration RESTART_BUDGET = Duration.ofSeconds(15);
    /** How long the server is away in a restart: about what a JVM takes to stop and start. */
    private static final Duration RESTART_DOWNTIME = Duration.ofSeconds(3);

    private static ServerSpec spec;
    private static ServerHandle server;
    private static Attendee rae;
    private static Attendee roy;
    private static String room;

    @BeforeAll
    static void start() {
        spec = ServerSpec.onFreePorts(List.of("127.0.0.1"));
        server = TestServer.start(spec);
        rae = Attendee.start(6);
        roy = Attendee.start(7);
        Watch.install(rae);
        Watch.install(roy);
        room = "again-" + Long.toHexString(System.nanoTime());
        rae.join(roomUrl(), "Rae");
        roy.join(roomUrl(), "Roy");
        seeEachOther();
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {rae, roy, server}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                System.err.println("closing " + c + ": " + e);
            }
        }
    }

    @Test
    @Order(1)
    void droppedConnectionComesBack() {
        String before = roy.participantId();
        rae.eval(cameraTile(before) + ".dataset.before = 'roy'"); // to tell the same tile from a new one
        forgetStates();
        roy.eval("window.__watch.sockets.at(-1).close()");
        awaitBack(roy, TIMEOUT);
        String after = roy.participantId();
        assertEquals(room, roy.eval("window.parley.room").asText());
        assertNotEquals(before, after, "a rejoin gets a new participant id");
        Poll.until("Rae seeing Roy under his new id", TIMEOUT, () -> rae.eval(
                "window.parley.participants().some(p => p.id === " + Json.jsString(after) + ")").asBoolean());
        seeEachOther();
        assertEquals("roy", rae.eval(cameraTile(after) + "?.dataset.before ?? null").asText(),
                "Rae's tile for Roy is the one he had (kept in place under his new id)");
        List<String> heard = announcements(rae);
        System.out.println("Rae heard: " + heard);
        assertEquals(1, heard.stream().filter("Roy reconnected."::equals).count(), "Rae heard once that Roy reconnected: " + heard);
        assertTrue(heard.stream().noneMatch(t -> t.startsWith("Roy ") && !t.equals("Roy reconnected.")),
                "nothing else about Roy (no \"left\", no \"joined\"): " + heard);
    }

    @Test
    @Order(2)
    void serverRestartOnTheSamePortsComesBack() throws InterruptedException {
        forgetStates();
        long t0 = System.nanoTime();
        server.close();
        Thread.sleep(RESTART_DOWNTIME.toMillis()); // the outage itself: browsers meet refused connections meanwhile
        server = TestServer.start(spec);
        long restartMs = (System.nanoTime() - t0) / 1_000_000;
        for (Attendee a : List.of(rae, roy)) {
            awaitBack(a, RESTART_BUDGET.minusNanos(System.nanoTime() - t0));
        }
        long backMs = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("server away %d ms; both back in the room %d ms after the stop; roles now: Rae %s, Roy %s%n",
                restartMs, backMs, rae.eval("window.parley.role").asText(), roy.eval("window.parley.role").asText());
        assertEquals(room, rae.eval("window.parley.room").asText());
        assertEquals(room, roy.eval("window.parley.room").asText());
        seeEachOther();
    }

    /**
     * Waits until the attendee has been "reconnecting" and is "joined" again, and checks
     * that a screen reader heard both.
     */
    private static void awaitBack(Attendee a, Duration timeout) {
        Poll.await(a + " back in the meeting", timeout,
                () -> a.eval("({states: window.__watch.states, state: window.parley.state})"),
                n -> n.path("states").toString().contains("\"reconnecting\"") && "joined".equals(n.path("state").asText()),
                JsonNode::toString);
        JsonNode announced = a.eval("window.__watch.announced");
        assertTrue(announced.toString().contains("Connection lost. Reconnecting…")
                && announced.toString().contains("Reconnected to the meeting."), a + " announced " + announced);
    }

    /** A script expression: the camera tile of {@code participantId} in the page, or null. */
    private static String cameraTile(String participantId) {
        return "document.querySelector(" + Json.jsString("[data-source=camera][data-participant-id=\"" + participantId + "\"]") + ")";
    }

    private static List<String> announcements(Attendee a) {
        return Json.MAPPER.convertValue(a.eval("window.__watch.announced"),
                Json.MAPPER.getTypeFactory().constructCollectionType(List.class, String.class));
    }

    private static String roomUrl() {
        return server.baseUrl() + room;
    }

    private static void forgetStates() {
        for (Attendee a : List.of(rae, roy)) {
            a.eval("window.__watch.states.length = window.__watch.announced.length = 0");
        }
    }

    /** Each sees the other by name, and video from the other's current id is being decoded. */
    private static void seeEachOther() {
        String royId = rae.awaitOther("Roy", TIMEOUT);
        String raeId = roy.awaitOther("Rae", TIMEOUT);
        rae.awaitVideoFrom(royId, TIMEOUT);
        roy.awaitVideoFrom(raeId, TIMEOUT);
        assertEquals(List.of("Roy"), names(rae), "Rae's meeting");
        assertEquals(List.of("Rae"), names(roy), "Roy's meeting");
    }

    private static List<String> names(Attendee a) {
        return Json.MAPPER.convertValue(a.otherNames(),
                Json.MAPPER.getTypeFactory().constructCollectionType(List.class, String.class));
    }
}
