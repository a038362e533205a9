package parley.turn;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The operator's coturn as Parley hands it to browsers. Immutable; {@link #toString()}
 * leaves the secret out.
 *
 * @param uris   TURN URIs (RFC 7065), e.g. {@code turns:turn.example.org:443?transport=tcp}
 * @param secret coturn's {@code static-auth-secret}, at least {@link #MIN_SECRET_BYTES} bytes
 * @param ttl    how long a credential opens new allocations, {@link #MIN_TTL} to {@link #MAX_TTL}
 * @param policy whether browsers may also use direct paths or only the relay
 */
public record TurnConfig(List<String> uris, String secret, Duration ttl, IceTransportPolicy policy) {
    /** RFC 2104 section 3: an HMAC key shorter than the hash's output (20 bytes for SHA-1) weakens it. */
    public static final int MIN_SECRET_BYTES = 20;
    /**
     * coturn compares the expiry with its own clock: a short lifetime would fail on a small
     * clock difference between the two hosts, or on a slow join.
     */
    public static final Duration MIN_TTL = Duration.ofMinutes(10);
    public static final Duration MAX_TTL = Duration.ofDays(7);

    /** RFC 7065: scheme, host (name, IPv4 or [IPv6]), optional port, optional transport. */
    private static final Pattern URI = Pattern.compile(
            "(turns?):(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?)"
                    + "(?::([1-9][0-9]{0,4}))?(?:\\?transport=(udp|tcp))?");

    public TurnConfig {
        uris = List.copyOf(uris);
        if (uris.isEmpty()) throw new IllegalArgumentException("no TURN URI (expected: at least one)");
        for (String uri : uris) checkUri(uri);
        if (secret == null || secret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("the TURN secret has " + (secret == null ? "no" : secret.getBytes(StandardCharsets.UTF_8).length)
                    + " bytes (expected: at least " + MIN_SECRET_BYTES + ", e.g. openssl rand -hex 32)");
        }
        if (ttl == null || ttl.compareTo(MIN_TTL) < 0 || ttl.compareTo(MAX_TTL) > 0) {
            throw new IllegalArgumentException("TURN credential lifetime " + ttl + " (expected: " + MIN_TTL + " to " + MAX_TTL + ")");
        }
        if (policy == null) throw new IllegalArgumentException("no ICE transport policy");
    }

    private static void checkUri(String uri) {
        var m = URI.matcher(uri == null ? "" : uri);
        boolean valid = m.matches() && (m.group(3) == null || Integer.parseInt(m.group(3)) <= 65535);
        if (!valid) {
            throw new IllegalArgumentException("TURN URI '" + uri + "' (expected: turn: or turns:, a host name or"
                    + " address, an optional :port and an optional ?transport=udp or tcp)");
        }
        if (m.group(1).equals("turns") && "udp".equals(m.group(4))) {
            throw new IllegalArgumentException("TURN URI '" + uri + "' (expected: turns: over tcp; browsers do not"
                    + " speak TURN over DTLS)");
        }
    }

    @Override
    public String toString() {
        return "TurnConfig[uris=" + uris + ", secret=(set), ttl=" + ttl + ", policy=" + policy.wireName() + "]";
    }
}
