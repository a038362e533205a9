package parley.captions;

/** Where a {@link Captioner}'s text goes; called on the captions thread, so it only enqueues. */
public interface CaptionListener {
    /** {@code text} of {@code participantId}'s utterance so far, or its final text ({@code isFinal}). */
    void caption(String participantId, String text, boolean isFinal);
}
