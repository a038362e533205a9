package parley.audio;

/**
 * One incoming stream's decoder as the {@link Mixer} sees it: payloads of 20 ms in, 48 kHz mono
 * PCM out, and something plausible for a payload that never came. Not thread-safe.
 */
public interface FrameDecoder {
    /** Decodes one 20 ms payload into {@code out} ({@link Pcm#FRAME_48K} samples). */
    void decode(byte[] payload, int off, int len, short[] out) throws AudioException;

    /** Fills {@code out} with a concealment frame for a payload that is missing. */
    void conceal(short[] out);

    /**
     * Fills {@code out} for a missing payload when the next one is at hand: codecs with in-band
     * forward error correction (Opus) rebuild the lost frame from it; others conceal.
     */
    default void recover(byte[] next, int off, int len, short[] out) {
        conceal(out);
    }
}
