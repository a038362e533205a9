package parley.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MixerTest {
    private static final int FRAME = Pcm.FRAME_48K;
    private static final int TICKS = 960;

    /** A stand-in codec for the mixer's arithmetic: payload byte b decodes to a sine of amplitude b x 100 at this source's frequency. */
    private static final class ToneDecoder implements FrameDecoder {
        final double freqHz;
        long frames;
        int concealed;

        ToneDecoder(double freqHz) {
            this.freqHz = freqHz;
        }

        @Override
        public void decode(byte[] payload, int off, int len, short[] out) {
            short[] tone = Signals.tone(freqHz, 48000, (payload[off] & 0xFF) * 100.0, FRAME, frames++ * FRAME);
            System.arraycopy(tone, 0, out, 0, FRAME);
        }

        @Override
        public void conceal(short[] out) {
            concealed++;
            java.util.Arrays.fill(out, 0, FRAME, (short) 1);  // recognisable
        }
    }

    private static Mixer.Source add(Mixer mixer, FrameDecoder decoder) {
        return mixer.addSource(decoder, new JitterBuffer(TICKS, 0, 8, 100));
    }

    private static void push(Mixer.Source s, int frame, int amplitudeHundreds) throws AudioException {
        s.push(frame * TICKS, new byte[] {(byte) amplitudeHundreds}, 0, 1);
    }

    @Test
    void eachListenerHearsEveryoneButThemselves() throws AudioException {
        Mixer mixer = new Mixer();
        ToneDecoder da = new ToneDecoder(300), db = new ToneDecoder(500), dc = new ToneDecoder(700);
        Mixer.Source a = add(mixer, da), b = add(mixer, db), c = add(mixer, dc);
        a.enableMinusOne();
        c.enableMinusOne();
        for (int f = 0; f < 10; f++) {
            push(a, f, 50);
            push(b, f, 60);
            push(c, f, 70);
            mixer.tick();
            for (int i = 0; i < FRAME; i++) {
                int sa = a.frame()[i], sb = b.frame()[i], sc = c.frame()[i];
                assertEquals(sb + sc, a.minusOne()[i], "a's minus-one, sample " + i);
                assertEquals(sa + sb, c.minusOne()[i], "c's minus-one, sample " + i);
                assertEquals(sa + sb + sc, mixer.fullMix()[i]);
            }
        }
        // a hears b's and c's tones and not its own
        assertTrue(Signals.amplitudeAt(a.minusOne(), 0, FRAME, 500, 48000) > 5000);
        assertTrue(Signals.amplitudeAt(a.minusOne(), 0, FRAME, 700, 48000) > 6000);
        assertTrue(Signals.amplitudeAt(a.minusOne(), 0, FRAME, 300, 48000) < 10);
    }

    @Test
    void manyLoudSourcesNeverExceedFullScaleNorWrap() throws AudioException {
        Mixer mixer = new Mixer();
        List<Mixer.Source> sources = new ArrayList<>();
        for (int i = 0; i < 50; i++) sources.add(add(mixer, new ToneDecoder(400)));   // all in phase: the worst case
        sources.get(0).enableMinusOne();
        for (int f = 0; f < 150; f++) {
            for (Mixer.Source s : sources) push(s, f, f < 50 ? 255 : 3);  // 25500 each, then quiet
            mixer.tick();
            for (short[] out : new short[][] {mixer.fullMix(), sources.get(0).minusOne()}) {
                short[] tone = sources.get(1).frame();
                for (int i = 0; i < FRAME; i++) {
                    assertTrue(Math.abs(out[i]) <= Short.MAX_VALUE, "inside full scale");
                    // the sum of 50 in-phase sines has the sign of one sine: wrapping round would flip it
                    if (Math.abs(tone[i]) > 100) assertEquals(Integer.signum(tone[i]), Integer.signum(out[i]), "frame " + f + " sample " + i);
                }
            }
            if (f == 49) {
                double peak = 0;
                for (short v : mixer.fullMix()) peak = Math.max(peak, Math.abs(v));
                assertTrue(peak >= Limiter.THRESHOLD * 0.95 && peak < Short.MAX_VALUE, "loud but under full scale: " + peak);
            }
        }
        // 50 x 300 = 15000 fits, and the limiter has released its 33 dB (0.5 dB per frame over 100 frames)
        double level = Signals.dbovOf(mixer.fullMix(), 0, FRAME);
        assertEquals(Pcm.dbov(50 * 300 / Math.sqrt(2)), level, 1.0);
    }

    @Test
    void aMissingSourceIsConcealedThenSilentAndNeverStallsTheMix() throws AudioException {
        Mixer mixer = new Mixer();
        ToneDecoder da = new ToneDecoder(300), db = new ToneDecoder(500);
        Mixer.Source a = add(mixer, da), b = add(mixer, db);
        b.enableMinusOne();
        for (int f = 0; f < 5; f++) {
            push(a, f, 50);
            push(b, f, 50);
            mixer.tick();
        }
        // b stops sending; a goes on
        for (int f = 5; f < 20; f++) {
            push(a, f, 50);
            mixer.tick();
            assertTrue(Signals.amplitudeAt(mixer.fullMix(), 0, FRAME, 300, 48000) > 4900, "a is heard every tick");
            assertTrue(Signals.amplitudeAt(b.minusOne(), 0, FRAME, 300, 48000) > 4900, "b still hears a");
        }
        assertEquals(Mixer.CONCEAL_FRAMES, db.concealed);
        assertTrue(!b.sounding());
        assertEquals(Pcm.SILENCE_DBOV, b.levelDbov());
        for (int i = 0; i < FRAME; i++) assertEquals(a.frame()[i], mixer.fullMix()[i]);
        assertEquals(20, mixer.ticks());
    }

    @Test
    void levelsInDbovPickTheActiveSpeaker() throws AudioException {
        Mixer mixer = new Mixer();
        Mixer.Source quiet = add(mixer, new ToneDecoder(300)), loud = add(mixer, new ToneDecoder(500));
        Mixer.Source silent = add(mixer, new ToneDecoder(700));
        push(quiet, 0, 10);    // amplitude 1000: 20 log10(1000 / sqrt 2 / 32768) = -33.3 dBov
        push(loud, 0, 100);    // amplitude 10000: -13.3 dBov
        mixer.tick();
        assertEquals(-33.3, quiet.levelDbov(), 0.1);
        assertEquals(-13.3, loud.levelDbov(), 0.1);
        assertEquals(Pcm.SILENCE_DBOV, silent.levelDbov());
        assertSame(loud, mixer.loudest(-50));
        assertNull(mixer.loudest(-10));
    }

    @Test
    void realOpusSourcesMixAndAPhoneLegHearsTheOthers() throws AudioException {
        Mixer mixer = new Mixer();
        OpusStreamEncoder e1 = new OpusStreamEncoder(new OpusStreamEncoder.Settings(1, 32_000, 5, false, false, 0));
        OpusStreamEncoder e2 = new OpusStreamEncoder(new OpusStreamEncoder.Settings(1, 32_000, 5, false, false, 0));
        Mixer.Source browser1 = mixer.addSource(new OpusStreamDecoder(1), new JitterBuffer(TICKS, 2, 16, 1500));
        Mixer.Source browser2 = mixer.addSource(new OpusStreamDecoder(1), new JitterBuffer(TICKS, 2, 16, 1500));
        G711FrameCodec phoneCodec = new G711FrameCodec(false);
        Mixer.Source phone = mixer.addSource(phoneCodec, new JitterBuffer(160, 2, 16, 1500));
        phone.enableMinusOne();
        byte[] packet = new byte[OpusStreamEncoder.MAX_PACKET_BYTES];
        byte[] toPhone = new byte[G711FrameCodec.FRAME_BYTES * 30];
        short[] phoneVoice = Signals.tone(1800, 8000, 8000, 160 * 30, 0);
        byte[] ulaw = new byte[phoneVoice.length];
        G711.encode(false, phoneVoice, 0, ulaw, 0, ulaw.length);
        for (int f = 0; f < 30; f++) {
            int n = e1.encode(Signals.tone(600, 48000, 6000, FRAME, (long) f * FRAME), 0, packet, 0);
            browser1.push(f * TICKS, packet, 0, n);
            n = e2.encode(Signals.tone(1000, 48000, 6000, FRAME, (long) f * FRAME), 0, packet, 0);
            browser2.push(f * TICKS, packet, 0, n);
            phone.push(f * 160, ulaw, f * 160, 160);
            mixer.tick();
            phoneCodec.encode(phone.minusOne(), toPhone, f * G711FrameCodec.FRAME_BYTES);
        }
        short[] heard = new short[toPhone.length];
        G711.decode(false, toPhone, 0, heard, 0, heard.length);
        int from = 160 * 10, count = 160 * 20;
        assertTrue(Signals.amplitudeAt(heard, from, count, 600, 8000) > 4000, "the caller hears browser 1");
        assertTrue(Signals.amplitudeAt(heard, from, count, 1000, 8000) > 4000, "the caller hears browser 2");
        assertTrue(Signals.amplitudeAt(heard, from, count, 1800, 8000) < 100, "the caller does not hear themselves");
        assertTrue(Signals.amplitudeAt(mixer.fullMix(), 0, FRAME, 1800, 48000) > 6000, "the meeting hears the caller");
    }
}
