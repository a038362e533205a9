package parley.web;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * What the web server needs to know.
 *
 * @param bind           the local address to listen on (0.0.0.0 or :: for all)
 * @param port           the TCP port, or 0 for any free port (tests)
 * @param tls            the HTTPS identity, or null to serve plain HTTP behind a TLS proxy
 * @param frameAncestors the CSP frame-ancestors source list, for example {@code 'none'}
 * @param staticDir      a folder to serve the client from instead of the classpath's /web, or null
 * @param idleTimeout    how long a silent WebSocket or HTTP connection stays open
 * @param limits         connections, request-head deadline and WebSocket upgrades per client address
 * @param allowedHosts   the Host names this server answers to
 */
public record WebConfig(InetAddress bind, int port, TlsIdentity tls, String frameAncestors, Path staticDir,
        Duration idleTimeout, ConnectionLimits limits, AllowedHosts allowedHosts) {
    /** Characters that would break out of the header or the CSP directive. */
    private static final Pattern UNSAFE = Pattern.compile("[;,\\r\\n\\x00-\\x1f\\x7f]");

    public WebConfig {
        if (bind == null) throw new IllegalArgumentException("no bind address");
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port " + port + " (expected: 0 to 65535)");
        if (frameAncestors == null || frameAncestors.isBlank() || UNSAFE.matcher(frameAncestors).find()) {
            throw new IllegalArgumentException("frame-ancestors '" + frameAncestors
                    + "' (expected: CSP sources without ';' or ',')");
        }
        if (idleTimeout == null || idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idle timeout " + idleTimeout + " (expected: positive)");
        }
        if (limits == null || allowedHosts == null) throw new IllegalArgumentException("no connection limits or allowed hosts");
    }

    /** With the default limits; answering to loopback names only over HTTPS, to any name behind a TLS proxy. */
    public WebConfig(InetAddress bind, int port, TlsIdentity tls, String frameAncestors, Path staticDir, Duration idleTimeout) {
        this(bind, port, tls, frameAncestors, staticDir, idleTimeout, ConnectionLimits.defaults(),
                tls == null ? AllowedHosts.any() : AllowedHosts.of(AllowedHosts.LOOPBACK));
    }

    /** True when the server speaks HTTPS itself. */
    public boolean https() {
        return tls != null;
    }
}
