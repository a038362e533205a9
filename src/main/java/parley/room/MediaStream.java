package parley.room;

/** A live stream of one room's media to an RTMP server in progress (docs/protocol.md, "Live streaming"). Thread-safe. */
public interface MediaStream {
    /** Ends it. Idempotent. */
    void stop();

    /** How the stream goes; from the stream's thread, so implementations only enqueue. */
    interface Events {
        /** "starting", "live" (the server takes it) or "reconnecting" (the streaming server went away). */
        void onState(String state);

        /** It ended by itself; the message (safe to show) says why. */
        void onFailed(String message);
    }
}
