package parley.signal;
/** How signal talks back to one WebSocket; implemented by parley.web. Thread-safe; send never blocks for long. */
public interface Outbound { void send(String json); void close(int statusCode, String reason); }
