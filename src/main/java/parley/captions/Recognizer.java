package parley.captions;

/**
 * One speaker's speech recogniser, fed 16 kHz mono PCM. Used by one captions thread only.
 * Vosk in production ({@link VoskRecognizers}); a fake in unit tests.
 */
public interface Recognizer extends AutoCloseable {
    /** What one piece of audio gave: the live text of the utterance so far, or its final text. */
    record Text(String text, boolean isFinal) {}

    /** Feeds {@code len} samples; returns the utterance's text so far, or its final text when it ended here. */
    Text accept(short[] pcm, int len);

    /** The speaker went quiet: ends the utterance; its final text, possibly empty. */
    String flush();

    @Override
    void close();

    /** Makes one recogniser per speaker. Thread-safe. */
    interface Factory {
        Recognizer create();
    }
}
