package parley.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import parley.web.AllowedHosts;
import parley.web.Certificates;
import parley.web.ConnectionLimits;
import parley.web.TlsIdentity;

/** The front door's flags: limits and allowed hosts, their defaults and their checks. */
class FrontDoorFlagsTest {
    @Test
    void defaults() {
        ConnectionLimits l = ConfigTest.parse().limits();
        assertEquals(Duration.ofSeconds(20), l.requestHeadTimeout());
        assertEquals(256, l.connectionsPerAddress());
        assertEquals(200, l.webSocketsPerAddress());
        assertEquals(10, l.upgradesPerSecond());
        assertEquals(ConnectionLimits.defaultMaxConnections(ConnectionLimits.openFileLimit()), l.maxConnections());
        assertEquals(List.of(), ConfigTest.parse().allowedHosts());
    }

    @Test
    void maxConnectionsDefaultsToTheOpenFileLimitLessAReserve() {
        assertEquals(768, ConnectionLimits.defaultMaxConnections(1024));
        assertEquals(64, ConnectionLimits.defaultMaxConnections(200));
        assertEquals(10_000, ConnectionLimits.defaultMaxConnections(-1));
    }

    @Test
    void flagsAndEnvironment() {
        Config c = ConfigTest.parse(Map.of("PARLEY_MAX_WEBSOCKETS_PER_IP", "500"), "--request-head-timeout", "5",
                "--max-connections", "3000", "--max-connections-per-ip", "0", "--websocket-rate-per-ip", "2",
                "--allowed-hosts", "meet.example.org,*.rooms.example.org", "--allowed-hosts", "203.0.113.10");
        assertEquals(new ConnectionLimits(Duration.ofSeconds(5), 3000, 0, 500, 2), c.limits());
        assertEquals(List.of("meet.example.org", "*.rooms.example.org", "203.0.113.10"), c.allowedHosts());
    }

    @Test
    void badValuesNameTheFlag() {
        assertTrue(ConfigTest.error("--request-head-timeout", "0").contains("--request-head-timeout"));
        assertTrue(ConfigTest.error("--max-websockets-per-ip", "0").contains("--max-websockets-per-ip"));
        assertTrue(ConfigTest.error("--allowed-hosts", "meet example").contains("--allowed-hosts"));
    }

    @Test
    void defaultHostsAreThisServersNamesAndTheCertificates() throws Exception {
        Config c = ConfigTest.parse("--public-ip", "203.0.113.10");
        TlsIdentity tls = Certificates.selfSigned(List.of("meet.example.org", "*.rooms.example.org"), List.of(), Instant.now());
        AllowedHosts hosts = Main.allowedHosts(c, tls);
        for (String h : List.of("localhost", "127.0.0.1", "::1", "203.0.113.10", "meet.example.org", "a.rooms.example.org")) {
            assertTrue(hosts.allows(h), h);
        }
        assertFalse(hosts.allows("evil.example"));
        assertTrue(Main.allowedHosts(ConfigTest.parse("--plain-http"), null).allowsAny(), "behind a proxy: any host");
        assertFalse(Main.allowedHosts(ConfigTest.parse("--allowed-hosts", "meet.example.org"), tls).allows("localhost"),
                "--allowed-hosts replaces the default");
    }
}
