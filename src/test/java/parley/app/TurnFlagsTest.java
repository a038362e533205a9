package parley.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static parley.app.ConfigTest.error;
import static parley.app.ConfigTest.parse;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import parley.turn.IceTransportPolicy;
import parley.turn.TurnConfig;

/** --turn, --turn-secret, --turn-ttl and --ice-transport-policy. */
class TurnFlagsTest {
    private static final String SECRET = "0123456789abcdef0123456789abcdef";

    @Test
    void withoutTurnThereIsNone() {
        assertNull(parse().turn());
        assertNull(parse("--ice-transport-policy", "all").turn());
    }

    @Test
    void urisRepeatOrTakeCommaListsAndTheSecretComesFromTheEnvironment() {
        Config c = parse(Map.of("PARLEY_TURN_SECRET", SECRET),
                "--turn", "turns:turn.example.org:443?transport=tcp,turn:turn.example.org:3478", "--turn=turn:192.0.2.7");
        TurnConfig t = c.turn();
        assertEquals(List.of("turns:turn.example.org:443?transport=tcp", "turn:turn.example.org:3478", "turn:192.0.2.7"), t.uris());
        assertEquals(SECRET, t.secret());
        assertEquals(Duration.ofHours(12), t.ttl(), "the default lifetime");
        assertEquals(IceTransportPolicy.ALL, t.policy());
    }

    @Test
    void lifetimeAndRelayPolicy() {
        TurnConfig t = parse(Map.of("PARLEY_TURN", "turn:t.example:3478", "PARLEY_TURN_TTL", "90m"),
                "--turn-secret", SECRET, "--ice-transport-policy", "RELAY").turn();
        assertEquals(Duration.ofMinutes(90), t.ttl());
        assertEquals(IceTransportPolicy.RELAY, t.policy());
        assertEquals(Duration.ofDays(2), parse("--turn", "turn:t", "--turn-secret", SECRET, "--turn-ttl", "2d").turn().ttl());
        assertEquals(Duration.ofSeconds(600), parse("--turn", "turn:t", "--turn-secret", SECRET, "--turn-ttl", "600s").turn().ttl());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--turn turn:t                                  | --turn needs --turn-secret (coturn's static-auth-secret)",
            "--turn-secret 0123456789abcdef0123456789abcdef | --turn-secret is set but --turn is not (expected: both or neither)",
            "--ice-transport-policy relay                   | --ice-transport-policy relay needs --turn (without a relay, no media could flow)",
            "--ice-transport-policy none                    | --ice-transport-policy 'none' (expected: one of all, relay)",
            "--turn stun:t --turn-secret 0123456789abcdef0123456789abcdef | --turn: TURN URI 'stun:t' (expected: turn: or turns:, a host name or address, an optional :port and an optional ?transport=udp or tcp)",
            "--turn turn:t --turn-secret 0123456789abcdef0123456789abcdef --turn-ttl 5m | --turn-ttl '5m' (expected: a duration from 10m to 7d, a number with s, m, h or d)",
            "--turn turn:t --turn-secret 0123456789abcdef0123456789abcdef --turn-ttl 8d | --turn-ttl '8d' (expected: a duration from 10m to 7d, a number with s, m, h or d)",
            "--turn turn:t --turn-secret 0123456789abcdef0123456789abcdef --turn-ttl 12 | --turn-ttl '12' (expected: a duration from 10m to 7d, a number with s, m, h or d)"})
    void badTurnFlags(String args, String message) {
        assertEquals(message, error(args.trim().split(" +")));
    }

    @Test
    void aShortSecretIsRefusedAtStartWithoutEchoingIt() {
        String m = error(Map.of("PARLEY_TURN_SECRET", "hunter2-hunter2"), "--turn", "turn:t");
        assertEquals("--turn-secret has 15 bytes (expected: at least 20, e.g. from openssl rand -hex 32)", m);
    }

    @Test
    void toStringHidesTheSecret() {
        String s = parse(Map.of("PARLEY_TURN_SECRET", SECRET), "--turn", "turn:t").toString();
        assertFalse(s.contains(SECRET), s);
        assertTrue(s.contains("turn=TurnConfig[uris=[turn:t], secret=(set), ttl=PT12H, policy=all]"), s);
    }
}
