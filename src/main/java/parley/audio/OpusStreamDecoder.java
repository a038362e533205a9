package parley.audio;

import io.github.jaredmdobson.concentus.OpusDecoder;
import io.github.jaredmdobson.concentus.OpusException;

/**
 * One Opus stream's decoder at 48 kHz (Concentus, a pure-Java port of libopus): packets to PCM,
 * packet-loss concealment for a packet that never came, and in-band FEC (LBRR) from the next
 * packet when the sender put it there. Any packet is decoded to the channel count chosen here
 * (a stereo packet to mono and back). Not thread-safe: one instance per stream.
 */
public final class OpusStreamDecoder implements FrameDecoder {
    /** The longest Opus packet lasts 120 ms. */
    public static final int MAX_SAMPLES_PER_CHANNEL = 48 * 120;

    private final OpusDecoder decoder;
    private final int channels;
    private int lastSamples = Pcm.FRAME_48K;

    public OpusStreamDecoder(int channels) {
        if (channels != 1 && channels != 2) throw new IllegalArgumentException("channels " + channels + " (expected: 1 or 2)");
        this.channels = channels;
        try {
            this.decoder = new OpusDecoder(Pcm.RATE_48K, channels);
        } catch (OpusException e) {
            throw new IllegalStateException("Opus decoder: " + e.getMessage(), e);
        }
    }

    public int channels() {
        return channels;
    }

    /**
     * Decodes one packet into {@code out} (interleaved when stereo) and returns the samples per
     * channel; {@code out} must hold {@link #MAX_SAMPLES_PER_CHANNEL} x channels, or the packet's duration.
     */
    public int decodePacket(byte[] packet, int off, int len, short[] out) throws AudioException {
        if (len <= 0) throw new AudioException("Opus packet of " + len + " bytes (expected: at least 1)");
        int n = run(packet, off, len, out, Math.min(MAX_SAMPLES_PER_CHANNEL, out.length / channels), false);
        lastSamples = n;
        return n;
    }

    @Override
    public void decode(byte[] payload, int off, int len, short[] out) throws AudioException {
        int n = decodePacket(payload, off, len, out);
        if (n != Pcm.FRAME_48K) {
            throw new AudioException("Opus packet of " + n + " samples (expected: " + Pcm.FRAME_48K + ", 20 ms)");
        }
    }

    /** Concealment for one lost packet, as long as the last one; returns the samples per channel. */
    public int concealPacket(short[] out) {
        try {
            return run(null, 0, 0, out, lastSamples, false);
        } catch (AudioException e) {
            java.util.Arrays.fill(out, 0, lastSamples * channels, (short) 0);
            return lastSamples;
        }
    }

    @Override
    public void conceal(short[] out) {
        concealPacket(out);
    }

    /** Rebuilds a lost 20 ms frame from the FEC data in the packet after it; conceals when it has none. */
    @Override
    public void recover(byte[] next, int off, int len, short[] out) {
        try {
            run(next, off, len, out, Pcm.FRAME_48K, true);
        } catch (AudioException e) {
            conceal(out);
        }
    }

    private int run(byte[] packet, int off, int len, short[] out, int frameSize, boolean fec) throws AudioException {
        try {
            return decoder.decode(packet, off, len, out, 0, frameSize, fec);
        } catch (OpusException e) {
            throw new AudioException("Opus packet rejected: " + e.getMessage(), e);
        } catch (RuntimeException | AssertionError e) {
            // Concentus is a port of C code: a hostile packet may surface as an index error, or
            // as one of libopus's internal assertions, which Concentus throws whether or not -ea is on.
            // The decoder may be left half-way through a frame: start it afresh.
            decoder.resetState();
            throw new AudioException("Opus packet rejected: " + e.getClass().getSimpleName(), e);
        }
    }
}
