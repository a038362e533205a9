package parley.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * End-to-end encrypted rooms on the server (docs/e2ee.md, docs/protocol.md "End-to-end
 * encryption"): who may open and join one, and the relay of opaque key messages with its
 * validation and limits.
 */
class E2eeRelayTest {
    private static final String CAN = "'e2ee':true,'e2eeCapable':true";
    private final Harness h = new Harness();

    /** One key message with one payload, as a client sends it. */
    private static String keyMessage(String to, String payload) {
        return "{'type':'e2ee','messages':[{'to':'" + to + "','payload':'" + payload + "'}]}";
    }

    private TestClient encrypted(String name) {
        TestClient c = h.client();
        c.join("vault", name, CAN);
        return c;
    }

    @Test
    void theOpenerChoosesEncryptionAndEveryoneSeesIt() {
        TestClient ada = h.client();
        JsonNode joined = ada.join("vault", "Ada", CAN);
        assertTrue(joined.at("/room/e2ee").asBoolean());
        JsonNode bo = h.client().join("vault", "Bo", "'e2eeCapable':true");
        assertTrue(bo.at("/room/e2ee").asBoolean(), "a later joiner's e2ee flag changes nothing: the room is encrypted");
        JsonNode plain = h.client().join("open", "Cy", "'e2eeCapable':true");
        assertFalse(plain.at("/room/e2ee").asBoolean(), "a room is encrypted only when its opener asks");
    }

    @Test
    void aClientThatCannotEncryptIsRefusedAndMayTryElsewhere() {
        TestClient ada = encrypted("Ada");
        TestClient old = h.client();
        old.say("{'type':'join','room':'vault','name':'Old'}");
        assertTrue(old.error("e2ee-unsupported").get("message").asText().contains("end-to-end encrypted"));
        ada.assertNo("participant-joined");
        old.join("elsewhere", "Old", ""); // the connection stays usable
        TestClient opener = h.client();
        opener.say("{'type':'join','room':'new-vault','name':'Eve','e2ee':true}");
        opener.error("e2ee-unsupported");
        assertEquals(2, h.server.roomCount(), "the refused opener opened nothing");
    }

    @Test
    void requiredModeEncryptsEveryRoomAndOffModeNone() {
        Harness required = new Harness(Harness.testConfig().e2eeMode(E2eeMode.REQUIRED));
        assertTrue(required.client().join("any", "Ada", "'e2eeCapable':true").at("/room/e2ee").asBoolean());
        TestClient plain = required.client();
        plain.say("{'type':'join','room':'other','name':'Bo'}");
        plain.error("e2ee-unsupported");
        Harness off = new Harness(Harness.testConfig().e2eeMode(E2eeMode.OFF));
        assertFalse(off.client().join("any", "Ada", CAN).at("/room/e2ee").asBoolean());
    }

    @Test
    void aModeratorTurnsItOnWhenEveryoneCanEncryptAndNeverOff() {
        TestClient ada = h.client();
        ada.join("later", "Ada", "'e2eeCapable':true");
        TestClient old = h.joined("later", "Old");
        TestClient bo = h.client();
        bo.join("later", "Bo", "'e2eeCapable':true");
        bo.say("{'type':'set-e2ee','enabled':true}");
        bo.error("forbidden");
        ada.say("{'type':'set-e2ee','enabled':true}");
        assertTrue(ada.error("e2ee-unsupported").get("message").asText().startsWith("1 person"));
        ada.assertNo("room-updated");
        old.say("{'type':'leave'}");
        ada.clear();
        FakeMediaPlane.FakePeer clearPeer = h.media.room().peers.get(ada.id);
        ada.say("{'type':'set-e2ee','enabled':true}");
        for (TestClient c : new TestClient[] {ada, bo}) assertTrue(c.take("room-updated").at("/room/e2ee").asBoolean());
        assertTrue(clearPeer.closed, "the transport that carried clear media is closed");
        assertFalse(h.media.room().peers.get(ada.id).closed, "a fresh one waits for the encrypted offer");
        ada.assertNo("error");
        ada.say("{'type':'set-e2ee','enabled':false}");
        ada.error("forbidden");
        TestClient late = h.client();
        late.say("{'type':'join','room':'later','name':'Late'}");
        late.error("e2ee-unsupported");
    }

    @Test
    void theSwitchCountsTheLobbyAndRespectsTheServer() {
        TestClient ada = h.client();
        ada.join("waiting", "Ada", "'e2eeCapable':true");
        ada.say("{'type':'set-lobby','enabled':true}");
        h.client().say("{'type':'join','room':'waiting','name':'Guest'}");
        ada.say("{'type':'set-e2ee','enabled':true}");
        ada.error("e2ee-unsupported");
        Harness off = new Harness(Harness.testConfig().e2eeMode(E2eeMode.OFF));
        TestClient host = off.client();
        host.join("any", "Host", "'e2eeCapable':true");
        host.say("{'type':'set-e2ee','enabled':true}");
        assertTrue(host.error("forbidden").get("message").asText().contains("--e2ee off"));
    }

    @Test
    void eachPayloadGoesAsItIsToTheOneItNames() {
        TestClient ada = encrypted("Ada");
        TestClient bo = encrypted("Bo");
        TestClient cy = encrypted("Cy");
        ada.say("{'type':'e2ee','messages':[{'to':'" + bo.id + "','payload':'Ym8='},{'to':'" + cy.id + "','payload':'Y3k='}]}");
        JsonNode toBo = bo.take("e2ee");
        assertEquals(ada.id, toBo.get("from").asText());
        assertEquals("Ym8=", toBo.get("payload").asText());
        assertEquals("Y3k=", cy.take("e2ee").get("payload").asText());
        bo.assertNo("e2ee");
        ada.assertNo("e2ee");
        ada.assertNo("error");
    }

    @Test
    void payloadsAreBoundedBase64() {
        TestClient ada = encrypted("Ada");
        TestClient bo = encrypted("Bo");
        String to = "'to':'" + bo.id + "'";
        for (String payload : new String[] {"", "abc", "ab!d", "a=bc", "<b>x</b>", "A".repeat(1028)}) {
            ada.say(keyMessage(bo.id, payload));
            ada.error("bad-request");
        }
        ada.say("{'type':'e2ee','messages':[]}");
        ada.error("bad-request");
        ada.say("{'type':'e2ee','messages':[{" + to + ",'payload':'QQ=='},{" + to + ",'payload':'QQ=='}]}");
        ada.error("bad-request");
        ada.say(keyMessage(bo.id, "A".repeat(1024)));
        assertEquals(1024, bo.take("e2ee").get("payload").asText().length(), "1024 characters is the limit, allowed");
    }

    @Test
    void strangersAndPlainRoomsGetNothingRelayed() {
        TestClient ada = encrypted("Ada");
        TestClient bo = encrypted("Bo");
        ada.say("{'type':'e2ee','messages':[{'to':'nobody','payload':'QQ=='},{'to':'" + bo.id + "','payload':'Qg=='}]}");
        ada.error("not-found");
        assertEquals("Qg==", bo.take("e2ee").get("payload").asText(), "the others still get theirs");
        ada.say(keyMessage(ada.id, "QQ=="));
        ada.error("not-found");
        TestClient plain = h.joined("plain", "Pia");
        TestClient other = h.joined("plain", "Olaf");
        plain.say(keyMessage(other.id, "QQ=="));
        plain.error("forbidden");
        other.assertNo("e2ee");
        TestClient lurker = h.client();
        lurker.say(keyMessage(bo.id, "QQ=="));
        lurker.error("not-joined");
    }

    @Test
    void keyMessagesAreRateLimitedPerParticipant() {
        TestClient ada = encrypted("Ada");
        TestClient bo = encrypted("Bo");
        String one = keyMessage(bo.id, "QQ==");
        for (int i = 0; i < E2eeHandler.MESSAGE_BURST; i++) ada.say(one);
        ada.assertNo("error");
        ada.say(one);
        ada.error("rate-limited");
        assertEquals(E2eeHandler.MESSAGE_BURST, bo.inbox.stream().filter(m -> m.path("type").asText().equals("e2ee")).count());
        h.advance(Duration.ofSeconds(1));
        ada.say(one);
        ada.assertNo("error");
    }

    @Test
    void aTestTapSeesAndMayReplaceEveryPayload() {
        TestClient ada = encrypted("Ada");
        TestClient bo = encrypted("Bo");
        h.server.setE2eeRelayTapForTests((from, to, payload) -> from.equals(ada.id) && to.equals(bo.id) ? "TUlUTQ==" : payload);
        ada.say(keyMessage(bo.id, "QQ=="));
        assertEquals("TUlUTQ==", bo.take("e2ee").get("payload").asText());
    }
}
