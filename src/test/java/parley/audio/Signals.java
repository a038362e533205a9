package parley.audio;

import java.util.Random;

/** Test signals and measurements: tones, noise, Goertzel power, level, and a tone's SNR. */
final class Signals {
    private Signals() {}

    /** A sine of {@code amplitude} (16-bit scale) at {@code freqHz}, starting at sample {@code from}. */
    static short[] tone(double freqHz, int rateHz, double amplitude, int count, long from) {
        short[] out = new short[count];
        for (int i = 0; i < count; i++) out[i] = Pcm.saturate((int) Math.round(amplitude * Math.sin(2 * Math.PI * freqHz * (from + i) / rateHz)));
        return out;
    }

    /** The sum of two tones (DTMF), the column tone {@code twistDb} above the row tone. */
    static short[] dualTone(double rowHz, double colHz, double rowAmplitude, double twistDb, int rateHz, int count) {
        double colAmplitude = rowAmplitude * Math.pow(10, twistDb / 20);
        short[] out = new short[count];
        for (int i = 0; i < count; i++) {
            double t = (double) i / rateHz;
            out[i] = Pcm.saturate((int) Math.round(rowAmplitude * Math.sin(2 * Math.PI * rowHz * t)
                    + colAmplitude * Math.sin(2 * Math.PI * colHz * t)));
        }
        return out;
    }

    /** Adds Gaussian noise of the given RMS, from a fixed seed. */
    static short[] addNoise(short[] in, double rms, long seed) {
        Random random = new Random(seed);
        short[] out = new short[in.length];
        for (int i = 0; i < in.length; i++) out[i] = Pcm.saturate((int) Math.round(in[i] + random.nextGaussian() * rms));
        return out;
    }

    static double amplitudeForDbov(double dbov) {
        return 32768 * Math.sqrt(2) * Math.pow(10, dbov / 20);   // a sine's RMS is amplitude / sqrt 2
    }

    /** Amplitude of the component at {@code freqHz} (Goertzel: the DFT at that frequency, any frequency). */
    static double amplitudeAt(short[] x, int off, int count, double freqHz, int rateHz) {
        double coeff = 2 * Math.cos(2 * Math.PI * freqHz / rateHz);
        double s1 = 0, s2 = 0;
        for (int i = 0; i < count; i++) {
            double s0 = x[off + i] + coeff * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        return 2 * Math.sqrt(Math.max(0, s1 * s1 + s2 * s2 - coeff * s1 * s2)) / count;
    }

    /** The frequency, on a grid of {@code stepHz} from {@code fromHz} to {@code toHz}, with the most power. */
    static double peakFrequency(short[] x, int off, int count, int rateHz, double fromHz, double toHz, double stepHz) {
        double best = fromHz, bestAmp = -1;
        for (double f = fromHz; f <= toHz; f += stepHz) {
            double a = amplitudeAt(x, off, count, f, rateHz);
            if (a > bestAmp) {
                bestAmp = a;
                best = f;
            }
        }
        return best;
    }

    /**
     * Signal-to-noise ratio in dB of a tone at {@code freqHz} in x: the fitted tone's power against
     * everything else (distortion and noise). The count should hold whole periods.
     */
    static double toneSnrDb(short[] x, int off, int count, double freqHz, int rateHz) {
        double s = 0, c = 0;
        for (int i = 0; i < count; i++) {
            double w = 2 * Math.PI * freqHz * i / rateHz;
            s += x[off + i] * Math.sin(w);
            c += x[off + i] * Math.cos(w);
        }
        double a = 2 * s / count, b = 2 * c / count;
        double signal = 0, noise = 0;
        for (int i = 0; i < count; i++) {
            double w = 2 * Math.PI * freqHz * i / rateHz;
            double fit = a * Math.sin(w) + b * Math.cos(w);
            signal += fit * fit;
            double r = x[off + i] - fit;
            noise += r * r;
        }
        return 10 * Math.log10(signal / Math.max(noise, 1e-9));
    }

    static double dbovOf(short[] x, int off, int count) {
        return Pcm.dbov(Pcm.rms(x, off, count));
    }
}
