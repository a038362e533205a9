package parley.media.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Which sockets the media port gets for a bind address and the advertised candidates; no sockets opened. */
class SocketPlanTest {
    /** This pretend machine's addresses: loopback, one LAN address, one IPv6 address. */
    static final Predicate<InetAddress> LOCAL = Set.of(ip("127.0.0.1"), ip("10.0.0.5"), ip("fd00::2"))::contains;

    @ParameterizedTest(name = "bind {0}, advertise [{1}] -> [{2}], reuse {3}")
    @CsvSource(delimiter = '|', textBlock = """
            # bind    | advertised                      | sockets               | SO_REUSEADDR
            127.0.0.1 | 127.0.0.1 10.0.0.5              | 127.0.0.1             | false
            0.0.0.0   | ''                              | 0.0.0.0               | false
            0.0.0.0   | 10.0.0.5 127.0.0.1              | 10.0.0.5 127.0.0.1    | false
            0.0.0.0   | 10.0.0.5 10.0.0.5               | 10.0.0.5              | false
            0.0.0.0   | 203.0.113.7                     | 0.0.0.0               | false
            0.0.0.0   | 203.0.113.7 10.0.0.5 127.0.0.1  | 0.0.0.0 10.0.0.5 127.0.0.1 | true
            0.0.0.0   | 10.0.0.5 fd00::2                | 10.0.0.5              | false
            0.0.0.0   | 10.0.0.5 2001:db8::9            | 10.0.0.5              | false
            ::        | 10.0.0.5 fd00::2                | 10.0.0.5 fd00::2      | false
            ::        | 2001:db8::9 fd00::2             | :: fd00::2            | true
            0.0.0.0   | 0.0.0.0 10.0.0.5                | 0.0.0.0 10.0.0.5      | true
            """)
    void plans(String bind, String advertised, String sockets, boolean reuse) {
        SocketPlan plan = SocketPlan.of(ip(bind), ips(advertised), LOCAL);

        assertEquals(ips(sockets), plan.addresses());
        assertEquals(reuse, plan.reuseAddress());
    }

    @Test
    void wildcardOnlyWhenAnAdvertisedAddressIsNotLocal() {
        assertTrue(SocketPlan.of(ip("0.0.0.0"), ips("203.0.113.7 10.0.0.5"), LOCAL).hasWildcard());
        assertFalse(SocketPlan.of(ip("0.0.0.0"), ips("10.0.0.5"), LOCAL).hasWildcard());
    }

    @Test
    void loopbackIsLocalAndADocumentationAddressIsNot() {
        assertTrue(SocketPlan.isLocalAddress(ip("127.0.0.1")));
        assertTrue(SocketPlan.isLocalAddress(ip("127.0.0.2"))); // all of 127/8 is bindable on Linux
        assertFalse(SocketPlan.isLocalAddress(ip("203.0.113.7"))); // TEST-NET-3, RFC 5737
    }

    @Test
    void rejectsPlansThatCannotWork() {
        assertThrows(IllegalArgumentException.class, () -> new SocketPlan(List.of(), false));
        assertThrows(IllegalArgumentException.class, () -> new SocketPlan(ips("0.0.0.0"), true));
        assertThrows(IllegalArgumentException.class, () -> new SocketPlan(ips("10.0.0.5 0.0.0.0"), true));
    }

    static List<InetAddress> ips(String spaceSeparated) {
        return Arrays.stream(spaceSeparated.trim().split(" +")).filter(s -> !s.isEmpty()).map(SocketPlanTest::ip).toList();
    }

    static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal); // a literal: no name lookup
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }
}
