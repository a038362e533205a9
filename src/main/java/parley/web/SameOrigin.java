package parley.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The cross-site WebSocket check: a browser sends the page's Origin with the upgrade, and
 * only a page served by this server (same scheme, host and port as the request's Host
 * header) may open a signaling connection. Clients without Origin (not browsers) pass.
 */
final class SameOrigin {
    private SameOrigin() {}

    /**
     * True when {@code origin} is absent or names the same scheme, host and port as the
     * request; {@code port} is -1 when the Host header has none (the scheme's default).
     */
    static boolean allows(String origin, String scheme, String host, int port) {
        if (origin == null) return true;
        if (scheme == null || host == null) return false;
        URI uri;
        try {
            uri = new URI(origin);
        } catch (URISyntaxException e) {
            return false;
        }
        // "null" (opaque origins) has neither scheme nor host and is refused here.
        if (uri.getScheme() == null || uri.getHost() == null) return false;
        return uri.getScheme().equalsIgnoreCase(scheme)
                && bare(uri.getHost()).equals(bare(host))
                && effectivePort(uri.getScheme(), uri.getPort()) == effectivePort(scheme, port);
    }

    /** Lower case, without IPv6 brackets. */
    private static String bare(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
    }

    private static int effectivePort(String scheme, int port) {
        if (port > 0) return port;
        return switch (scheme.toLowerCase(Locale.ROOT)) {
            case "https", "wss" -> 443;
            case "http", "ws" -> 80;
            default -> -1;
        };
    }
}
