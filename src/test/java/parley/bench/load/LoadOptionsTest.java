package parley.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LoadOptionsTest {
    @Test
    void parsesTheCommandWithDefaults() {
        LoadOptions o = LoadOptions.parse("--url", "https://127.0.0.1:18443", "--room", "load-1", "--participants", "20",
                "--seconds", "10");
        assertEquals(URI.create("https://127.0.0.1:18443"), o.url());
        assertEquals(URI.create("wss://127.0.0.1:18443/ws"), o.webSocketUri());
        assertEquals("https://127.0.0.1:18443", o.origin());
        assertEquals(20, o.participants());
        assertEquals(10, o.seconds());
        assertEquals(1, o.speakers());
        assertEquals(25, o.viewTiles());
        assertEquals(100, o.rampMs());
        assertEquals(0, o.serverPid());
        assertEquals(LoadOptions.Server.PARLEY, o.server());
        assertEquals(0, o.publishers());
        assertTrue(o.publishes(19) && o.receives(19));
    }

    @Test
    void aFanOutSplitsPublishersFromReceivers() {
        LoadOptions o = LoadOptions.parse("--url", "http://192.0.2.2:8088/janus", "--room", "v", "--participants", "14",
                "--seconds", "20", "--server", "janus", "--publishers", "4");
        assertEquals(LoadOptions.Server.JANUS, o.server());
        assertTrue(o.publishes(3) && !o.receives(3));
        assertTrue(!o.publishes(4) && o.receives(4));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--participants 0     | --participants 0 (expected: 1..1000)",
        "--view-tiles 32      | --view-tiles 32 (expected: 0..31)",
        "--speakers 5         | --speakers 5 (expected: 0..3)",
        "--seconds 0          | --seconds 0 (expected: at least 1)",
        "--ramp-ms x          | --ramp-ms x (expected: a whole number)",
        "--colour blue        | unknown flag --colour (expected: see --help)",
        "--room a/b           | --room a/b (expected: 1-64 of A-Z a-z 0-9 - _)",
        "--publishers 4       | --publishers 4 (expected: 0..3)",
        "--server mediasoup   | --server mediasoup (expected: parley or janus)",
        "--server janus       | --server janus with --publishers 0 (expected: a fan-out, --publishers 1..3)",
    })
    void namesTheFlagTheValueAndWhatWasExpected(String override, String message) {
        String[] base = {"--url", "https://h:1", "--room", "r", "--participants", "3", "--seconds", "5"};
        String[] extra = override.split(" ");
        String[] args = java.util.Arrays.copyOf(base, base.length + 2);
        args[base.length] = extra[0];
        args[base.length + 1] = extra[1];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LoadOptions.parse(args));
        assertEquals(message, e.getMessage());
    }
}
