package parley.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Per-address limits count IPv4 addresses one by one and IPv6 by /64. */
class ClientAddressTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "203.0.113.7 | 203.0.113.7",
        "::ffff:203.0.113.7 | 203.0.113.7",
        "2001:db8:1:2:aaaa:bbbb:cccc:dddd | 2001:db8:1:2:0:0:0:0/64",
        "[2001:db8:1:2::9] | 2001:db8:1:2:0:0:0:0/64",
        "unix-socket | unix-socket"})
    void key(String address, String key) {
        assertEquals(key, ClientAddress.of(address));
    }
}
