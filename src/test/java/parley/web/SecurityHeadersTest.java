package parley.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** frame-ancestors comes from the configuration and cannot smuggle in other directives. */
class SecurityHeadersTest {
    @ParameterizedTest
    @ValueSource(strings = {"'none'", "'self'", "'self' https://intranet.example.org"})
    void frameAncestorsEndsThePolicy(String sources) {
        String csp = SecurityHeaders.contentSecurityPolicy(sources);
        assertTrue(csp.startsWith("default-src 'self'; script-src 'self' 'wasm-unsafe-eval';"), csp);
        assertFalse(csp.contains("'unsafe-eval'") || csp.contains("'unsafe-inline'"), csp); // WebAssembly only, no eval
        assertTrue(csp.endsWith("; frame-ancestors " + sources), csp);
    }

    @ParameterizedTest
    @ValueSource(strings = {"'self'; script-src *", "a, b", "'self'\r\nSet-Cookie: x=1", " ", ""})
    void unsafeFrameAncestorsAreRefused(String sources) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new WebConfig(
                InetAddress.getLoopbackAddress(), 0, null, sources, null, Duration.ofSeconds(60)));
        assertEquals("frame-ancestors '" + sources + "' (expected: CSP sources without ';' or ',')", e.getMessage());
    }
}
