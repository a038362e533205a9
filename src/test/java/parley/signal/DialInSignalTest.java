package parley.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import parley.sip.DialIn;

/**
 * Dial-in on the wire (docs/protocol.md, "Dial-in"): moderators see the numbers and the room's
 * PIN and may turn dial-in off; a caller with the PIN joins as "Phone caller N", whom moderators
 * kick like anyone; a wrong PIN, or dial-in off, admits nobody.
 */
class DialInSignalTest {
    private final Harness h = new Harness();
    private final DialIn dialIn = h.server.enableDialIn(List.of("+49 30 1234567"));

    @Test
    void everyoneSeesThePinAndACallerJoinsWithIt() {
        TestClient host = h.joined("room", "Ada");
        JsonNode d = host.take("dial-in");
        String pin = d.get("pin").asText();
        assertTrue(pin.matches("[1-9][0-9]{9}"), pin);
        assertEquals("+49 30 1234567", d.at("/numbers/0").asText());
        assertTrue(d.get("enabled").asBoolean());
        TestClient bo = h.joined("room", "Bo");
        assertEquals(pin, bo.take("dial-in").get("pin").asText(), "as in Jitsi's invite dialog: everyone in the meeting");

        assertTrue(dialIn.admit("1" + "0".repeat(9)).isEmpty() || !pin.equals("1" + "0".repeat(9)));
        DialIn.PhoneSeat seat = dialIn.admit(pin).orElseThrow();
        JsonNode joined = bo.take("participant-joined");
        assertEquals("Phone caller 1", joined.at("/participant/name").asText());
        assertFalse(seat.ended());
        assertEquals(joined.at("/participant/id").asText(), bo.take("dial-in").at("/phoneCallers/0").asText());

        host.say("{'type':'kick','participantId':'" + joined.at("/participant/id").asText() + "'}");
        assertTrue(seat.ended(), "a kicked caller is hung up");
        bo.take("participant-left");
        seat.leave();

        DialIn.PhoneSeat second = dialIn.admit(pin).orElseThrow();
        assertEquals("Phone caller 2", bo.take("participant-joined").at("/participant/name").asText());
        second.leave();
        assertEquals("left", bo.take("participant-left").get("reason").asText());
    }

    @Test
    void onlyModeratorsTurnDialInOffAndThenNobodyGetsIn() {
        TestClient host = h.joined("room", "Ada");
        String pin = host.take("dial-in").get("pin").asText();
        TestClient bo = h.joined("room", "Bo");
        bo.take("dial-in");
        bo.say("{'type':'set-dial-in','enabled':false}");
        assertEquals("set-dial-in", bo.error("forbidden").get("ref").asText());
        DialIn.PhoneSeat inside = dialIn.admit(pin).orElseThrow();
        assertEquals(1, host.take("dial-in").get("phoneCallers").size());
        bo.take("dial-in");

        host.say("{'type':'set-dial-in','enabled':false}");
        assertFalse(host.take("dial-in").get("enabled").asBoolean());
        assertFalse(bo.take("dial-in").get("enabled").asBoolean());
        assertTrue(dialIn.admit(pin).isEmpty());
        assertFalse(inside.ended(), "the caller already in stays");
    }

    @Test
    void aPhoneCallerOutlastsTheIdleSweep() {
        TestClient host = h.joined("room", "Ada");
        String pin = host.take("dial-in").get("pin").asText();
        DialIn.PhoneSeat seat = dialIn.admit(pin).orElseThrow();
        host.take("participant-joined");
        for (int i = 0; i < 15; i++) { // 5 minutes, Ada pinging as a browser does; the phone sends nothing
            h.advance(java.time.Duration.ofSeconds(20));
            host.say("{'type':'ping'}");
        }
        assertFalse(seat.ended(), "a call is alive while it lasts (it was hung up after the idle timeout)");
        host.assertNo("participant-left");
    }

    @Test
    void moderatorsRenameAPhoneCallerAndNobodyElse() {
        TestClient host = h.joined("room", "Ada");
        String pin = host.take("dial-in").get("pin").asText();
        TestClient bo = h.joined("room", "Bo");
        String boId = host.take("participant-joined").at("/participant/id").asText();
        dialIn.admit(pin).orElseThrow();
        String phoneId = bo.take("participant-joined").at("/participant/id").asText();
        bo.say("{'type':'rename','participantId':'" + phoneId + "','name':'Grandma'}");
        assertEquals("rename", bo.error("forbidden").get("ref").asText());
        host.say("{'type':'rename','participantId':'" + boId + "','name':'Bob'}");
        assertEquals("only phone callers can be renamed", host.error("bad-request").get("message").asText());
        host.say("{'type':'rename','participantId':'" + phoneId + "','name':'  Grandma  '}");
        JsonNode updated = bo.take("participant-updated");
        assertEquals(phoneId, updated.at("/participant/id").asText());
        assertEquals("Grandma", updated.at("/participant/name").asText());
    }

    @Test
    void rotatingTheRoomChangesThePinAndClosingItForgetsIt() {
        TestClient host = h.joined("room", "Ada");
        String pin = host.take("dial-in").get("pin").asText();
        host.say("{'type':'rotate'}");
        String fresh = host.take("dial-in").get("pin").asText();
        assertNotEquals(pin, fresh);
        assertTrue(dialIn.admit(pin).isEmpty());
        host.say("{'type':'leave'}");
        assertTrue(dialIn.admit(fresh).isEmpty(), "a closed room has no PIN");
    }

    @Test
    void encryptedMeetingsHaveNoDialIn() {
        TestClient host = h.client();
        host.join("vault", "Ada", "'e2ee':true,'e2eeCapable':true");
        host.assertNo("dial-in");
        host.say("{'type':'set-dial-in','enabled':true}");
        host.error("bad-request");
    }
}
