package parley.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Payloads from the network, as a phone trunk or a browser may send them: parsing and decoding throw
 * only AudioException, and a mixer fed them keeps ticking. The {@code @FuzzTest} runs its seeds
 * (src/test/resources/parley/audio/AudioFuzzTestInputs) in every test run and is fuzzed by bench/fuzz.sh.
 */
class AudioFuzzTest {
    @FuzzTest
    void payload(byte[] b) {
        try {
            TelephoneEvent e = TelephoneEvent.parse(b, 0, b.length);
            byte[] again = new byte[TelephoneEvent.SIZE];
            e.write(again, 0);
            assertEquals(e.end(), TelephoneEvent.parse(again, 0, again.length).end());
        } catch (AudioException expected) {
            // refused with a message
        }
        short[] pcm = new short[OpusStreamDecoder.MAX_SAMPLES_PER_CHANNEL * 2];
        try {
            int n = new OpusStreamDecoder(2).decodePacket(b, 0, b.length, pcm);
            assertTrue(n > 0 && n <= OpusStreamDecoder.MAX_SAMPLES_PER_CHANNEL);
        } catch (AudioException expected) {
            // refused with a message
        }
        Mixer mixer = new Mixer();
        Mixer.Source opus = mixer.addSource(new OpusStreamDecoder(1), new JitterBuffer(960, 0, 4, 1500));
        Mixer.Source phone = mixer.addSource(new G711FrameCodec(true), new JitterBuffer(160, 0, 4, 1500));
        int stamp = b.length >= 4 ? (b[0] << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF) : 0;
        for (Mixer.Source s : new Mixer.Source[] {opus, phone}) {
            try {
                s.push(stamp, b, 0, b.length);
            } catch (AudioException expected) {
                // too long for a slot
            }
        }
        phone.enableMinusOne();
        mixer.tick();
        for (short v : phone.minusOne()) assertTrue(Math.abs(v) <= Short.MAX_VALUE);
    }
}
