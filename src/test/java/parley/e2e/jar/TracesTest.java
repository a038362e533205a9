package parley.e2e.jar;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The leak detector of {@link ReleaseJarIT} finds what it must and nothing else. */
class TracesTest {
    private static final String OUTPUT = """
            Parley is up: https://localhost:8443/ https://vm:8443/
            06:34:56.684 INFO  parley.signal - room opened (rooms=1, participants=1)
            WARNING: the JVM said something
            06:34:57.001 WARN  o.e.j.server - bad request from 127.0.0.1:53122
            06:34:57.002 WARN  o.e.j.server - idle /0:0:0:0:0:0:0:1:4431 and fe80::1%eth0
            06:34:57.003 INFO  parley.signal - Velvet-Otter-42 joined; 127.0.0.10 is another address
            """;

    @Test
    void ipv6IsCompressedAsRfc5952Says() {
        assertEquals("::1", Traces.compressed("0:0:0:0:0:0:0:1"));
        assertEquals("::", Traces.compressed("0:0:0:0:0:0:0:0"));
        assertEquals("fe80::a00:27ff:fe4e:66a1", Traces.compressed("fe80:0:0:0:a00:27ff:fe4e:66a1"));
        // the first of two equally long runs; a lone zero group stays
        assertEquals("2001:db8::1:0:0:1", Traces.compressed("2001:db8:0:0:1:0:0:1"));
        assertEquals("2001:db8:0:1:1:1:1:1", Traces.compressed("2001:db8:0:1:1:1:1:1"));
    }

    @Test
    void anAddressIsFoundInEveryFormAsAWholeTokenOnly() throws Exception {
        assertEquals(Set.of("0:0:0:0:0:0:0:1", "::1"), Traces.forms(InetAddress.getByName("::1")));
        assertEquals(List.of("line 4: 06:34:57.001 WARN  o.e.j.server - bad request from 127.0.0.1:53122"),
                Traces.linesNaming(OUTPUT, InetAddress.getByName("127.0.0.1")));
        assertEquals(1, Traces.linesNaming(OUTPUT, InetAddress.getByName("::1")).size());
        assertEquals(1, Traces.linesNaming(OUTPUT, InetAddress.getByName("fe80::1")).size());
        assertEquals(List.of(), Traces.linesNaming(OUTPUT, InetAddress.getByName("27.0.0.1")));
    }

    @Test
    void secretsAreFoundIgnoringCaseAndWordsOnlyWhole() {
        assertEquals(1, Traces.linesHolding(OUTPUT, "velvet-otter-42").size());
        assertEquals(List.of("line 1: Parley is up: https://localhost:8443/ https://vm:8443/"),
                Traces.linesWithWord(OUTPUT, "vm"));
        assertEquals(1, Traces.linesWithWord(OUTPUT, "localhost").size());
    }
}
