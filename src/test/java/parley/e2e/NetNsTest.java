package parley.e2e;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Network namespaces: made with a private subnet and no way out, removed afterwards, stale ones swept. */
@Tag("e2e")
class NetNsTest {
    @BeforeEach
    void needNamespaces() {
        NetNsSupport.assumeAvailable();
    }

    @Test
    void namespaceHasTheVethAddressLoopbackAndNoDefaultRoute() {
        String name;
        try (NetNs ns = NetNs.create()) {
            name = ns.name();
            String addresses = Processes.run(ns.exec(List.of("ip", "-o", "-4", "addr", "show")), 10);
            String routes = Processes.run(ns.exec(List.of("ip", "-4", "route", "show")), 10);

            assertTrue(addresses.contains("inet " + ns.nsAddress() + "/24"), addresses);
            assertTrue(addresses.contains("inet 127.0.0.1/8"), addresses);
            assertTrue(ns.hostAddress().matches("10\\.77\\.\\d+\\.1"), ns.hostAddress());
            assertFalse(routes.contains("default"), routes);
            assertTrue(Processes.run(List.of("ip", "-o", "-4", "addr", "show"), 10)
                    .contains("inet " + ns.hostAddress() + "/24"));
        }
        assertFalse(Processes.run(List.of("ip", "netns", "list"), 10).contains(name), "namespace not deleted");
    }

    @Test
    void staleNamespacesOfDeadProcessesAreRemovedWithWhatRunsInThem() throws Exception {
        String stale = NetNs.PREFIX + "999999999-1";
        Processes.run(List.of("ip", "netns", "add", stale), 10);
        Path log = Files.createTempFile("parley-stale", ".log");
        Process leftOver = Processes.start(List.of("ip", "netns", "exec", stale, "sleep", "60"), log, Map.of());
        try {
            Poll.until("sleep running in " + stale, Duration.ofSeconds(5),
                    () -> Processes.run(List.of("ip", "netns", "pids", stale), 10).strip().matches("\\d+"));

            NetNs.removeStale();

            assertTrue(leftOver.waitFor(5, TimeUnit.SECONDS), "process in the stale namespace survived");
            assertFalse(Processes.run(List.of("ip", "netns", "list"), 10).contains(stale), "stale namespace survived");
        } finally {
            Processes.kill(leftOver);
            Processes.deleteTree(log);
        }
    }
}
