package parley.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * docs/protocol.md, "Transport" and "Error codes", over the real stack: in each test two
 * honest participants sit in a room while an offender sends something wrong. The offender
 * alone gets the documented {@code error} (or close code); the honest two receive nothing
 * but what the protocol says they must (the offender's arrival, departure or state), stay
 * connected and can still chat; the server counts the errors; and at the end nothing
 * private reached the log at the shipped level.
 *
 * <p>"Receive nothing" is proved with a barrier rather than a sleep: the offender toggles
 * its raised hand, which everyone gets as {@code participant-updated}. The room handles
 * one connection's messages in order, so anything the offence caused would come first.
 */
class HostileClientTest {
    private static final String ROOM_PREFIX = "Quiet-Harbor-";
    private static final String ALICE = "Ada Quillfeather";
    private static final String BOB = "Bertil Marshwood";
    private static final String MALLORY = "Mallory Nightjar";
    private static final String CHAT = "the harbour gate code is 4711";
    private static final AtomicInteger ROOMS = new AtomicInteger();

    private static LiveServer server;
    private String room;
    private WsPeer alice;
    private WsPeer bob;
    private Map<String, Long> errorsBefore;

    @BeforeAll
    static void startServer() throws Exception {
        server = LiveServer.start();
    }

    @AfterAll
    static void stopServerAndCheckLogs() {
        try {
            assertTrue(server.logs().text().contains("room opened"), "the capture works: " + server.logs().tail(5));
            server.logs().assertNoneContain(ROOM_PREFIX, ROOM_PREFIX.toLowerCase(), ALICE, BOB, MALLORY, "Evadne",
                    CHAT, "127.0.0.1", "localhost");
        } finally {
            server.close();
        }
    }

    /** A fresh room with Alice (host) and Bob in it, each having seen the other arrive. */
    @BeforeEach
    void meeting() throws Exception {
        room = ROOM_PREFIX + ROOMS.incrementAndGet();
        alice = server.connect();
        alice.join(room, ALICE);
        bob = server.connect();
        bob.join(room, BOB);
        alice.next("participant-joined");
        errorsBefore = server.signal().errorCounts();
    }

    // ---- before joining, and joining twice

    @Test
    void roomMessagesBeforeJoinAreNotJoined() throws Exception {
        WsPeer stranger = server.connect();
        stranger.send("type", "chat", "text", CHAT);
        stranger.error("not-joined", "chat");
        stranger.send("type", "offer", "sdp", "v=0", "send", List.of(), "recv", List.of());
        stranger.error("not-joined", "offer");
        stranger.send("type", "update", "handRaised", true);
        stranger.error("not-joined", "update");
        stranger.send("type", "kick", "participantId", alice.id, "reason", null);
        stranger.error("not-joined", "kick");
        stranger.send("type", "end-meeting");
        stranger.error("not-joined", "end-meeting");
        stranger.send("type", "ping");
        stranger.next("pong");

        stranger.join(room, MALLORY);
        honestSeeFirst("participant-joined", stranger);
        errorsRose("not-joined", 5);
        stillChatting(stranger);
    }

    @Test
    void secondJoinIsAlreadyJoined() throws Exception {
        WsPeer mallory = joinedOffender();
        mallory.send("type", "join", "room", room, "name", MALLORY);
        mallory.error("already-joined", "join");
        mallory.send("type", "join", "room", "another-room", "name", "Evadne");
        mallory.error("already-joined", "join");

        barrier(mallory);
        errorsRose("already-joined", 2);
        stillChatting(mallory);
    }

    // ---- frames that are not valid messages

    @Test
    void malformedJsonAndNonObjectRootsAreBadRequests() throws Exception {
        WsPeer mallory = joinedOffender();
        List<String> frames = List.of(
                "{",                                            // truncated
                "",                                             // empty frame
                "{\"type\":\"chat\",\"text\":\"hi\",}",         // trailing comma
                "{\"type\":\"ping\"}{\"type\":\"ping\"}",       // trailing data
                "{\"type\":\"ping\"} x",                        // trailing garbage
                "/* hi */ {\"type\":\"ping\"}",                 // comment
                "{'type':'ping'}",                              // single quotes
                "{type:\"ping\"}",                              // unquoted key
                "{\"type\":\"update\",\"handRaised\":NaN}",     // NaN
                "{\"type\":\"ping\",\"n\":-}",                  // a minus without digits
                "{\"type\":\"ping\",\"n\":01}",                 // a leading zero
                "\u0000\u0001\u0002",                           // control bytes
                "[{\"type\":\"ping\"}]",                        // array root
                "\"ping\"",                                     // string root
                "42",                                           // number root
                "null",                                         // null root
                "true",                                         // boolean root
                "{\"type\":\"ping\",\"x\":[[[[[[[[[[1]]]]]]]]]]}"); // nesting deeper than 8
        eachIsABadRequestWithoutRef(mallory, frames);
        mallory.send("{\"type\":\"ping\",\"future\":{\"n\":1e99999,\"s\":[null]}}"); // unknown fields: ignored
        mallory.next("pong");
        barrier(mallory);
        errorsRose("bad-request", frames.size());
        stillChatting(mallory);
    }

    @Test
    void duplicateKeysAndUnknownTypesAreBadRequests() throws Exception {
        WsPeer mallory = joinedOffender();
        List<String> frames = List.of(
                "{\"type\":\"chat\",\"text\":\"a\",\"text\":\"b\"}",
                "{\"type\":\"chat\",\"type\":\"ping\",\"text\":\"a\"}",
                "{\"type\":\"offer\",\"sdp\":\"v=0\",\"send\":[{\"mid\":\"0\",\"mid\":\"1\",\"source\":\"mic\"}],\"recv\":[]}",
                "{\"type\":\"dance\"}",
                "{\"type\":\"CHAT\",\"text\":\"a\"}",
                "{\"type\":\"\"}",
                "{\"type\":5}",
                "{\"type\":null}",
                "{\"kind\":\"ping\"}",
                "{}");
        eachIsABadRequestWithoutRef(mallory, frames);
        barrier(mallory);
        errorsRose("bad-request", frames.size());
        stillChatting(mallory);
    }

    @Test
    void wrongFieldTypesMissingFieldsAndOutOfRangeValuesAreBadRequests() throws Exception {
        WsPeer mallory = joinedOffender();
        String[][] cases = {
            {"{\"type\":\"chat\",\"text\":5}", "chat"},
            {"{\"type\":\"chat\",\"text\":[\"a\"]}", "chat"},
            {"{\"type\":\"chat\",\"text\":\"a\",\"to\":7}", "chat"},
            {"{\"type\":\"chat\"}", "chat"},
            {"{\"type\":\"chat\",\"text\":null}", "chat"},
            {"{\"type\":\"chat\",\"text\":\"   \"}", "chat"},
            {"{\"type\":\"chat\",\"text\":\"" + "x".repeat(2001) + "\"}", "chat"},
            {"{\"type\":\"update\",\"handRaised\":\"true\"}", "update"},
            {"{\"type\":\"update\",\"audioMuted\":1}", "update"},
            {"{\"type\":\"update\"}", "update"},
            {"{\"type\":\"update\",\"avatar\":\"javascript:alert(1)\"}", "update"},
            {"{\"type\":\"update\",\"avatar\":\"data:image/png;base64,<script>\"}", "update"},
            {"{\"type\":\"offer\",\"sdp\":\"v=0\"}", "offer"},
            {"{\"type\":\"offer\",\"sdp\":\"v=0\",\"send\":\"mic\",\"recv\":[]}", "offer"},
            {"{\"type\":\"offer\",\"sdp\":\"v=0\",\"send\":[5],\"recv\":[]}", "offer"},
            {"{\"type\":\"offer\",\"sdp\":\"v=0\",\"send\":[{\"mid\":\"0\",\"source\":\"speaker\"}],\"recv\":[]}", "offer"},
            {"{\"type\":\"offer\",\"sdp\":\"v=0\",\"send\":[{\"mid\":\"0\",\"source\":\"mic\"},{\"mid\":\"0\",\"source\":\"camera\"}],\"recv\":[]}", "offer"},
            {"{\"type\":\"offer\",\"sdp\":\"\",\"send\":[],\"recv\":[]}", "offer"},
            {"{\"type\":\"set-lock\",\"locked\":1}", "set-lock"},
            {"{\"type\":\"set-lobby\"}", "set-lobby"},
            {"{\"type\":\"mute\",\"participantId\":null,\"kind\":\"smell\"}", "mute"},
            {"{\"type\":\"kick\",\"participantId\":\"" + "p".repeat(65) + "\",\"reason\":null}", "kick"},
            {"{\"type\":\"set-role\",\"participantId\":\"x\",\"role\":\"host\"}", "set-role"},
            {"{\"type\":\"join\",\"room\":5,\"name\":\"Evadne\"}", "join"},
        };
        for (String[] c : cases) {
            mallory.send(c[0]);
            mallory.error("bad-request", c[1]);
        }
        barrier(mallory);
        errorsRose("bad-request", cases.length);
        stillChatting(mallory);
    }

    @Test
    void frameOverTheLimitIsTooLargeAndOneAtTheLimitIsRead() throws Exception {
        WsPeer mallory = joinedOffender();
        String over = "{\"type\":\"chat\",\"text\":\"" + "x".repeat(70_000 - 25) + "\"}";
        assertEquals(70_000, over.length());
        mallory.send(over);
        mallory.error("too-large", null);

        String atLimit = "{\"type\":\"chat\",\"text\":\"" + "y".repeat(65_536 - 25) + "\"}";
        assertEquals(65_536, atLimit.length());
        mallory.send(atLimit);
        mallory.error("bad-request", "chat"); // read and decoded: the text is over 2000 characters

        barrier(mallory);
        errorsRose("too-large", 1);
        stillChatting(mallory);
    }

    @Test
    void frameOverOneMebibyteIsNotEvenReadAndClosesWith1009() throws Exception {
        WsPeer mallory = joinedOffender();
        mallory.sendNoWait("{\"type\":\"chat\",\"text\":\"" + "z".repeat(1 << 20) + "\"}");
        assertEquals(1009, mallory.closed().code());
        honestSeeFirst("participant-left", mallory);
        stillChatting(null);
    }

    // ---- names

    @Test
    void hugeNamesAndControlCharactersAreRefusedAndTheJoinMayBeRetried() throws Exception {
        WsPeer eve = server.connect();
        List<String> names = List.of(
                "E".repeat(20_000),                    // far over 48 code points
                "E".repeat(49),                        // one over
                "\uD83D\uDE00".repeat(49),             // 49 emoji: 98 chars, 49 code points
                "   ",                                 // blank after trimming
                "Evadne\u0007",                           // BEL
                "Evad\u0000ne",                           // NUL
                "Evad\nne",                               // a line break inside
                "Evadne\u001B[31m",                       // an ANSI escape
                "\u202EendavE",                           // right-to-left override
                "Evadne\u2066x\u2069");                   // isolate
        for (String name : names) {
            eve.send("type", "join", "room", room, "name", name);
            eve.error("bad-request", "join");
        }
        for (String loneSurrogate : List.of("Evadne\\ud800", "\\udc00Evadne")) { // escaped in the JSON: raw, UTF-8 would turn them into "?"
            eve.send("{\"type\":\"join\",\"room\":\"" + room + "\",\"name\":\"" + loneSurrogate + "\"}");
            eve.error("bad-request", "join");
        }
        eve.send("type", "join", "room", room, "name", "\uD83D\uDE00".repeat(48)); // exactly 48 code points
        JsonNode joined = eve.next("joined");
        eve.id = joined.at("/you/id").asText();
        honestSeeFirst("participant-joined", eve);
        errorsRose("bad-request", names.size() + 2);
        stillChatting(eve);
    }

    // ---- media

    @Test
    void garbageOffersAreRefusedAndTheSameConnectionCanNegotiateAfterwards() throws Exception {
        WsPeer mallory = joinedOffender();
        String chrome = Sdp.fixture("chrome-156-offer.sdp");
        List<String> garbage = List.of(
                "hello, I am an SDP",
                "v=0\r\n",
                "v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\nm=audio x y z\r\n",
                "v=0\r\n" + "a=".repeat(5000),
                chrome.replaceAll("a=fingerprint:[^\r\n]*", "a=fingerprint:sha-256 ZZ:ZZ"),
                chrome.replaceAll("a=ice-ufrag:[^\r\n]*\r\n", ""),
                chrome.replace("UDP/TLS/RTP/SAVPF", "RTP/AVP"),
                chrome.substring(0, chrome.length() / 3));
        for (String sdp : garbage) {
            mallory.send("type", "offer", "sdp", sdp, "send", List.of(), "recv", List.of());
            JsonNode e = mallory.next("error");
            assertTrue(e.path("code").asText().equals("bad-request") && e.path("ref").asText().equals("offer"),
                    "garbage SDP: " + e);
        }
        mallory.send("type", "offer", "sdp", chrome, "send", List.of(Map.of("mid", "9", "source", "mic")),
                "recv", List.of());
        mallory.error("bad-request", "offer"); // the SDP has no mid 9
        mallory.send("type", "offer", "sdp", chrome, "send", List.of(),
                "recv", List.of(Map.of("mid", "2", "trackId", "t-nobody")));
        String answer = mallory.next("answer").path("sdp").asText();
        assertTrue(answer.contains("a=ice-lite") && answer.contains(" " + server.mediaPort() + " typ host"), answer);

        barrier(mallory); // nothing was published: the honest two get no tracks
        errorsRose("bad-request", garbage.size() + 1);
        stillChatting(mallory);
    }

    @Test
    void mutatedChromeOffersGetAnAnswerOrAnErrorAndNeverABug() throws Exception {
        WsPeer mallory = joinedOffender();
        String[] lines = Sdp.fixture("chrome-156-offer.sdp").split("\r\n");
        java.util.Random random = new java.util.Random(1156);
        int answers = 0;
        for (int i = 0; i < 80; i++) { // under the burst of 100: no rate limiting in the way
            mallory.send("type", "offer", "sdp", mutate(lines, random), "send", List.of(), "recv", List.of());
            JsonNode reply = mallory.next();
            if (reply.path("type").asText().equals("answer")) {
                answers++;
            } else {
                assertEquals("error bad-request offer", reply.path("type").asText() + " "
                        + reply.path("code").asText() + " " + reply.path("ref").asText(), reply.toString());
            }
        }
        assertTrue(answers > 0 && answers < 80, answers + " answers (expected: some mutations harmless, some not)");
        assertFalse(server.logs().text().contains("negotiation failed"), server.logs().tail(5));
        barrier(mallory);
        stillChatting(mallory);
    }

    /** The offer with one random change: a line dropped, doubled or cut, or a character replaced. */
    private static String mutate(String[] lines, java.util.Random random) {
        List<String> out = new ArrayList<>(List.of(lines));
        int at = random.nextInt(out.size());
        String line = out.get(at);
        switch (random.nextInt(4)) {
            case 0 -> out.remove(at);
            case 1 -> out.add(at, line);
            case 2 -> out.set(at, line.substring(0, random.nextInt(line.length() + 1)));
            default -> {
                char[] chars = line.toCharArray();
                String replacements = " :=/-0x\u00e9~";
                if (chars.length > 0) chars[random.nextInt(chars.length)] = replacements.charAt(random.nextInt(replacements.length()));
                out.set(at, new String(chars));
            }
        }
        return String.join("\r\n", out) + "\r\n";
    }

    // ---- things that end the offender's connection

    @Test
    void binaryFrameClosesTheOffenderWith1003() throws Exception {
        WsPeer mallory = joinedOffender();
        mallory.sendBinary(new byte[] {'{', '}', 0, (byte) 0xff});
        assertEquals(1003, mallory.closed().code());
        honestSeeFirst("participant-left", mallory);
        stillChatting(null);
    }

    @Test
    void floodIsRateLimitedThenClosedWith1008() throws Exception {
        WsPeer flooder = joinedOffender();
        for (int i = 0; i < 500; i++) flooder.sendNoWait("{\"type\":\"ping\"}");
        int pongs = 0;
        int limited = 0;
        for (JsonNode m = flooder.nextUntilClosed(); m != null; m = flooder.nextUntilClosed()) {
            switch (m.path("type").asText()) {
                case "pong" -> pongs++;
                case "error" -> {
                    assertEquals("rate-limited", m.path("code").asText(), m.toString());
                    limited++;
                }
                default -> throw new AssertionError("unexpected message: " + m);
            }
        }
        assertEquals(new WsPeer.Closed(1008, "message rate exceeded"), flooder.closed());
        assertTrue(pongs >= 100, "pongs " + pongs + " (expected: at least the burst of 100)");
        assertTrue(limited >= 99, "rate-limited errors " + limited + " (expected: about 100 before the close)");
        assertTrue(pongs + limited < 500, "answered " + (pongs + limited) + " (expected: cut off before the end of the flood)");
        honestSeeFirst("participant-left", flooder);
        errorsRose("rate-limited", 100);
        stillChatting(null);
    }

    // ---- state that would grow every newcomer's joined

    @Test
    void maximalAvatarsCannotStopNewcomersFromJoining() throws Exception {
        String avatar = "data:image/png;base64," + "A".repeat(49_152 - 22); // the largest avatar allowed
        List<WsPeer> offenders = new ArrayList<>();
        int withAvatar = 0;
        for (int i = 0; i < 24; i++) { // 24 x 48 Ki characters: more than the 1 Mi a connection may have queued
            WsPeer o = server.connect();
            o.send("type", "join", "room", room, "name", MALLORY, "avatar", avatar);
            JsonNode joined = o.next("joined");
            o.id = joined.at("/you/id").asText();
            if (!joined.at("/you/avatar").isNull()) withAvatar++;
            honestSeeFirst("participant-joined", o);
            offenders.add(o);
        }
        assertEquals(10, withAvatar, "the room's 512 Ki characters of avatars hold ten of the largest");

        WsPeer newcomer = server.connect();
        newcomer.send("type", "join", "room", room, "name", "Evadne");
        JsonNode joined = newcomer.next("joined");
        newcomer.id = joined.at("/you/id").asText();
        assertEquals(2 + offenders.size(), joined.path("participants").size());
        honestSeeFirst("participant-joined", newcomer);
        newcomer.send("type", "update", "avatar", avatar);
        newcomer.error("too-large", "update");
        stillChatting(newcomer);
        for (WsPeer o : offenders) o.close();
    }

    // ---- actions the offender's role does not allow

    @Test
    void moderationByAParticipantIsForbiddenAndUnknownIdsAreNotFound() throws Exception {
        WsPeer mallory = joinedOffender();
        mallory.send("type", "kick", "participantId", alice.id, "reason", "bye");
        mallory.error("forbidden", "kick");
        mallory.send("type", "mute", "participantId", null, "kind", "audio");
        mallory.error("forbidden", "mute");
        mallory.send("type", "set-lock", "locked", true);
        mallory.error("forbidden", "set-lock");
        mallory.send("type", "set-password", "password", "mine");
        mallory.error("forbidden", "set-password");
        mallory.send("type", "end-meeting");
        mallory.error("forbidden", "end-meeting");
        mallory.send("type", "rotate", "newPassword", true);
        mallory.error("forbidden", "rotate");
        mallory.send("type", "chat", "text", CHAT, "to", "p-nobody");
        mallory.error("not-found", "chat");

        barrier(mallory);
        errorsRose("forbidden", 6);
        errorsRose("not-found", 1);
        stillChatting(mallory);
    }

    // ---- helpers

    /** Sends each frame; each must be answered {@code error} {@code bad-request} with {@code ref} null. */
    private static void eachIsABadRequestWithoutRef(WsPeer offender, List<String> frames) throws Exception {
        for (String frame : frames) {
            offender.send(frame);
            JsonNode e = offender.next();
            assertEquals("error bad-request null",
                    e.path("type").asText() + " " + e.path("code").asText() + " " + e.path("ref").asText(), frame);
        }
    }

    /** Mallory joins the room; the honest two see her arrive. */
    private WsPeer joinedOffender() throws Exception {
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
    private void barrier(WsPeer offender) throws Exception {
        offender.handRaised = !offender.handRaised;
        offender.send("type", "update", "handRaised", offender.handRaised);
        offender.next("participant-updated");
        honestSeeFirst("participant-updated", offender);
    }

    /** The next message of both honest participants is {@code type} about {@code who}. */
    private void honestSeeFirst(String type, WsPeer who) throws Exception {
        for (WsPeer honest : List.of(alice, bob)) {
            JsonNode m = honest.next(type);
            String id = type.equals("participant-left") ? m.path("participantId").asText()
                    : m.at("/participant/id").asText();
            assertEquals(who.id, id, m.toString());
        }
    }

    /** The honest two are still connected, can chat (group and private), and got nothing else. */
    private void stillChatting(WsPeer offender) throws Exception {
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

    private void errorsRose(String code, long atLeast) {
        long before = errorsBefore.getOrDefault(code, 0L);
        long now = server.signal().errorCounts().getOrDefault(code, 0L);
        assertTrue(now - before >= atLeast, code + " errors rose by " + (now - before) + " (expected: at least " + atLeast + ")");
    }
}
