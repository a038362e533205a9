package parley.audio;

/**
 * Keeps one mixed output inside full scale without wrapping round: a gain that drops at once to
 * bring a frame's peak under {@value #THRESHOLD} and recovers by {@value #RELEASE_DB_PER_FRAME} dB
 * per frame, ramped across each frame so it never steps, then a soft knee above the threshold that
 * bends whatever still overshoots (the first samples of a sudden loud frame) towards full scale
 * without ever reaching it. Not thread-safe: one per output.
 */
final class Limiter {
    static final int THRESHOLD = 29_205;            // -1 dBFS
    static final double RELEASE_DB_PER_FRAME = 0.5;  // 25 dB/s
    private static final double RELEASE = Math.pow(10, RELEASE_DB_PER_FRAME / 20);
    private static final double HEADROOM = Short.MAX_VALUE - THRESHOLD;

    private double gain = 1;

    /**
     * Writes {@code count} limited samples of {@code sum} (a 32-bit sum of 16-bit sources), less
     * {@code minus} when given (one source's own frame, for its minus-one), to {@code out}.
     */
    void apply(int[] sum, short[] minus, short[] out, int count) {
        int peak = 0;
        if (minus == null) {
            for (int i = 0; i < count; i++) peak = Math.max(peak, Math.abs(sum[i]));
        } else {
            for (int i = 0; i < count; i++) peak = Math.max(peak, Math.abs(sum[i] - minus[i]));
        }
        double target = peak > THRESHOLD ? (double) THRESHOLD / peak : 1;
        double from = gain;
        double to = target < gain ? target : Math.min(target, gain * RELEASE);
        gain = to;
        double step = (to - from) / count;
        if (from == 1 && to == 1) {   // the common case, quiet enough: a plain copy
            for (int i = 0; i < count; i++) out[i] = knee(minus == null ? sum[i] : sum[i] - minus[i]);
            return;
        }
        double g = from;
        for (int i = 0; i < count; i++) {
            g += step;
            int x = minus == null ? sum[i] : sum[i] - minus[i];
            out[i] = knee((int) Math.round(x * g));
        }
    }

    double gain() {
        return gain;
    }

    /** Identity up to the threshold; above it, an exponential approach to full scale that never arrives. */
    private static short knee(int x) {
        int mag = Math.abs(x);
        if (mag <= THRESHOLD) return (short) x;
        double over = (mag - THRESHOLD) / HEADROOM;
        int bent = THRESHOLD + (int) (HEADROOM * (1 - Math.exp(-over)));
        return (short) (x < 0 ? -bent : bent);
    }
}
