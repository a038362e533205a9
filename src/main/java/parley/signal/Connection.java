package parley.signal;

/** One WebSocket connection as signal sees it. parley.web calls these sequentially per connection. */
public interface Connection {
    /** One text frame from the client (frames up to 1 MiB are passed through so that too-large can be answered). */
    void onText(String text);

    /** A pong frame arrived (the answer to {@link Outbound#ping}): the client is alive. */
    default void onPong() {}

    /** The WebSocket closed, whoever closed it. Idempotent. */
    void onClose();
}
