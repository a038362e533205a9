package parley.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class OpusCodecTest {
    private static final int FRAME = Pcm.FRAME_48K;

    /** Encodes {@code frames} 20 ms frames of a tone; returns the packets. */
    private static byte[][] encodeTone(OpusStreamEncoder enc, double freqHz, double amplitude, int channels, int frames) throws AudioException {
        byte[][] packets = new byte[frames][];
        byte[] buf = new byte[OpusStreamEncoder.MAX_PACKET_BYTES];
        for (int f = 0; f < frames; f++) {
            short[] mono = Signals.tone(freqHz, 48000, amplitude, FRAME, (long) f * FRAME);
            short[] pcm = new short[FRAME * channels];
            for (int i = 0; i < FRAME; i++) for (int c = 0; c < channels; c++) pcm[i * channels + c] = mono[i];
            int len = enc.encode(pcm, 0, buf, 0);
            packets[f] = java.util.Arrays.copyOf(buf, len);
        }
        return packets;
    }

    @Test
    void aToneSurvivesTheRoundTripAtItsFrequency() throws AudioException {
        for (double freqHz : new double[] {440, 1000, 3000}) {
            OpusStreamEncoder enc = new OpusStreamEncoder(new OpusStreamEncoder.Settings(1, 32_000, 5, true, false, 0));
            byte[][] packets = encodeTone(enc, freqHz, Signals.amplitudeForDbov(-12), 1, 30);
            OpusStreamDecoder dec = new OpusStreamDecoder(1);
            short[] out = new short[FRAME * 30];
            short[] frame = new short[OpusStreamDecoder.MAX_SAMPLES_PER_CHANNEL];
            int totalBytes = 0;
            for (int f = 0; f < packets.length; f++) {
                dec.decode(packets[f], 0, packets[f].length, frame);
                System.arraycopy(frame, 0, out, f * FRAME, FRAME);
                totalBytes += packets[f].length;
            }
            int skip = FRAME * 5, count = FRAME * 25; // past the encoder's start-up
            assertEquals(freqHz, Signals.peakFrequency(out, skip, count, 48000, 100, 8000, 10), 0.1);
            double snr = Signals.toneSnrDb(out, skip, count, freqHz, 48000);
            assertTrue(snr > 20, freqHz + " Hz: SNR " + snr + " dB (expected: > 20)");
            assertEquals(-12, Signals.dbovOf(out, skip, count), 1.5);
            double kbps = totalBytes * 8 / 1000.0 * 50 / 30;   // 50 frames make one second
            assertTrue(kbps > 20 && kbps < 40, "bitrate " + kbps + " kbit/s (asked 32)");
        }
    }

    @Test
    void stereoRoundTrip() throws AudioException {
        OpusStreamEncoder enc = new OpusStreamEncoder(new OpusStreamEncoder.Settings(2, 64_000, 5, false, false, 0));
        byte[][] packets = encodeTone(enc, 1000, Signals.amplitudeForDbov(-12), 2, 30);
        OpusStreamDecoder dec = new OpusStreamDecoder(2);
        short[] frame = new short[OpusStreamDecoder.MAX_SAMPLES_PER_CHANNEL * 2];
        short[] left = new short[FRAME * 10];
        for (int f = 0; f < packets.length; f++) {
            assertEquals(FRAME, dec.decodePacket(packets[f], 0, packets[f].length, frame));
            if (f >= 20) for (int i = 0; i < FRAME; i++) left[(f - 20) * FRAME + i] = frame[2 * i];
        }
        assertTrue(Signals.toneSnrDb(left, 0, left.length, 1000, 48000) > 20);
    }

    @Test
    void aLostPacketIsConcealedAndFecRebuildsIt() throws AudioException {
        // Speech with FEC is SILK-only, which carries each frame again in the next packet.
        OpusStreamEncoder enc = new OpusStreamEncoder(OpusStreamEncoder.Settings.speech());
        byte[][] packets = encodeTone(enc, 500, Signals.amplitudeForDbov(-12), 1, 40);
        short[] frame = new short[OpusStreamDecoder.MAX_SAMPLES_PER_CHANNEL];
        OpusStreamDecoder plc = new OpusStreamDecoder(1);
        OpusStreamDecoder fec = new OpusStreamDecoder(1);
        for (int f = 0; f < 30; f++) {
            plc.decode(packets[f], 0, packets[f].length, frame);
            fec.decode(packets[f], 0, packets[f].length, frame);
        }
        // packet 30 is lost
        plc.conceal(frame);
        assertTrue(Signals.dbovOf(frame, 0, FRAME) > -30, "concealment continues the sound");
        short[] concealed = frame.clone();
        fec.recover(packets[31], 0, packets[31].length, frame);
        assertTrue(!java.util.Arrays.equals(concealed, frame), "FEC decoded, not concealed again");
        double rebuilt = Signals.toneSnrDb(frame, 0, FRAME, 500, 48000);
        assertTrue(rebuilt > 10, "FEC frame SNR " + rebuilt + " dB");
        assertEquals(500, Signals.peakFrequency(frame, 0, FRAME, 48000, 100, 4000, 10), 0.1);
    }

    @Test
    void badPacketsAreRefusedWithTheOneExceptionType() {
        OpusStreamDecoder dec = new OpusStreamDecoder(1);
        short[] frame = new short[OpusStreamDecoder.MAX_SAMPLES_PER_CHANNEL];
        assertThrows(AudioException.class, () -> dec.decode(new byte[0], 0, 0, frame));
        // TOC code 3 (arbitrary frame count) with a frame count of 0 is invalid (RFC 6716 3.2.5).
        assertThrows(AudioException.class, () -> dec.decode(new byte[] {(byte) 0x03, 0x00}, 0, 2, frame));
        // 60 ms is a valid packet but not the 20 ms the mixer runs on.
        OpusStreamDecoder other = new OpusStreamDecoder(1);
        AudioException e = assertThrows(AudioException.class, () -> other.decode(new byte[] {(byte) 0x18, 0, 0}, 0, 1, frame));
        assertTrue(e.getMessage().contains("expected: 960"), e.getMessage());
        // Random bytes: decoded or refused, never anything else.
        Random random = new Random(6716);
        for (int i = 0; i < 300; i++) {
            byte[] junk = new byte[1 + random.nextInt(100)];
            random.nextBytes(junk);
            try {
                dec.decodePacket(junk, 0, junk.length, frame);
            } catch (AudioException expected) {
                // refused
            }
        }
    }
}
