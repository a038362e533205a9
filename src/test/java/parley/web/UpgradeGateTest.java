package parley.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static parley.web.FrontDoorTest.HOME;
import static parley.web.FrontDoorTest.NEIGHBOUR;
import static parley.web.FrontDoorTest.upgrade;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import parley.e2e.Poll;

/**
 * Who may open /ws: only for this server's own host names (a DNS-rebinding page names its own
 * host in both Host and Origin, which then agree), and from one address at most so many per
 * second and so many at once, refused with 429 and Retry-After while another address passes.
 */
class UpgradeGateTest {
    @TempDir
    Path temp;

    static ConnectionLimits upgrades(int openPerAddress, int perSecond) {
        return new ConnectionLimits(ConnectionLimits.REQUEST_HEAD_TIMEOUT, 1000, 0, openPerAddress, perSecond);
    }

    private static String host(TestSite site) {
        return "localhost:" + site.server.port();
    }

    private static String upgradeFrom(TestSite site, InetAddress source, List<SSLSocket> keep) throws IOException {
        SSLSocket socket = site.tlsSocket(source);
        String head = upgrade(socket, host(site), site.origin());
        if (keep != null && head.startsWith("HTTP/1.1 101")) keep.add(socket);
        else socket.close();
        return head;
    }

    @Test
    void aRebindingHostIsRefusedAndTheServersOwnNamesPass() throws Exception {
        try (TestSite site = TestSite.https(temp)) {
            try (SSLSocket s = site.tlsSocket(HOME)) {
                assertTrue(upgrade(s, "evil.example", "https://evil.example").startsWith("HTTP/1.1 421 "));
            }
            for (String host : List.of("localhost", "127.0.0.1", "[::1]")) {
                try (SSLSocket s = site.tlsSocket(HOME)) {
                    String hostPort = host + ":" + site.server.port();
                    String head = upgrade(s, hostPort, "https://" + hostPort);
                    assertTrue(head.startsWith("HTTP/1.1 101 "), host + ": " + head);
                }
            }
            assertTrue(site.statusLine(HOME, "GET / HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n")
                    .startsWith("HTTP/1.1 421 "), "pages too");
            assertEquals("HTTP/1.1 200 OK",
                    site.statusLine(HOME, "GET /healthz HTTP/1.1\r\nHost: monitor.internal\r\nConnection: close\r\n\r\n"));
            assertTrue(site.server.refusals().get("hosts-refused") >= 2);
        }
    }

    @Test
    void upgradesTooFastFromOneAddressGet429() throws Exception {
        // 1 a second, bursts of 10.
        try (TestSite site = TestSite.https(temp, upgrades(200, 1))) {
            int accepted = 0;
            String refused = null;
            for (int i = 0; i < 12 && refused == null; i++) {
                String head = upgradeFrom(site, HOME, null);
                if (head.startsWith("HTTP/1.1 101")) accepted++;
                else refused = head;
            }
            assertTrue(accepted >= 10 && accepted <= 11, "accepted " + accepted + " (expected: the burst of 10)");
            assertTrue(refused != null && refused.startsWith("HTTP/1.1 429 "), String.valueOf(refused));
            assertTrue(refused.toLowerCase().contains("retry-after: 1\n"), refused);
            assertTrue(upgradeFrom(site, NEIGHBOUR, null).startsWith("HTTP/1.1 101"), "another address passes");
            assertTrue(site.server.refusals().get("upgrades-too-fast") >= 1);
        }
    }

    @Test
    void tooManyOpenFromOneAddressGet429UntilOneCloses() throws Exception {
        try (TestSite site = TestSite.https(temp, upgrades(3, 100))) {
            List<SSLSocket> open = new ArrayList<>();
            for (int i = 0; i < 3; i++) assertTrue(upgradeFrom(site, HOME, open).startsWith("HTTP/1.1 101"));
            String refused = upgradeFrom(site, HOME, null);
            assertTrue(refused.startsWith("HTTP/1.1 429 ") && refused.toLowerCase().contains("retry-after: 10\n"), refused);
            List<SSLSocket> neighbour = new ArrayList<>();
            assertTrue(upgradeFrom(site, NEIGHBOUR, neighbour).startsWith("HTTP/1.1 101"), "another address passes");
            assertTrue(site.server.refusals().get("upgrades-too-many-open") >= 1);
            open.remove(0).close();
            Poll.until("a WebSocket place for 127.0.0.1 again", Duration.ofSeconds(15),
                    () -> {
                        try {
                            return upgradeFrom(site, HOME, open).startsWith("HTTP/1.1 101");
                        } catch (IOException e) {
                            return false;
                        }
                    });
            for (SSLSocket s : open) s.close();
            for (SSLSocket s : neighbour) s.close();
        }
    }
}
