package parley.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SameOriginTest {
    @ParameterizedTest(name = "{0} vs {1}://{2}:{3} -> {4}")
    @CsvSource(nullValues = "NULL", value = {
            // Origin header,              scheme, Host,            port, allowed
            "NULL,                         https, example.org,      -1,   true",   // not a browser
            "https://example.org,          https, example.org,      -1,   true",
            "https://example.org,          https, example.org,      443,  true",   // default port either way
            "https://example.org:443,      https, example.org,      -1,   true",
            "https://EXAMPLE.org,          https, example.ORG,      -1,   true",   // host names ignore case
            "https://example.org:8443,     https, example.org,      8443, true",
            "https://[::1]:8443,           https, [::1],            8443, true",
            "https://[::1]:8443,           https, ::1,              8443, true",
            "http://localhost:8080,        http,  localhost,        8080, true",
            "https://example.org:8443,     https, example.org,      -1,   false",  // other port
            "https://example.org,          https, example.org,      8443, false",
            "http://example.org:8443,      https, example.org,      8443, false",  // other scheme
            "https://evil.example,         https, example.org,      -1,   false",
            "https://example.org.evil.io,  https, example.org,      -1,   false",
            "null,                         https, example.org,      -1,   false",  // opaque origin
            "'',                           https, example.org,      -1,   false",
            "not a url,                    https, example.org,      -1,   false",
            "https://example.org,          https, NULL,             -1,   false",  // no Host header
            "file://,                      https, example.org,      -1,   false"})
    void table(String origin, String scheme, String host, int port, boolean allowed) {
        assertEquals(allowed, SameOrigin.allows(origin, scheme, host, port));
    }
}
