package parley.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Two honest participants in a fresh room of a {@link LiveServer}, watching an offender.
 * The offender alone must get the documented {@code error} (or close code); the honest two
 * receive nothing but what the protocol says they must (the offender's arrival, departure
 * or state), stay connected and can still chat; the server counts the errors; and nothing
 * private reaches the log at the shipped level.
 *
 * <p>"Receive nothing" is proved with a barrier rather than a sleep: the offender toggles
 * its raised hand, which everyone gets as {@code participant-updated}. The room handles
 * one connection's messages in order, so anything the offence caused would come first.
 */
final class HonestPair {
    static final String ROOM_PREFIX = "Quiet-Harbor-";
    static final String ALICE = "Ada Quillfeather";
    static final String BOB = "Bertil Marshwood";
    static final String MALLORY = "Mallory Nightjar";
    static final String CHAT = "the harbour gate code is 4711";
    private static final AtomicInteger ROOMS = new AtomicInteger();

    final String room;
    final WsPeer alice;
    final WsPeer bob;
    private final LiveServer server;
    private final Map<String, Long> errorsBefore;

    private HonestPair(LiveServer server, String room, WsPeer alice, WsPeer bob) {
        this.server = server;
        this.room = room;
        this.alice = alice;
        this.bob = bob;
        this.errorsBefore = server.signal().errorCounts();
    }

    /** A fresh room with Alice (host) and Bob in it, each having seen the other arrive. */
    static HonestPair open(LiveServer server) throws Exception {
        String room = ROOM_PREFIX + ROOMS.incrementAndGet();
        WsPeer alice = server.connect();
        alice.join(room, ALICE);
        WsPeer bob = server.connect();
        bob.join(room, BOB);
        alice.next("participant-joined");
        return new HonestPair(server, room, alice, bob);
    }

    /** Stops the server after checking that its log holds nothing private that the tests used. */
    static void checkLogsAndStop(LiveServer server) {
        try {
            assertTrue(server.logs().text().contains("room opened"), "the capture works: " + server.logs().tail(5));
            server.logs().assertNoneContain(ROOM_PREFIX, ROOM_PREFIX.toLowerCase(), ALICE, BOB, MALLORY, "Evadne",
                    CHAT, "127.0.0.1", "localhost");
        } finally {
            server.close();
        }
    }

    /** Sends each frame; each must be answered {@code error} {@code bad-request} with {@code ref} null. */
    static void eachIsABadRequestWithoutRef(WsPeer offender, List<String> frames) throws Exception {
        for (String frame : frames) {
            offender.send(frame);
            JsonNode e = offender.next();
            assertEquals("error bad-request null",
                    e.path("type").asText() + " " + e.path("code").asText() + " " + e.path("ref").asText(), frame);
        }
    }

    /** Mallory joins the room; the honest two see her arrive. */
    WsPeer joinedOffender() throws Exception {
        WsPeer mallory = server.connect();
        mallory.join(room, MALLORY);
        alice.next("participant-joined");
        bob.next("participant-joined");
        return mallory;
    }

    /**
     * The offender raises (or lowers) their hand; the honest two must get exactly that as
     * their next message, so nothing the offence caused reached them.
     */
    void barrier(WsPeer offender) throws Exception {
        offender.handRaised = !offender.handRaised;
        offender.send("type", "update", "handRaised", offender.handRaised);
        offender.next("participant-updated");
        seeFirst("participant-updated", offender);
    }

    /** The next message of both honest participants is {@code type} about {@code who}. */
    void seeFirst(String type, WsPeer who) throws Exception {
        for (WsPeer honest : List.of(alice, bob)) {
            JsonNode m = honest.next(type);
            String id = type.equals("participant-left") ? m.path("participantId").asText()
                    : m.at("/participant/id").asText();
            assertEquals(who.id, id, m.toString());
        }
    }

    /** The honest two are still connected, can chat (group and private), and got nothing else. */
    void stillChatting(WsPeer offender) throws Exception {
        alice.send("type", "chat", "text", CHAT);
        for (WsPeer p : List.of(alice, bob)) {
            JsonNode chat = p.next("chat");
            assertEquals(CHAT, chat.path("text").asText());
            assertEquals(alice.id, chat.path("from").asText());
        }
        if (offender != null) offender.next("chat");
        bob.send("type", "chat", "text", CHAT, "to", alice.id);
        assertTrue(alice.next("chat").path("private").asBoolean());
        assertTrue(bob.next("chat").path("private").asBoolean());
        alice.quietFor(200);
        bob.quietFor(0);
        assertTrue(alice.isOpen() && bob.isOpen(), "the honest participants stay connected");
    }

    /** The server's count of {@code code} errors rose by at least {@code atLeast} since the room opened. */
    void errorsRose(String code, long atLeast) {
        long before = errorsBefore.getOrDefault(code, 0L);
        long now = server.signal().errorCounts().getOrDefault(code, 0L);
        assertTrue(now - before >= atLeast, code + " errors rose by " + (now - before) + " (expected: at least " + atLeast + ")");
    }
}
