package parley.audio;

/**
 * Facts and small helpers for the 16-bit linear PCM every class here exchanges: 20 ms frames,
 * sample counts per rate, saturation and level in dBov.
 */
public final class Pcm {
    public static final int FRAME_MS = 20;
    public static final int RATE_48K = 48_000;
    public static final int RATE_16K = 16_000;
    public static final int RATE_8K = 8_000;
    /** Samples per channel in one 20 ms frame at 48 kHz. */
    public static final int FRAME_48K = samplesPerFrame(RATE_48K);
    /** The lowest level reported, as in RFC 6464 (audio level 127 = -127 dBov): digital silence. */
    public static final double SILENCE_DBOV = -127;

    private Pcm() {}

    public static int samplesPerFrame(int rateHz) {
        return rateHz / 1000 * FRAME_MS;
    }

    /** Clamps to the 16-bit range: saturates instead of wrapping round. */
    public static short saturate(int v) {
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, v));
    }

    /** Root mean square of {@code count} samples, on the 16-bit scale (0..32768). */
    public static double rms(short[] pcm, int off, int count) {
        if (count <= 0) return 0;
        long sumSquares = 0;
        for (int i = off; i < off + count; i++) sumSquares += pcm[i] * pcm[i];
        return Math.sqrt((double) sumSquares / count);
    }

    /**
     * Level in dBov (RFC 6464): 0 dBov is a full-scale square wave, so a full-scale sine reads
     * -3 dBov; clamped to [-127, 0].
     */
    public static double dbov(double rms) {
        if (rms <= 0) return SILENCE_DBOV;
        return Math.max(SILENCE_DBOV, Math.min(0, 20 * Math.log10(rms / 32768.0)));
    }
}
