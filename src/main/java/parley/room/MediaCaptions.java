package parley.room;

/** Live captions of one room's speech in progress (docs/protocol.md, "Captions"). Thread-safe. */
public interface MediaCaptions {
    /** Ends them: no more text comes. Idempotent. */
    void stop();

    /** Text as it is recognised; from the captions thread, so implementations only enqueue. */
    interface Events {
        /** {@code text} of {@code participantId}'s line so far, or the line's final text ({@code isFinal}). */
        void onCaption(String participantId, String text, boolean isFinal);
    }
}
