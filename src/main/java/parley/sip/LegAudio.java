package parley.sip;

import parley.audio.AudioException;
import parley.audio.DtmfDetector;
import parley.audio.G711;
import parley.audio.G711FrameCodec;
import parley.audio.OpusStreamDecoder;
import parley.audio.OpusStreamEncoder;
import parley.audio.Pcm;
import parley.audio.Resampler;

/**
 * A phone leg's audio in the codec the SDP chose, as 20 ms frames at 48 kHz on the meeting's side.
 * From the caller: G.711 is decoded (and re-encoded as Opus for the meeting by the seat); Opus is
 * passed through as it came, decoded only to measure its level for the audio-level extension,
 * and, before the PIN, to hear in-band keys. To the caller: the mix is always encoded here, Opus
 * or G.711, since it is the sum of several tracks without the caller's own. Not thread-safe: one
 * per call, on the SIP thread.
 */
final class LegAudio {
    /** Bytes of payload {@link #encode} may write. */
    static final int MAX_PAYLOAD = OpusStreamEncoder.MAX_PACKET_BYTES;

    private final PhoneSdp.Choice choice;
    private final G711FrameCodec g711;
    private final OpusStreamDecoder opusIn;
    private final OpusStreamEncoder opusOut;
    private final Resampler to8k;
    private final short[] pcm8k = new short[G711FrameCodec.FRAME_BYTES];
    private final short[] pcm48k;

    LegAudio(PhoneSdp.Choice choice) {
        this.choice = choice;
        boolean opus = choice.audio() == PhoneSdp.Audio.OPUS;
        this.g711 = opus ? null : new G711FrameCodec(choice.alaw());
        this.opusIn = opus ? new OpusStreamDecoder(1) : null;
        this.opusOut = opus ? new OpusStreamEncoder(OpusStreamEncoder.Settings.speech()) : null;
        this.to8k = opus ? new Resampler(Pcm.RATE_48K, Pcm.RATE_8K) : null;
        this.pcm48k = new short[opus ? OpusStreamDecoder.MAX_SAMPLES_PER_CHANNEL : Pcm.FRAME_48K];
    }

    int ticksPerFrame() {
        return choice.audio().ticksPerFrame;
    }

    /** Before the PIN: the caller's audio to the in-band key detector (8 kHz). */
    void keys(byte[] b, int off, int n, DtmfDetector detector) {
        if (g711 != null) {
            if (n != G711FrameCodec.FRAME_BYTES) return;
            G711.decode(choice.alaw(), b, off, pcm8k, 0, n);
            detector.process(pcm8k, 0, n);
            return;
        }
        try {
            int samples = opusIn.decodePacket(b, off, n, pcm48k);
            for (int at = 0; at + Pcm.FRAME_48K <= samples; at += Pcm.FRAME_48K) {
                to8k.process(pcm48k, at, Pcm.FRAME_48K, pcm8k, 0);
                detector.process(pcm8k, 0, pcm8k.length);
            }
        } catch (AudioException e) {
            // a payload that is not Opus: dropped like a lost packet
        }
    }

    /** In the room: one RTP payload of the caller's (sequence number and timestamp as sent) to the seat. */
    void toRoom(byte[] b, int off, int n, int seq, int ts, DialIn.PhoneSeat seat) {
        try {
            if (g711 != null) {
                if (n != G711FrameCodec.FRAME_BYTES) return;
                g711.decode(b, off, n, pcm48k);
                seat.fromCaller(pcm48k);
                return;
            }
            int samples = opusIn.decodePacket(b, off, n, pcm48k);
            seat.fromCallerOpus(b, off, n, seq, ts, Pcm.dbov(Pcm.rms(pcm48k, 0, samples)));
        } catch (AudioException e) {
            // a payload that does not decode: dropped like a lost packet
        }
    }

    /** One 48 kHz frame for the caller into {@code out[off]}; returns the payload's length, or -1. */
    int encode(short[] frame48k, byte[] out, int off) {
        if (g711 != null) {
            g711.encode(frame48k, out, off);
            return G711FrameCodec.FRAME_BYTES;
        }
        try {
            return opusOut.encode(frame48k, 0, out, off);
        } catch (AudioException e) {
            return -1; // cannot happen for a whole frame
        }
    }
}
