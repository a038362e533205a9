package parley.captions;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import parley.audio.AudioException;
import parley.audio.OpusStreamEncoder;
import parley.audio.Pcm;

/** Speech and silence as the SFU would hand them over: 20 ms Opus packets, 48 kHz mono. */
final class TestAudio {
    private TestAudio() {}

    /** {@code ms} of a 300 Hz tone (loud enough to count as speech) or of silence. */
    static short[] tone(int ms, boolean loud) {
        short[] pcm = new short[ms * 48];
        if (loud) for (int i = 0; i < pcm.length; i++) pcm[i] = (short) (8000 * Math.sin(2 * Math.PI * 300 * i / 48_000.0));
        return pcm;
    }

    /** Opus packets of {@code pcm} (48 kHz mono), 20 ms each. */
    static List<byte[]> opus(short[] pcm) {
        OpusStreamEncoder enc = new OpusStreamEncoder(OpusStreamEncoder.Settings.speech());
        List<byte[]> out = new ArrayList<>();
        byte[] buf = new byte[OpusStreamEncoder.MAX_PACKET_BYTES];
        try {
            for (int at = 0; at + Pcm.FRAME_48K <= pcm.length; at += Pcm.FRAME_48K) {
                int n = enc.encode(pcm, at, buf, 0);
                out.add(java.util.Arrays.copyOf(buf, n));
            }
        } catch (AudioException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    /** An RTP packet around {@code payload}, with a one-byte header extension (audio level). */
    static byte[] rtp(byte[] payload, int seq) {
        byte[] p = new byte[12 + 8 + payload.length];
        p[0] = (byte) 0x90;
        p[1] = 111;
        p[2] = (byte) (seq >> 8);
        p[3] = (byte) seq;
        p[12] = (byte) 0xBE;
        p[13] = (byte) 0xDE;
        p[15] = 1;
        p[16] = 0x10;
        p[17] = 0x7F;
        System.arraycopy(payload, 0, p, 20, payload.length);
        return p;
    }

    /** The samples of a 16-bit mono PCM WAV file, and its rate. */
    record Wav(short[] pcm, int rateHz) {}

    static Wav readWav(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        int rate = 0;
        int at = 12;
        while (at + 8 <= b.limit()) {
            int id = b.getInt(at);
            int size = b.getInt(at + 4);
            if (id == 0x20746d66) { // "fmt "
                if (b.getShort(at + 8 + 2) != 1 || b.getShort(at + 8 + 14) != 16) throw new IOException("not 16-bit mono PCM");
                rate = b.getInt(at + 8 + 4);
            } else if (id == 0x61746164) { // "data"
                int n = Math.min(size, b.limit() - at - 8) / 2; // espeak-ng leaves the size unset when writing to a pipe
                if (size < 0) n = (b.limit() - at - 8) / 2;
                short[] pcm = new short[n];
                for (int i = 0; i < n; i++) pcm[i] = b.getShort(at + 8 + 2 * i);
                return new Wav(pcm, rate);
            }
            at += 8 + size + (size & 1);
        }
        throw new IOException("no data chunk");
    }

    /** A WAV spoken by espeak-ng (the Debian package) into {@code dir}. */
    static Path espeak(Path dir, String sentence) throws IOException, InterruptedException {
        Path wav = dir.resolve("speech.wav");
        Process p = new ProcessBuilder("espeak-ng", "-v", "en-us", "-s", "150", "-w", wav.toString(), sentence)
                .redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (p.waitFor() != 0) throw new IOException("espeak-ng failed");
        return wav;
    }
}
