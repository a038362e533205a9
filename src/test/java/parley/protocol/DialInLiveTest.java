package parley.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import parley.sip.SipMessage;
import parley.sip.TestTrunk;

/**
 * Dial-in through the whole server (Main with --sip-port): a moderator's browser connection
 * learns the PIN, a trunk on UDP calls in from a number, types a wrong PIN and then the right one
 * as RFC 4733 events, and the caller appears as "Phone caller 1" with a microphone track; a kick hangs the call up with a
 * BYE. The caller's number is in no message the browser got and in no log line.
 */
class DialInLiveTest {
    private static final String NUMBER = "+4915112345678";

    @Test
    void aCallerJoinsWithTheRoomsPinAndTheirNumberStaysHidden() throws Exception {
        try (LiveServer server = LiveServer.start("--sip-port=0", "--sip-allow=127.0.0.1", "--sip-numbers=+49 30 1234567");
             TestTrunk trunk = new TestTrunk(server.sipPort(), "live-1")) {
            WsPeer host = server.connect();
            List<JsonNode> seen = new ArrayList<>();
            seen.add(host.join("room", "Ada"));
            JsonNode dialIn = host.next("dial-in");
            seen.add(dialIn);
            assertEquals("+49 30 1234567", dialIn.at("/numbers/0").asText());
            String pin = dialIn.get("pin").asText();

            assertEquals(200, trunk.call(NUMBER).status());
            trunk.type("99" + "#");
            trunk.type(pin + "#");
            JsonNode joined = host.next("participant-joined");
            seen.add(joined);
            assertEquals("Phone caller 1", joined.at("/participant/name").asText());
            JsonNode tracks = host.next("tracks");
            seen.add(tracks);
            assertEquals(joined.at("/participant/id").asText(), tracks.get("participantId").asText());
            assertEquals("audio mic", tracks.at("/tracks/0/kind").asText() + " " + tracks.at("/tracks/0/source").asText(),
                    "the caller's voice is published as their microphone");

            JsonNode withCaller = host.next("dial-in");
            seen.add(withCaller);
            assertEquals(joined.at("/participant/id").asText(), withCaller.at("/phoneCallers/0").asText(), "who may be renamed");

            host.send("{\"type\":\"kick\",\"participantId\":\"" + joined.at("/participant/id").asText() + "\"}");
            seen.add(host.next("participant-left"));
            SipMessage bye = trunk.awaitRequest();
            assertEquals("BYE", bye.method());

            String digits = NUMBER.substring(1);
            for (JsonNode m : seen) assertFalse(m.toString().contains(digits), m.toString());
            server.logs().assertNoneContain(digits, pin);
        }
    }
}
