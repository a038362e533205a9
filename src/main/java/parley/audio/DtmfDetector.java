package parley.audio;

import java.util.function.Consumer;

/**
 * Finds DTMF key presses in 8 kHz audio (a G.711 call whose trunk does not send RFC 4733) with the
 * Goertzel algorithm: the power at the 8 DTMF frequencies and their second harmonics over blocks of
 * {@value #BLOCK} samples (25.6 ms, bins about 39 Hz wide), every {@value #HOP} samples.
 *
 * <p>A block holds a key when one row and one column tone stand out: both tones carry at least
 * {@value #MIN_TONE_SHARE} of the block's energy together, neither is below {@value #MIN_TONE_DBOV}
 * dBov, the column is at most {@value #NORMAL_TWIST_DB} dB above the row and at most
 * {@value #REVERSE_TWIST_DB} dB below it, each is {@value #PEAK_MARGIN_DB} dB above the other tones
 * of its group, and neither has a second harmonic within {@value #HARMONIC_MARGIN_DB} dB of it
 * (speech and music have harmonics, DTMF does not). A key is reported once when two blocks in a
 * row agree (about 40 ms), and again only after a block without it. Not thread-safe: one per call.
 */
public final class DtmfDetector {
    static final int RATE_HZ = 8000;
    static final int BLOCK = 205;
    static final int HOP = 102;
    static final double MIN_TONE_SHARE = 0.6;
    static final double MIN_TONE_DBOV = -36;
    static final double NORMAL_TWIST_DB = 8;
    static final double REVERSE_TWIST_DB = 6;
    static final double PEAK_MARGIN_DB = 8;
    static final double HARMONIC_MARGIN_DB = 12;
    private static final double[] ROWS = {697, 770, 852, 941};
    private static final double[] COLUMNS = {1209, 1336, 1477, 1633};
    private static final char[][] KEYS = {
        {'1', '2', '3', 'A'},
        {'4', '5', '6', 'B'},
        {'7', '8', '9', 'C'},
        {'*', '0', '#', 'D'},
    };
    private static final double[] ROW_COEFF = coefficients(ROWS, 1);
    private static final double[] COL_COEFF = coefficients(COLUMNS, 1);
    private static final double[] ROW_HARMONIC_COEFF = coefficients(ROWS, 2);
    private static final double[] COL_HARMONIC_COEFF = coefficients(COLUMNS, 2);

    private final Consumer<Character> keys;
    private final double[] ring = new double[BLOCK];
    private final double[] block = new double[BLOCK];
    private final double[] rowPower = new double[4];
    private final double[] colPower = new double[4];
    private int written;         // samples written to the ring in total (mod BLOCK gives the slot)
    private int sinceBlock;
    private char previousBlock;  // the key the last block held, or 0
    private char reportedKey;    // the key reported and not yet released, or 0

    public DtmfDetector(Consumer<Character> keys) {
        this.keys = keys;
    }

    /** Feeds {@code count} samples of 8 kHz PCM. */
    public void process(short[] pcm, int off, int count) {
        for (int i = 0; i < count; i++) {
            ring[written % BLOCK] = pcm[off + i];
            written++;
            if (written >= BLOCK && ++sinceBlock >= HOP) {
                sinceBlock = 0;
                onBlock(analyse());
            }
        }
        if (written > 1_000_000_000) written = written % BLOCK + BLOCK; // stays positive, same slot
    }

    private void onBlock(char key) {
        if (key != 0 && key == previousBlock && key != reportedKey) {
            reportedKey = key;
            keys.accept(key);
        } else if (key != reportedKey) {
            reportedKey = 0;  // a block without the reported key: released
        }
        previousBlock = key;
    }

    /** The key the last {@value #BLOCK} samples hold, or 0. */
    private char analyse() {
        int start = written % BLOCK;
        double energy = 0;
        for (int i = 0; i < BLOCK; i++) {
            double x = ring[(start + i) % BLOCK];
            block[i] = x;
            energy += x * x;
        }
        if (energy == 0) return 0;
        int row = strongest(ROW_COEFF, rowPower);
        int col = strongest(COL_COEFF, colPower);
        // Goertzel power of a tone of amplitude A is (A * BLOCK / 2)^2; its energy is A^2 * BLOCK / 2.
        double rowEnergy = rowPower[row] * 2 / BLOCK;
        double colEnergy = colPower[col] * 2 / BLOCK;
        if (rowEnergy + colEnergy < MIN_TONE_SHARE * energy) return 0;
        double floor = dbToPower(MIN_TONE_DBOV) * 32768.0 * 32768.0 * BLOCK;
        if (rowEnergy < floor || colEnergy < floor) return 0;
        if (colEnergy > rowEnergy * dbToPower(NORMAL_TWIST_DB) || rowEnergy > colEnergy * dbToPower(REVERSE_TWIST_DB)) return 0;
        if (!standsOut(rowPower, row) || !standsOut(colPower, col)) return 0;
        double harmonicLimit = dbToPower(-HARMONIC_MARGIN_DB);
        if (goertzel(ROW_HARMONIC_COEFF[row]) > rowPower[row] * harmonicLimit) return 0;
        if (goertzel(COL_HARMONIC_COEFF[col]) > colPower[col] * harmonicLimit) return 0;
        return KEYS[row][col];
    }

    private int strongest(double[] coeffs, double[] power) {
        int best = 0;
        for (int i = 0; i < coeffs.length; i++) {
            power[i] = goertzel(coeffs[i]);
            if (power[i] > power[best]) best = i;
        }
        return best;
    }

    private static boolean standsOut(double[] power, int peak) {
        double limit = power[peak] * dbToPower(-PEAK_MARGIN_DB);
        for (int i = 0; i < power.length; i++) if (i != peak && power[i] > limit) return false;
        return true;
    }

    /** |X(f)|^2 over the block, for coeff = 2 cos(2 pi f / rate); f need not be a whole bin. */
    private double goertzel(double coeff) {
        double s1 = 0, s2 = 0;
        for (int i = 0; i < BLOCK; i++) {
            double s0 = block[i] + coeff * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        return s1 * s1 + s2 * s2 - coeff * s1 * s2;
    }

    private static double[] coefficients(double[] freqs, int harmonic) {
        double[] c = new double[freqs.length];
        for (int i = 0; i < freqs.length; i++) c[i] = 2 * Math.cos(2 * Math.PI * freqs[i] * harmonic / RATE_HZ);
        return c;
    }

    private static double dbToPower(double db) {
        return Math.pow(10, db / 10);
    }
}
