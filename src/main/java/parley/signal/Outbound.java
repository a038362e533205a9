package parley.signal;

/** How signal talks back to one WebSocket; implemented by parley.web. Thread-safe; send never blocks for long. */
public interface Outbound {
    /** Sends one text frame. */
    void send(String json);

    /**
     * The client's address (after a trusted proxy's forwarding headers), or null when
     * unknown; only for per-address limits, never logged.
     */
    default java.net.InetAddress remoteAddress() {
        return null;
    }

    /** Closes the WebSocket with a close code (1000, 1001, 1008...) and a short reason. */
    void close(int statusCode, String reason);
}
