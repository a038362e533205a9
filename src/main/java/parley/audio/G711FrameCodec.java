package parley.audio;

/**
 * A phone leg's G.711 audio as 20 ms frames at the mixer's rate: 160 bytes (8 kHz, PCMU or PCMA)
 * to 960 samples at 48 kHz and back, through one resampler each way. A lost payload is silence:
 * G.711 has nothing to conceal from, and a repeated frame buzzes. Not thread-safe: one per call.
 */
public final class G711FrameCodec implements FrameDecoder {
    public static final int FRAME_BYTES = Pcm.samplesPerFrame(Pcm.RATE_8K);

    private final boolean alaw;
    private final Resampler up = new Resampler(Pcm.RATE_8K, Pcm.RATE_48K);
    private final Resampler down = new Resampler(Pcm.RATE_48K, Pcm.RATE_8K);
    private final short[] narrow = new short[FRAME_BYTES];

    /** @param alaw PCMA (A-law) when true, PCMU (μ-law) otherwise */
    public G711FrameCodec(boolean alaw) {
        this.alaw = alaw;
    }

    @Override
    public void decode(byte[] payload, int off, int len, short[] out) throws AudioException {
        if (len != FRAME_BYTES) throw new AudioException("G.711 payload of " + len + " bytes (expected: " + FRAME_BYTES + ", 20 ms)");
        G711.decode(alaw, payload, off, narrow, 0, FRAME_BYTES);
        up.process(narrow, 0, FRAME_BYTES, out, 0);
    }

    @Override
    public void conceal(short[] out) {
        java.util.Arrays.fill(narrow, (short) 0);
        up.process(narrow, 0, FRAME_BYTES, out, 0); // keeps the filter's history continuous
    }

    /** Encodes one 48 kHz frame ({@link Pcm#FRAME_48K} samples) into {@link #FRAME_BYTES} bytes at {@code out[outOff]}. */
    public void encode(short[] pcm48k, byte[] out, int outOff) {
        down.process(pcm48k, 0, Pcm.FRAME_48K, narrow, 0);
        G711.encode(alaw, narrow, 0, out, outOff, FRAME_BYTES);
    }
}
