package parley.e2e;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
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
    void staleNamespacesOfDeadProcessesAreRemoved() {
        String stale = NetNs.PREFIX + "999999999-1";
        Processes.run(List.of("ip", "netns", "add", stale), 10);

        NetNs.removeStale();

        assertFalse(Processes.run(List.of("ip", "netns", "list"), 10).contains(stale), "stale namespace survived");
    }
}
