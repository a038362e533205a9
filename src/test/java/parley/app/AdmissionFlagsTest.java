package parley.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import parley.room.Budget;
import parley.room.RoomGuards;
import parley.signal.AdmissionLimits;

/** The guards at a meeting's door as flags: defaults, flags and environment, and refused values. */
class AdmissionFlagsTest {
    @Test
    void defaultsAreTheDocumentedOnes() {
        AdmissionLimits a = ConfigTest.parse().admission();
        assertEquals(AdmissionLimits.DEFAULTS, a);
        assertEquals(new Budget(10, Duration.ofSeconds(30)), a.wrongPasswordsPerAddress());
        assertEquals(new Budget(10, Duration.ofSeconds(30)), a.wrongHostKeysPerAddress());
        assertEquals(new Budget(20, Duration.ofSeconds(1)), a.wrongHostKeys());
        assertEquals(1000, a.hostKeyQueue());
        RoomGuards r = a.room();
        assertEquals(new Budget(5, Duration.ofSeconds(2)), r.wrongPasswords());
        assertEquals(100, r.passwordQueue());
        assertEquals(new Budget(5, Duration.ofSeconds(5)), r.addressKnocks());
        assertEquals(20, r.lobbySharePercent());
        assertEquals(524_288, r.avatarChars());
        assertEquals(32_768, r.avatarCharsPerSecond());
    }

    @Test
    void flagsAndEnvironment() {
        Config c = ConfigTest.parse(Map.of("PARLEY_KNOCKS_PER_IP", "3:1m"),
                "--wrong-passwords-per-ip", "2:1h", "--wrong-passwords-per-room", "1:10s", "--password-queue-per-room", "7",
                "--wrong-host-keys-per-ip", "4:2m", "--wrong-host-keys", "50:1s", "--host-key-queue", "9",
                "--lobby-share-per-ip", "50", "--room-avatar-chars", "100000", "--room-avatar-rate", "1000");
        assertEquals(new AdmissionLimits(new Budget(2, Duration.ofHours(1)), new Budget(4, Duration.ofMinutes(2)),
                new Budget(50, Duration.ofSeconds(1)), 9,
                new RoomGuards(new Budget(1, Duration.ofSeconds(10)), 7, new Budget(3, Duration.ofMinutes(1)), 50, 100_000, 1000)),
                c.admission());
    }

    @Test
    void badValuesNameTheFlagAndWhatWasExpected() {
        for (String[] bad : new String[][] {
                {"--wrong-passwords-per-ip", "10"}, {"--wrong-passwords-per-ip", "0:30s"}, {"--wrong-passwords-per-ip", "10:0s"},
                {"--wrong-passwords-per-room", "5:2x"}, {"--wrong-host-keys-per-ip", "-1:30s"}, {"--wrong-host-keys", "1:2d"},
                {"--knocks-per-ip", "5:5s:1"}, {"--knocks-per-ip", ""}, {"--password-queue-per-room", "0"},
                {"--host-key-queue", "0"}, {"--lobby-share-per-ip", "101"}, {"--lobby-share-per-ip", "0"},
                {"--room-avatar-chars", "0"}, {"--room-avatar-rate", "lots"}}) {
            String message = ConfigTest.error(bad);
            assertTrue(message.contains(bad[0]) && message.contains("expected"), String.join(" ", bad) + ": " + message);
        }
        assertTrue(ConfigTest.error("--knocks-per-ip", "5").contains("burst:interval, e.g. 10:30s"),
                ConfigTest.error("--knocks-per-ip", "5"));
    }
}
