package parley.audio;

import io.github.jaredmdobson.concentus.OpusApplication;
import io.github.jaredmdobson.concentus.OpusBandwidth;
import io.github.jaredmdobson.concentus.OpusEncoder;
import io.github.jaredmdobson.concentus.OpusException;
import io.github.jaredmdobson.concentus.OpusSignal;

/**
 * One Opus stream's encoder: 48 kHz, mono or stereo, 20 ms frames (Concentus). Not thread-safe:
 * one instance per stream.
 */
public final class OpusStreamEncoder {
    /** The largest Opus packet (RFC 6716 section 3.4, R1-R7). */
    public static final int MAX_PACKET_BYTES = 1275;

    /**
     * @param bitrateBps  6000..510000
     * @param complexity  0..10: CPU spent for quality (10 is libopus's default)
     * @param fec         in-band forward error correction: the SILK layer repeats each frame at a lower
     *                    rate in the next packet. Concentus (like libopus 1.1) does so only in SILK-only
     *                    mode, so FEC caps the bandwidth at wideband (8 kHz of audio: plenty for speech)
     *                    and needs about 24 kbit/s or more
     * @param lossPercent the loss the FEC should plan for, 0..100
     */
    public record Settings(int channels, int bitrateBps, int complexity, boolean voice, boolean fec, int lossPercent) {
        public Settings {
            if (channels != 1 && channels != 2) throw new IllegalArgumentException("channels " + channels + " (expected: 1 or 2)");
            if (bitrateBps < 6000 || bitrateBps > 510_000) {
                throw new IllegalArgumentException("bitrate " + bitrateBps + " bps (expected: 6000..510000)");
            }
            if (complexity < 0 || complexity > 10) throw new IllegalArgumentException("complexity " + complexity + " (expected: 0..10)");
            if (lossPercent < 0 || lossPercent > 100) throw new IllegalArgumentException("loss " + lossPercent + " % (expected: 0..100)");
        }

        /** Mono wideband speech at 24 kbit/s with FEC for 10 % loss: what a phone caller's audio to the meeting gets. */
        public static Settings speech() {
            return new Settings(1, 24_000, 5, true, true, 10);
        }
    }

    private final OpusEncoder encoder;
    private final int channels;

    public OpusStreamEncoder(Settings settings) {
        this.channels = settings.channels();
        try {
            encoder = new OpusEncoder(Pcm.RATE_48K, channels,
                    settings.voice() ? OpusApplication.OPUS_APPLICATION_VOIP : OpusApplication.OPUS_APPLICATION_AUDIO);
        } catch (OpusException e) {
            throw new IllegalStateException("Opus encoder: " + e.getMessage(), e);
        }
        encoder.setBitrate(settings.bitrateBps());
        encoder.setComplexity(settings.complexity());
        encoder.setSignalType(settings.voice() ? OpusSignal.OPUS_SIGNAL_VOICE : OpusSignal.OPUS_SIGNAL_AUTO);
        encoder.setUseInbandFEC(settings.fec());
        if (settings.fec()) encoder.setMaxBandwidth(OpusBandwidth.OPUS_BANDWIDTH_WIDEBAND);
        encoder.setPacketLossPercent(settings.lossPercent());
    }

    public void setBitrate(int bitrateBps) {
        encoder.setBitrate(bitrateBps);
    }

    /**
     * Encodes one 20 ms frame ({@link Pcm#FRAME_48K} samples per channel, interleaved when stereo)
     * from {@code pcm[off]} into {@code out[outOff]}; returns the packet's length in bytes.
     */
    public int encode(short[] pcm, int off, byte[] out, int outOff) throws AudioException {
        if (pcm.length - off < Pcm.FRAME_48K * channels) {
            throw new AudioException("PCM frame of " + (pcm.length - off) + " samples (expected: " + Pcm.FRAME_48K * channels + ")");
        }
        int max = Math.min(MAX_PACKET_BYTES, out.length - outOff);
        try {
            return encoder.encode(pcm, off, Pcm.FRAME_48K, out, outOff, max);
        } catch (OpusException | RuntimeException | AssertionError e) {   // Concentus asserts even without -ea
            encoder.resetState();
            throw new AudioException("Opus encode failed: " + e, e);
        }
    }
}
