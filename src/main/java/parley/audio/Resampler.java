package parley.audio;

/**
 * A rational-ratio resampler (48 kHz ↔ 8 or 16 kHz, or any L/M) through a polyphase FIR: a
 * windowed-sinc low-pass (Kaiser window, {@value #STOPBAND_DB} dB stop band) at the lower rate's
 * Nyquist frequency, evaluated only at the output instants, so decimating by 6 costs one filter
 * per output sample, not per input sample. For 8 kHz: flat to 3.4 kHz, -3 dB at 3.8 kHz, at least
 * {@value #STOPBAND_DB} dB down from 4.4 kHz on (so what folds back lands above 3.6 kHz, outside
 * the telephone band); for 16 kHz the same at twice the frequencies. Tests measure it.
 *
 * <p>One instance per stream: it keeps the last input samples between calls so frames join up
 * seamlessly; the delay is half the filter's length. Not thread-safe.
 */
public final class Resampler {
    static final double STOPBAND_DB = 80;
    /** Width of the transition band, as a share of the lower rate: 1 kHz at 8 kHz, 2 kHz at 16 kHz. */
    static final double TRANSITION = 0.125;
    /** Where the filter crosses -6 dB, as a share of the lower rate's Nyquist frequency. */
    static final double CUTOFF = 0.975;

    private final int inRateHz;
    private final int outRateHz;
    private final int up;
    private final int down;
    private final int tapsPerPhase;
    /**
     * phases[p][tapsPerPhase - 1 - k] = h[p + k * up]: the taps for output instants whose fractional
     * phase is p / up, oldest input first so the inner loop runs forwards.
     */
    private final float[][] phases;
    /** The last tapsPerPhase - 1 input samples (oldest first), then room for one call's input. */
    private float[] history;

    public Resampler(int inRateHz, int outRateHz) {
        if (inRateHz <= 0 || outRateHz <= 0) {
            throw new IllegalArgumentException("rates " + inRateHz + " -> " + outRateHz + " Hz (expected: positive)");
        }
        this.inRateHz = inRateHz;
        this.outRateHz = outRateHz;
        int g = gcd(inRateHz, outRateHz);
        this.up = outRateHz / g;
        this.down = inRateHz / g;
        double filterRate = (double) inRateHz * up;
        double lowRate = Math.min(inRateHz, outRateHz);
        double cutoffHz = CUTOFF * lowRate / 2;
        double transitionHz = TRANSITION * lowRate;
        double beta = 0.1102 * (STOPBAND_DB - 8.7);
        int length = (int) Math.ceil((STOPBAND_DB - 8) / (2.285 * 2 * Math.PI * transitionHz / filterRate)) + 1;
        this.tapsPerPhase = (length + up - 1) / up;
        this.phases = design(up, tapsPerPhase, cutoffHz / filterRate, beta);
        this.history = new float[tapsPerPhase - 1 + 960];
    }

    public int inRateHz() {
        return inRateHz;
    }

    public int outRateHz() {
        return outRateHz;
    }

    /** Delay through the filter, in input samples. */
    public double delayInputSamples() {
        return (tapsPerPhase * up - 1) / 2.0 / up;
    }

    /** Output samples for {@code inCount} input samples; {@code inCount} must be a multiple of {@link #inputMultiple()}. */
    public int outputCount(int inCount) {
        return inCount / down * up;
    }

    /** Input counts must be a multiple of this (6 for 48 → 8 kHz), so every call ends on a whole output phase. */
    public int inputMultiple() {
        return down;
    }

    /**
     * Resamples {@code inCount} samples of mono PCM into {@code out} from {@code outOff};
     * returns the number of samples written ({@link #outputCount}).
     */
    public int process(short[] in, int inOff, int inCount, short[] out, int outOff) {
        if (inCount % down != 0) {
            throw new IllegalArgumentException("input of " + inCount + " samples (expected: a multiple of " + down + ")");
        }
        int keep = tapsPerPhase - 1;
        if (history.length < keep + inCount) history = java.util.Arrays.copyOf(history, keep + inCount);
        float[] h = history;
        for (int i = 0; i < inCount; i++) h[keep + i] = in[inOff + i];
        int outCount = outputCount(inCount);
        for (int n = 0; n < outCount; n++) {
            long t = (long) n * down;
            int oldest = (int) (t / up);   // the newest input sample this output sees is oldest + keep
            float[] taps = phases[(int) (t % up)];
            float acc = 0;
            for (int k = 0; k < tapsPerPhase; k++) acc += taps[k] * h[oldest + k];
            out[outOff + n] = Pcm.saturate(Math.round(acc));
        }
        System.arraycopy(h, inCount, h, 0, keep);
        return outCount;
    }

    /** Windowed sinc at {@code cutoff} (cycles per sample of the upsampled rate), split into {@code up} phases with gain {@code up}. */
    private static float[][] design(int up, int tapsPerPhase, double cutoff, double beta) {
        int length = tapsPerPhase * up;
        double centre = (length - 1) / 2.0;
        double norm = besselI0(beta);
        float[][] phases = new float[up][tapsPerPhase];
        for (int j = 0; j < length; j++) {
            double x = j - centre;
            double sinc = x == 0 ? 2 * cutoff : Math.sin(2 * Math.PI * cutoff * x) / (Math.PI * x);
            double r = x / centre;
            double window = besselI0(beta * Math.sqrt(Math.max(0, 1 - r * r))) / norm;
            phases[j % up][tapsPerPhase - 1 - j / up] = (float) (sinc * window * up);
        }
        return phases;
    }

    private static double besselI0(double x) {
        double sum = 1, term = 1, half = x / 2;
        for (int k = 1; k < 50; k++) {
            term *= (half / k) * (half / k);
            sum += term;
            if (term < sum * 1e-12) break;
        }
        return sum;
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
