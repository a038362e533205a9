package parley.audio;

import java.util.ArrayList;
import java.util.List;

/**
 * Mixes N sources' 20 ms frames at 48 kHz mono into the full mix and into a minus-one mix for
 * each source that asks for one (a phone caller hears everyone but themselves). Every
 * {@link #tick()} takes one frame from each source's {@link JitterBuffer}: decoded when it came,
 * rebuilt from the next packet's FEC or concealed when it did not (for a while after the source
 * last spoke), silence after that; a late or missing source never holds up the mix.
 *
 * <p>Cost per tick: one decode per live source, one add per source, then one subtraction and one
 * {@link Limiter} pass per minus-one output (the full sum minus the listener's own frame), so N
 * sources and P listeners cost O(N + P) frames, not O(N x P). Each frame's level is measured on
 * the way (RMS in dBov), for active-speaker choice. No allocation per tick.
 *
 * <p>Not thread-safe: one thread pushes payloads and ticks (the caller paces ticks every 20 ms).
 */
public final class Mixer {
    /** After this many missing frames in a row a source is silent and no longer concealed. */
    static final int CONCEAL_FRAMES = 5;

    private final List<Source> sources = new ArrayList<>();
    private final int[] sum = new int[Pcm.FRAME_48K];
    private final short[] full = new short[Pcm.FRAME_48K];
    private final Limiter fullLimiter = new Limiter();
    private long ticks;

    /** One input: its jitter buffer, decoder, last frame and level, and its minus-one output if wanted. */
    public final class Source {
        private final FrameDecoder decoder;
        private final JitterBuffer buffer;
        private final short[] frame = new short[OpusStreamDecoder.MAX_SAMPLES_PER_CHANNEL];
        private boolean sounding;      // frame holds audio this tick (decoded or concealed)
        private int missingInARow = CONCEAL_FRAMES;
        private double levelDbov = Pcm.SILENCE_DBOV;
        private long decodeErrors;
        private short[] minusOne;
        private Limiter minusOneLimiter;

        private Source(FrameDecoder decoder, JitterBuffer buffer) {
            this.decoder = decoder;
            this.buffer = buffer;
        }

        /** Hands over one payload from an RTP packet with this timestamp. */
        public JitterBuffer.Push push(int rtpTimestamp, byte[] payload, int off, int len) throws AudioException {
            return buffer.push(rtpTimestamp, payload, off, len);
        }

        /** Asks for this source's minus-one mix from the next tick on. */
        public void enableMinusOne() {
            if (minusOne == null) {
                minusOne = new short[Pcm.FRAME_48K];
                minusOneLimiter = new Limiter();
            }
        }

        /** Everyone but this source, after the last tick: what this participant should hear. */
        public short[] minusOne() {
            if (minusOne == null) throw new IllegalStateException("minus-one not enabled for this source");
            return minusOne;
        }

        /** This source's own frame of the last tick (48 kHz mono, {@link Pcm#FRAME_48K} samples): for captions. */
        public short[] frame() {
            return frame;
        }

        /** Whether the last tick's frame held audio (decoded or concealed) rather than silence. */
        public boolean sounding() {
            return sounding;
        }

        /** RMS level of the last tick's frame in dBov (-127 for silence). */
        public double levelDbov() {
            return levelDbov;
        }

        public long decodeErrors() {
            return decodeErrors;
        }

        public JitterBuffer jitterBuffer() {
            return buffer;
        }

        private void pull() {
            int len = buffer.poll();
            if (len >= 0) {
                try {
                    decoder.decode(buffer.payload(), 0, len, frame);
                    sounding = true;
                    missingInARow = 0;
                } catch (AudioException e) {
                    decodeErrors++;
                    missing();
                }
            } else {
                missing();
            }
            levelDbov = sounding ? Pcm.dbov(Pcm.rms(frame, 0, Pcm.FRAME_48K)) : Pcm.SILENCE_DBOV;
        }

        private void missing() {
            if (missingInARow < CONCEAL_FRAMES) {
                missingInARow++;
                int next = buffer.peekNext();
                if (next > 0) decoder.recover(buffer.next(), 0, next, frame);
                else decoder.conceal(frame);
                sounding = true;
            } else {
                if (sounding) java.util.Arrays.fill(frame, (short) 0);
                sounding = false;
            }
        }
    }

    public Mixer() {}

    /** Adds a source; its frames join the mix from the next tick. */
    public Source addSource(FrameDecoder decoder, JitterBuffer buffer) {
        Source s = new Source(decoder, buffer);
        sources.add(s);
        return s;
    }

    public void removeSource(Source source) {
        sources.remove(source);
    }

    public int sourceCount() {
        return sources.size();
    }

    /** Mixes one 20 ms frame: decodes or conceals every source, sums, limits every output. */
    public void tick() {
        ticks++;
        java.util.Arrays.fill(sum, 0);
        for (Source s : sources) {
            s.pull();
            if (!s.sounding) continue;
            short[] own = s.frame;
            for (int i = 0; i < sum.length; i++) sum[i] += own[i];
        }
        fullLimiter.apply(sum, null, full, sum.length);
        for (Source s : sources) {
            if (s.minusOne == null) continue;
            s.minusOneLimiter.apply(sum, s.sounding ? s.frame : null, s.minusOne, sum.length);
        }
    }

    /** Everyone, after the last tick (a recorder's or a listener's who does not speak). */
    public short[] fullMix() {
        return full;
    }

    /** The source with the highest level above {@code thresholdDbov} in the last tick, or null. */
    public Source loudest(double thresholdDbov) {
        Source best = null;
        for (Source s : sources) {
            if (s.levelDbov > thresholdDbov && (best == null || s.levelDbov > best.levelDbov)) best = s;
        }
        return best;
    }

    public long ticks() {
        return ticks;
    }
}
