package parley.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class AllowedHostsTest {
    static final AllowedHosts HOSTS = AllowedHosts.of(List.of("localhost", "127.0.0.1", "::1", "Meet.Example.org",
            "*.rooms.example.org", "2001:db8::7"));

    @ParameterizedTest
    @CsvSource({
        "localhost, true", "LOCALHOST, true", "meet.example.org, true", "meet.example.org., true",
        "[::1], true", "0:0:0:0:0:0:0:1, true", "[2001:db8:0:0:0:0:0:7], true", "a.rooms.example.org, true",
        "evil.example, false", "rooms.example.org, false", "a.b.rooms.example.org, false",
        "meet.example.org.evil.example, false", "127.0.0.2, false", "'', false"})
    void allows(String host, boolean allowed) {
        assertTrue(HOSTS.allows(host) == allowed, host);
    }

    @Test
    void starAllowsAnyAndGarbageIsRefused() {
        assertTrue(AllowedHosts.of(List.of("localhost", "*")).allows("evil.example"));
        assertFalse(AllowedHosts.of(List.of()).allows("localhost"));
        assertThrows(IllegalArgumentException.class, () -> AllowedHosts.of(List.of("meet example")));
        assertThrows(IllegalArgumentException.class, () -> AllowedHosts.of(List.of("a/b")));
    }
}
