package parley.turn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TurnCredentialsTest {
    private static final String SECRET = "parley-test-secret-0123456789";
    private static final List<String> URIS = List.of("turns:turn.example.org:443?transport=tcp", "turn:turn.example.org:3478");
    private static final TurnConfig CONFIG = new TurnConfig(URIS, SECRET, Duration.ofHours(12), IceTransportPolicy.ALL);

    @Test
    void theCredentialIsTheHmacCoturnComputes() {
        // Computed independently:
        //   printf '%s' '1700043200:AAECAwQFBgcICQoL' | openssl dgst -sha1 -hmac 'parley-test-secret-0123456789' -binary | base64
        // and the same with Python's hmac.new(secret, username, hashlib.sha1): Mew0zKIcMTXl9xf08x0wlEgDatw=
        IceServer s = new TurnCredentials(CONFIG).issue(1_700_000_000_123L, "AAECAwQFBgcICQoL");
        assertEquals("1700043200:AAECAwQFBgcICQoL", s.username(), "expiry = now (s, rounded down) + 12 h");
        assertEquals("Mew0zKIcMTXl9xf08x0wlEgDatw=", s.credential());
        assertEquals(URIS, s.urls());
    }

    @Test
    void theExpiryComesFromTheGivenTimeAndTheLifetime() {
        TurnCredentials c = new TurnCredentials(new TurnConfig(URIS, SECRET, Duration.ofMinutes(30), IceTransportPolicy.ALL));
        assertEquals("1800:x", c.issue(0, "x").username());
        assertEquals("1801:x", c.issue(1_999, "x").username());
        assertEquals(String.valueOf(1_700_000_000L + 1800), c.issue(1_700_000_000_999L).username().split(":")[0]);
    }

    @Test
    void everyCredentialHasItsOwnRandomIdAndNothingElse() {
        TurnCredentials c = new TurnCredentials(CONFIG);
        IceServer a = c.issue(1_700_000_000_000L);
        IceServer b = c.issue(1_700_000_000_000L);
        assertNotEquals(a.username(), b.username());
        assertNotEquals(a.credential(), b.credential());
        for (IceServer s : List.of(a, b)) {
            String[] parts = s.username().split(":");
            assertEquals(2, parts.length, s.username());
            assertEquals("1700043200", parts[0]);
            assertTrue(parts[1].matches("[A-Za-z0-9_-]{16}"), "96 random bits, base64url: " + parts[1]);
            assertEquals(TurnCredentials.credential(SECRET, s.username()), s.credential());
        }
    }

    @Test
    void neitherTheCredentialNorTheSecretIsPrinted() {
        IceServer s = new TurnCredentials(CONFIG).issue(0);
        assertFalse(s.toString().contains(s.credential()) || s.toString().contains(s.username()), s.toString());
        assertFalse(CONFIG.toString().contains(SECRET), CONFIG.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"turn:turn.example.org", "turn:127.0.0.1:3478?transport=udp", "turns:turn.example.org:443?transport=tcp",
            "turn:[2001:db8::1]:3478?transport=tcp", "turns:t:5349"})
    void validUris(String uri) {
        assertEquals(List.of(uri), new TurnConfig(List.of(uri), SECRET, Duration.ofHours(1), IceTransportPolicy.RELAY).uris());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "stun:turn.example.org", "turn:", "turn://turn.example.org", "turn:host:0", "turn:host:65536",
            "turn:host:3478?transport=sctp", "turns:host:443?transport=udp", "turn:user@host", "turn:host name",
            "https://turn.example.org"})
    void invalidUrisAreRefusedWithTheValue(String uri) {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new TurnConfig(List.of(uri), SECRET, Duration.ofHours(1), IceTransportPolicy.ALL));
        assertTrue(e.getMessage().contains("'" + uri + "'"), e.getMessage());
    }

    @Test
    void aShortSecretOrAnOddLifetimeIsRefused() {
        var shortSecret = assertThrows(IllegalArgumentException.class,
                () -> new TurnConfig(URIS, "nineteen-bytes-only", Duration.ofHours(1), IceTransportPolicy.ALL));
        assertTrue(shortSecret.getMessage().contains("19 bytes (expected: at least 20"), shortSecret.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new TurnConfig(URIS, SECRET, Duration.ofMinutes(9), IceTransportPolicy.ALL));
        assertThrows(IllegalArgumentException.class, () -> new TurnConfig(URIS, SECRET, Duration.ofDays(8), IceTransportPolicy.ALL));
        assertThrows(IllegalArgumentException.class, () -> new TurnConfig(List.of(), SECRET, Duration.ofHours(1), IceTransportPolicy.ALL));
    }
}
