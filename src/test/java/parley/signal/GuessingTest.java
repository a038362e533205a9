package parley.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import parley.room.Budget;

/**
 * Floods of wrong passwords and wrong host keys (docs/protocol.md, "Passwords", "Host
 * policy"): brute force stays at the documented rates, whatever the number of connections
 * and addresses, while the right answer from someone else gets through within seconds.
 */
class GuessingTest {
    private static final String PASSWORD = "open sesame";
    private static final String SECRET = "a-long-host-secret-0123";
    private final Harness h = new Harness();

    private TestClient passwordRoom() {
        TestClient host = h.joined("team", "Hana");
        host.say("{'type':'set-password','password':'" + PASSWORD + "'}");
        return host;
    }

    /** Advances in 100 ms steps until {@code c} has a message of {@code type}; the time it took. */
    private Duration until(TestClient c, String type, Duration limit) {
        Duration waited = Duration.ZERO;
        while (!c.has(type) && waited.compareTo(limit) < 0) {
            h.advance(Duration.ofMillis(100));
            waited = waited.plusMillis(100);
        }
        assertTrue(c.has(type), "no " + type + " within " + limit + "; inbox: " + c.inbox);
        return waited;
    }

    @Test
    void aHundredWrongGuessesFromOneAddressThenClosedDoNotDelayTheRightPassword() {
        passwordRoom();
        List<TestClient> guessers = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            TestClient g = h.clientFrom("198.51.100.7");
            g.say("{'type':'join','room':'team','name':'G','password':'wrong" + i + "'}");
            guessers.add(g);
        }
        long refused = guessers.stream().filter(g -> g.has("error")).count();
        assertTrue(refused >= 85, "most of one address's guesses are refused at once (rate-limited): " + refused);
        guessers.forEach(g -> g.connection.onClose());
        TestClient friend = h.clientFrom("203.0.113.5");
        friend.say("{'type':'join','room':'team','name':'Friend','password':'" + PASSWORD + "'}");
        Duration waited = until(friend, "joined", Duration.ofSeconds(3));
        assertTrue(waited.toMillis() <= 2_000, "the right password waited " + waited);
    }

    @Test
    void aHundredWrongGuessesFromAHundredAddressesThenClosedDoNotDelayTheRightPassword() {
        passwordRoom();
        for (int i = 0; i < 100; i++) {
            TestClient g = h.clientFrom("198.51.100." + (i + 1));
            g.say("{'type':'join','room':'team','name':'G','password':'wrong" + i + "'}");
            g.connection.onClose();
        }
        TestClient friend = h.clientFrom("203.0.113.5");
        friend.say("{'type':'join','room':'team','name':'Friend','password':'" + PASSWORD + "'}");
        Duration waited = until(friend, "joined", Duration.ofSeconds(3));
        assertTrue(waited.toMillis() <= 2_000, "the right password waited " + waited);
    }

    @Test
    void rightAnswersFromAnAddressOfferingWrongOnesAreNotSlowedByOthers() {
        passwordRoom();
        // Ten addresses keep guessing, each with live connections; a friend comes in after them.
        List<TestClient> live = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            for (int k = 0; k < 3; k++) {
                TestClient g = h.clientFrom("198.51.100." + (i + 1));
                g.say("{'type':'join','room':'team','name':'G','password':'w" + i + "-" + k + "'}");
                live.add(g);
            }
        }
        TestClient friend = h.clientFrom("203.0.113.5");
        friend.say("{'type':'join','room':'team','name':'Friend','password':'" + PASSWORD + "'}");
        // Round robin over addresses: at most one wrong check of each other address goes first.
        Duration waited = until(friend, "joined", Duration.ofSeconds(25));
        assertTrue(waited.toMillis() <= 10 * parley.room.RoomGuards.WRONG_PASSWORDS.interval().toMillis(), "waited " + waited);
    }

    /**
     * An attacker with fifty addresses replaces each connection as soon as it is answered, for
     * ten minutes: the room is checked at most at its documented pace, one address at its own.
     */
    @Test
    void bruteForceAgainstOneRoomStaysAtTheDocumentedRate() {
        TestClient host = passwordRoom();
        int wrong = 0;
        int[] perAddress = new int[50];
        List<TestClient> attackers = new ArrayList<>();
        List<Integer> addressOf = new ArrayList<>();
        for (int a = 0; a < 50; a++) {
            attackers.add(guess(a, 0));
            addressOf.add(a);
        }
        long minutes = 10;
        for (int step = 0; step < minutes * 600; step++) { // 100 ms steps
            h.advance(Duration.ofMillis(100));
            if (step % 100 == 0) host.say("{'type':'ping'}"); // the room stays open
            for (int i = 0; i < attackers.size(); i++) {
                TestClient c = attackers.get(i);
                if (!c.has("error")) continue;
                JsonNode e = c.take("error");
                int a = addressOf.get(i);
                if (e.get("code").asText().equals("wrong-password")) {
                    wrong++;
                    perAddress[a]++;
                }
                c.connection.onClose();
                attackers.set(i, guess(a, step));
            }
        }
        long roomLimit = parley.room.RoomGuards.WRONG_PASSWORDS.burst() + minutes * 60_000 / parley.room.RoomGuards.WRONG_PASSWORDS.interval().toMillis();
        assertTrue(wrong <= roomLimit, wrong + " wrong guesses checked in " + minutes + " min (limit " + roomLimit + ")");
        assertTrue(wrong >= roomLimit * 9 / 10, "the attack ran at the limit: " + wrong + " of " + roomLimit);
        long addressLimit = AdmissionLimits.WRONG_PASSWORDS_PER_ADDRESS.burst() + minutes * 60_000 / AdmissionLimits.WRONG_PASSWORDS_PER_ADDRESS.interval().toMillis();
        for (int n : perAddress) assertTrue(n <= addressLimit, "one address: " + n + " (limit " + addressLimit + ")");
    }

    /** The error codes three wrong guesses from one address get, each on its own connection, with {@code limits}. */
    private static List<String> threeWrongGuesses(AdmissionLimits limits, String keyField) {
        Harness s = new Harness(Harness.testConfig().admission(limits).hostPolicy(
                keyField.equals("hostToken") ? new HostPolicy.Secret(SECRET) : new HostPolicy.None()));
        if (keyField.equals("password")) {
            s.joined("team", "Hana").say("{'type':'set-password','password':'" + PASSWORD + "'}");
        }
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            TestClient g = s.clientFrom("198.51.100.7");
            g.say("{'type':'join','room':'team','name':'G','" + keyField + "':'wrong-guess-" + i + "'}");
            for (int step = 0; step < 100 && !g.has("error"); step++) s.advance(Duration.ofMillis(100));
            codes.add(g.take("error").get("code").asText());
        }
        return codes;
    }

    @Test
    void aFlagOfTwoWrongPasswordsPerAddressRefusesTheThirdUnchecked() {
        AdmissionLimits two = new AdmissionLimits(new Budget(2, Duration.ofHours(1)), AdmissionLimits.WRONG_HOST_KEYS_PER_ADDRESS,
                AdmissionLimits.WRONG_HOST_KEYS, AdmissionLimits.HOST_KEY_QUEUE, parley.room.RoomGuards.DEFAULTS);
        assertEquals(List.of("wrong-password", "wrong-password", "rate-limited"), threeWrongGuesses(two, "password"));
        assertEquals(List.of("wrong-password", "wrong-password", "wrong-password"),
                threeWrongGuesses(AdmissionLimits.DEFAULTS, "password"));
    }

    @Test
    void aFlagOfTwoWrongHostKeysPerAddressRefusesTheThirdUnchecked() {
        AdmissionLimits two = new AdmissionLimits(AdmissionLimits.WRONG_PASSWORDS_PER_ADDRESS, new Budget(2, Duration.ofHours(1)),
                AdmissionLimits.WRONG_HOST_KEYS, AdmissionLimits.HOST_KEY_QUEUE, parley.room.RoomGuards.DEFAULTS);
        assertEquals(List.of("host-key-wrong", "host-key-wrong", "rate-limited"), threeWrongGuesses(two, "hostToken"));
        assertEquals(List.of("host-key-wrong", "host-key-wrong", "host-key-wrong"),
                threeWrongGuesses(AdmissionLimits.DEFAULTS, "hostToken"));
    }

    private TestClient guess(int address, int n) {
        TestClient c = h.clientFrom("198.51.100." + (address + 1));
        c.say("{'type':'join','room':'team','name':'G','password':'guess-" + address + "-" + n + "'}");
        return c;
    }

    // ---- host keys

    private Harness secretHarness() {
        return new Harness(Harness.testConfig().hostPolicy(new HostPolicy.Secret(SECRET)));
    }

    @Test
    void aWrongHostKeyIsToldApartFromNone() {
        Harness s = secretHarness();
        TestClient c = s.clientFrom("192.0.2.1");
        c.say("{'type':'join','room':'team','name':'A'}");
        c.error("host-required");
        c.say("{'type':'join','room':'team','name':'A','hostToken':'not-the-secret-at-all'}");
        c.error("host-key-wrong");
        assertEquals("host", c.join("team", "A", "'hostToken':'" + SECRET + "'").at("/you/role").asText());
    }

    @Test
    void hostKeyGuessingOnOneConnectionIsThrottledAndCounted() {
        Harness s = secretHarness();
        TestClient c = s.clientFrom("192.0.2.1");
        int checked = 0;
        for (int second = 0; second < 60; second++) {
            for (int i = 0; i < 40; i++) { // 40 guesses a second, within the message rate
                c.say("{'type':'join','room':'team','name':'A','hostToken':'guess-" + second + "-" + i + "'}");
                while (c.has("error")) {
                    if (c.take("error").get("code").asText().equals("host-key-wrong")) checked++;
                }
                s.advance(Duration.ofMillis(25));
            }
        }
        long limit = AdmissionLimits.WRONG_HOST_KEYS_PER_ADDRESS.burst() + 60_000 / AdmissionLimits.WRONG_HOST_KEYS_PER_ADDRESS.interval().toMillis();
        assertTrue(checked <= limit, checked + " host keys checked in a minute from one address (limit " + limit + ")");
        assertTrue(s.server.errorCounts().getOrDefault("rate-limited", 0L) > 1000, "refusals counted: " + s.server.errorCounts());
        // Meanwhile the real host, from another address, opens the room at once.
        TestClient hana = s.clientFrom("203.0.113.5");
        assertEquals("host", hana.join("team", "Hana", "'hostToken':'" + SECRET + "'").at("/you/role").asText());
    }

    @Test
    void hostKeyGuessingFromManyAddressesIsPacedServerWideAndTheHostGoesFirst() {
        Harness s = secretHarness();
        int checked = 0;
        List<TestClient> clients = new ArrayList<>();
        for (int a = 0; a < 40; a++) clients.add(s.clientFrom("198.51.100." + (a + 1)));
        for (int step = 0; step < 1200; step++) { // two minutes in 100 ms steps
            for (int a = 0; a < clients.size(); a++) {
                TestClient c = clients.get(a);
                while (c.has("error")) {
                    if (c.take("error").get("code").asText().equals("host-key-wrong")) checked++;
                }
                c.say("{'type':'join','room':'r" + a + "','name':'A','hostToken':'g" + step + "'}");
            }
            s.advance(Duration.ofMillis(100));
        }
        long limit = AdmissionLimits.WRONG_HOST_KEYS.burst() + 120_000 / AdmissionLimits.WRONG_HOST_KEYS.interval().toMillis();
        assertTrue(checked <= limit, checked + " host keys checked in two minutes (limit " + limit + ")");
        assertTrue(checked >= limit * 9 / 10, "the attack ran at the limit: " + checked + " of " + limit);
        // Every attacking address has had a wrong key by now: a clean one goes first.
        TestClient hana = s.clientFrom("203.0.113.5");
        hana.say("{'type':'join','room':'team','name':'Hana','hostToken':'" + SECRET + "'}");
        Duration waited = Duration.ZERO;
        while (!hana.has("joined") && waited.toMillis() < AdmissionLimits.WRONG_HOST_KEYS.interval().toMillis()) {
            s.advance(Duration.ofMillis(100));
            waited = waited.plusMillis(100);
        }
        assertTrue(hana.has("joined"), "the host waited more than " + waited + ": " + hana.inbox);
    }
}
