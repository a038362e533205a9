package parley.room;

/** A server recording of one room's media in progress (docs/protocol.md, "Recording"). Thread-safe. */
public interface MediaRecording {
    /** Ends it; the file is composed and stored (or uploaded) in the background, and {@link Events} tell how that went. Idempotent. */
    void stop();

    /** What happens to a recording after it stopped; from background threads, implementations only enqueue. */
    interface Events {
        /** Stored as {@code fileName}, in the server's recordings folder or ({@code uploaded}) at its upload destination. */
        void onSaved(String fileName, boolean uploaded);

        /** Writing, composing or uploading failed; the message (safe to show) says what is kept where. */
        void onFailed(String message);
    }
}
