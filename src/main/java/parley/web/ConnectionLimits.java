package parley.web;

import java.time.Duration;

/**
 * What one client address, and everybody together, may hold of the web server (README,
 * "Flags"; protocol.md, "Limits"). Sized for a school behind one NAT address: each browser
 * holds one WebSocket and, while a page loads, a few HTTP connections.
 *
 * @param requestHeadTimeout      the time a connection has for its TLS handshake and each request head,
 *                                counted from its opening or from the end of its previous response
 * @param maxConnections          TCP connections open at once, all clients together; beyond it the server
 *                                stops accepting (the kernel queues new ones) until some close
 * @param connectionsPerAddress   TCP connections open at once from one client address; 0 for no cap
 * @param webSocketsPerAddress    signaling WebSockets open at once from one client address
 * @param upgradesPerSecond       WebSocket upgrades per second from one client address, with bursts of
 *                                {@link #upgradeBurst()}
 */
public record ConnectionLimits(Duration requestHeadTimeout, int maxConnections, int connectionsPerAddress,
        int webSocketsPerAddress, int upgradesPerSecond) {
    public static final Duration REQUEST_HEAD_TIMEOUT = Duration.ofSeconds(20);
    public static final int CONNECTIONS_PER_ADDRESS = 256;
    public static final int WEBSOCKETS_PER_ADDRESS = 200;
    public static final int UPGRADES_PER_SECOND = 10;
    /** A burst is this many seconds' worth of upgrades: a class of 30 clicking one link at once passes. */
    static final int BURST_SECONDS = 10;
    /** Descriptors kept back from --max-connections' default for the media sockets, jar files and logs. */
    public static final int RESERVED_DESCRIPTORS = 256;
    private static final int MIN_DEFAULT_CONNECTIONS = 64;

    public ConnectionLimits {
        if (requestHeadTimeout == null || !requestHeadTimeout.isPositive()) {
            throw new IllegalArgumentException("request head timeout " + requestHeadTimeout + " (expected: positive)");
        }
        if (maxConnections < 1) throw new IllegalArgumentException("max connections " + maxConnections + " (expected: at least 1)");
        if (connectionsPerAddress < 0) {
            throw new IllegalArgumentException("connections per address " + connectionsPerAddress + " (expected: 0 or more)");
        }
        if (webSocketsPerAddress < 1 || upgradesPerSecond < 1) {
            throw new IllegalArgumentException("WebSockets per address " + webSocketsPerAddress + ", upgrades per second "
                    + upgradesPerSecond + " (expected: at least 1)");
        }
    }

    /** The defaults, with {@code maxConnections} from this process's open-file limit. */
    public static ConnectionLimits defaults() {
        return new ConnectionLimits(REQUEST_HEAD_TIMEOUT, defaultMaxConnections(openFileLimit()), CONNECTIONS_PER_ADDRESS,
                WEBSOCKETS_PER_ADDRESS, UPGRADES_PER_SECOND);
    }

    int upgradeBurst() {
        return upgradesPerSecond * BURST_SECONDS;
    }

    /** The open-file limit less {@link #RESERVED_DESCRIPTORS}, at least 64; {@code limit} -1 when unknown. */
    public static int defaultMaxConnections(long limit) {
        if (limit <= 0) return 10_000;
        return (int) Math.max(MIN_DEFAULT_CONNECTIONS, Math.min(Integer.MAX_VALUE, limit - RESERVED_DESCRIPTORS));
    }

    /** This process's open-file limit (RLIMIT_NOFILE), or -1 where the JDK cannot tell. */
    public static long openFileLimit() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            return unix.getMaxFileDescriptorCount();
        }
        return -1;
    }
}
