package parley.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import parley.turn.IceTransportPolicy;
import parley.turn.TurnConfig;

/**
 * {@code joined.iceServers} and {@code joined.iceTransportPolicy}: TURN credentials go to
 * admitted participants only, fresh on every join, and carry nothing about them.
 */
class IceServersTest {
    private static final String SECRET = "an-operator-secret-of-32-bytes!!";
    private static final List<String> URIS = List.of("turns:turn.example.org:443?transport=tcp", "turn:turn.example.org:3478");
    private static final TurnConfig TURN = new TurnConfig(URIS, SECRET, Duration.ofHours(6), IceTransportPolicy.RELAY);
    private static final String PASSWORD = "open-sesame-42";

    private final Harness h = new Harness(Harness.testConfig().turn(TURN));

    @Test
    void withoutTurnJoinedHasNoIceServersAndPolicyAll() {
        JsonNode joined = new Harness().client().join("team", "Ada", "");
        assertEquals(0, joined.get("iceServers").size());
        assertEquals("all", joined.get("iceTransportPolicy").asText());
    }

    @Test
    void joinedCarriesACredentialThatExpiresTtlAfterTheClock() throws Exception {
        TestClient ada = h.client();
        JsonNode joined = ada.join("team", "Ada", "");
        assertEquals("relay", joined.get("iceTransportPolicy").asText());
        assertEquals(1, joined.get("iceServers").size());
        JsonNode server = joined.at("/iceServers/0");
        assertEquals(URIS, List.of(server.at("/urls/0").asText(), server.at("/urls/1").asText()));
        String username = server.get("username").asText();
        long expiry = h.time.millis() / 1000 + Duration.ofHours(6).toSeconds();
        assertTrue(username.startsWith(expiry + ":"), username + " (expected expiry " + expiry + ")");
        assertEquals(hmacSha1Base64(SECRET, username), server.get("credential").asText());
        for (String own : List.of(ada.id, "Ada", "team", ada.resume)) {
            assertFalse(username.contains(own), "the username " + username + " holds " + own);
        }
    }

    @Test
    void everyJoinAndResumeGetsAFreshCredential() {
        TestClient ada = h.joined("team", "Ada");
        TestClient bo = h.client();
        String first = bo.join("team", "Bo", "").at("/iceServers/0/username").asText();
        bo.connection.onClose();
        h.advance(Duration.ofMinutes(1));
        JsonNode back = h.client().join("team", "Bo", "'resume':'" + bo.resume + "'");
        String second = back.at("/iceServers/0/username").asText();
        assertNotEquals(first, second);
        assertEquals(Long.parseLong(first.split(":")[0]) + 60, Long.parseLong(second.split(":")[0]), "expiry moves with the clock");
        assertNotEquals(first.split(":")[1], second.split(":")[1], "a new random id");
        ada.assertNo("error");
    }

    @Test
    void aLobbyGuestGetsNothingUntilAdmitted() {
        TestClient host = h.joined("team", "Hana");
        host.say("{'type':'set-lobby','enabled':true}");
        TestClient gus = h.client();
        gus.say("{'type':'join','room':'team','name':'Gus'}");
        gus.take("lobby-waiting");
        assertNoCredentials(gus);
        host.say("{'type':'admit','participantId':'" + host.take("lobby").at("/waiting/0/id").asText() + "'}");
        assertEquals(1, gus.take("joined").get("iceServers").size());
    }

    @Test
    void aWrongOrMissingPasswordGetsNothing() {
        TestClient host = h.joined("team", "Hana");
        host.say("{'type':'set-password','password':'" + PASSWORD + "'}");
        TestClient eve = h.client();
        eve.say("{'type':'join','room':'team','name':'Eve'}");
        eve.say("{'type':'join','room':'team','name':'Eve','password':'guess'}");
        h.advance(Duration.ofSeconds(1));
        eve.error("password-required");
        eve.error("wrong-password");
        assertNoCredentials(eve);
        assertEquals(1, eve.join("team", "Eve", "'password':'" + PASSWORD + "'").get("iceServers").size());
    }

    @Test
    void credentialsAreNeverLogged() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        Level level = root.getLevel();
        root.setLevel(Level.TRACE);
        captured.start();
        root.addAppender(captured);
        JsonNode server;
        try {
            server = h.client().join("team", "Ada", "").at("/iceServers/0");
        } finally {
            root.detachAppender(captured);
            root.setLevel(level);
        }
        assertFalse(captured.list.isEmpty(), "nothing captured: the check would mean nothing");
        for (ILoggingEvent e : captured.list) {
            String line = e.getFormattedMessage();
            for (String s : List.of(server.get("username").asText(), server.get("credential").asText(), SECRET)) {
                assertFalse(line.contains(s), "logged: " + line);
            }
        }
    }

    private static void assertNoCredentials(TestClient c) {
        for (JsonNode m : c.inbox) {
            assertFalse(m.has("iceServers") || m.toString().contains("credential"), "credentials before admission: " + m);
        }
    }

    /** The TURN REST credential computed here with the JDK's Mac, not with the server's code. */
    private static String hmacSha1Base64(String secret, String username) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
    }
}
