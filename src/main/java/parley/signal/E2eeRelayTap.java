package parley.signal;

/**
 * Test hook: sees (and may replace) every opaque {@code e2ee} payload the server relays,
 * so that a test can play the man in the middle a malicious server would be and show that
 * the clients notice (docs/e2ee.md, "Verification"). Production never sets one. Called on
 * room executors; an implementation must be thread-safe.
 */
@FunctionalInterface
public interface E2eeRelayTap {
    /** The payload to deliver instead of {@code payload} (base64, as the sender wrote it). */
    String relay(String fromId, String toId, String payload);
}
