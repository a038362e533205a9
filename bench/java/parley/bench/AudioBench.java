package parley.bench;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import parley.audio.AudioException;
import parley.audio.FrameDecoder;
import parley.audio.G711;
import parley.audio.JitterBuffer;
import parley.audio.Mixer;
import parley.audio.OpusStreamDecoder;
import parley.audio.OpusStreamEncoder;
import parley.audio.Pcm;
import parley.audio.Resampler;

/**
 * CPU per 20 ms frame of each step of server-side audio (parley.audio), on one thread, and what
 * follows for one core: how many phone callers and captioned speakers it could carry. The input
 * is speech (the espeak-ng test resource, 8 kHz μ-law, upsampled to 48 kHz), looped. Each round
 * times a batch of frames by the thread's CPU clock; the table shows the median and the best round
 * (the best is the cost undisturbed by other load on the machine). Not a timed test.
 *
 * <p>Run: bench/audio.sh
 */
public final class AudioBench {
    private static final int BATCH = 50;                 // one second of audio per round
    private static final int WARM_UP_ROUNDS = 40;
    private static final int MEASURED_ROUNDS = 60;
    private static final int FRAME = Pcm.FRAME_48K;
    private static final int NARROW = Pcm.samplesPerFrame(Pcm.RATE_8K);
    private static final int CALLERS = 5;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** One step: does frame {@code i}'s work. */
    private interface Step {
        void run(int i) throws AudioException;
    }

    private record Row(String name, double medianUs, double bestUs, double allocBytes) {}

    private static final List<Row> ROWS = new ArrayList<>();

    private AudioBench() {}

    public static void main(String[] args) throws Exception {
        short[][] speech = speechFrames48k();
        int n = speech.length;
        byte[][] opus = encodeAll(speech, new OpusStreamEncoder.Settings(1, 32_000, 10, true, false, 0));
        short[] out = new short[OpusStreamDecoder.MAX_SAMPLES_PER_CHANNEL];
        byte[] packet = new byte[OpusStreamEncoder.MAX_PACKET_BYTES];
        short[] narrow = new short[NARROW];
        byte[] ulaw = new byte[NARROW];
        short[] wide16 = new short[Pcm.samplesPerFrame(Pcm.RATE_16K)];

        OpusStreamDecoder dec = new OpusStreamDecoder(1);
        double opusDecode = measure("Opus decode (mono, 32 kbit/s speech)", i -> dec.decode(opus[i % n], 0, opus[i % n].length, out));
        OpusStreamDecoder plc = new OpusStreamDecoder(1);
        measure("Opus concealment (PLC)", i -> plc.conceal(out));
        OpusStreamEncoder enc5 = new OpusStreamEncoder(OpusStreamEncoder.Settings.speech());
        double opusEncode = measure("Opus encode (mono 24 kbit/s, FEC, complexity 5)", i -> enc5.encode(speech[i % n], 0, packet, 0));
        OpusStreamEncoder enc10 = new OpusStreamEncoder(new OpusStreamEncoder.Settings(1, 32_000, 10, true, false, 0));
        measure("Opus encode (mono 32 kbit/s, complexity 10)", i -> enc10.encode(speech[i % n], 0, packet, 0));
        Resampler down8 = new Resampler(48_000, 8_000);
        short[][] narrowSpeech = new short[n][NARROW];
        for (int i = 0; i < n; i++) down8.process(speech[i], 0, FRAME, narrowSpeech[i], 0);
        double g711Encode = measure("G.711 encode (160 samples)", i -> G711.encode(false, narrowSpeech[i % n], 0, ulaw, 0, NARROW));
        double g711Decode = measure("G.711 decode (160 samples)", i -> G711.decode(false, ulaw, 0, narrow, 0, NARROW));
        Resampler r48to8 = new Resampler(48_000, 8_000);
        double to8 = measure("resample 48 -> 8 kHz", i -> r48to8.process(speech[i % n], 0, FRAME, narrow, 0));
        Resampler r48to16 = new Resampler(48_000, 16_000);
        double to16 = measure("resample 48 -> 16 kHz", i -> r48to16.process(speech[i % n], 0, FRAME, wide16, 0));
        Resampler r8to48 = new Resampler(8_000, 48_000);
        double from8 = measure("resample 8 -> 48 kHz", i -> r8to48.process(narrowSpeech[i % n], 0, NARROW, out, 0));

        double[] mix = new double[2];
        double[] perCaller = new double[2];
        int[] sizes = {10, 50};
        for (int s = 0; s < sizes.length; s++) {
            mix[s] = mixTick(sizes[s], CALLERS, speech);
            double noCallers = mixTick(sizes[s], 0, speech);
            perCaller[s] = Math.max(0, (mix[s] - noCallers) / CALLERS);
        }

        System.out.printf("%nCPU per 20 ms frame on one thread (µs; median of %d rounds of %d frames, and best round)%n",
                MEASURED_ROUNDS, BATCH);
        System.out.printf("%-62s %9s %9s %10s%n", "step", "median", "best", "alloc B");
        for (Row r : ROWS) System.out.printf("%-62s %9.1f %9.1f %10.0f%n", r.name, r.medianUs, r.bestUs, r.allocBytes);

        // A phone caller: their G.711 in (decode, up to 48 kHz, Opus-encoded for the meeting's
        // browsers), and the meeting out to them (their minus-one, down to 8 kHz, G.711-encoded).
        double caller = g711Decode + from8 + opusEncode + perCaller[1] + to8 + g711Encode;
        // A captioned speaker: their Opus decoded (shared with the mix when there is one) and
        // brought to 16 kHz for the recogniser; the recogniser itself is not in this figure.
        double captioned = opusDecode + to16;
        double frameUs = Pcm.FRAME_MS * 1000.0;
        System.out.printf("%nper phone caller: %.1f µs per 20 ms (G.711 dec + 8->48 + Opus enc + minus-one %.1f + 48->8 + G.711 enc)%n",
                caller, perCaller[1]);
        System.out.printf("per browser source in the mix: %.1f µs Opus decode + %.1f µs mixing (N=50)%n",
                opusDecode, (mix[1] - CALLERS * perCaller[1]) / 50);
        System.out.printf("per captioned speaker: %.1f µs per 20 ms (Opus decode + 48->16), recogniser not included%n", captioned);
        System.out.printf("one core (%.0f µs per 20 ms) could carry: about %.0f phone callers, or %.0f captioned speakers' audio path%n",
                frameUs, frameUs / caller, frameUs / captioned);
        System.out.printf("  (a meeting also decodes each active browser speaker once: %.1f µs each, shared by all callers)%n", opusDecode);
    }

    /** One mixer tick with {@code sources} sources (already decoded PCM) and {@code callers} minus-one outputs. */
    private static double mixTick(int sources, int callers, short[][] speech) throws AudioException {
        Mixer mixer = new Mixer();
        List<Mixer.Source> list = new ArrayList<>();
        for (int s = 0; s < sources; s++) {
            int offset = s * 7;
            FrameDecoder pcm = new FrameDecoder() {   // the decode is measured apart: here only mixing
                @Override
                public void decode(byte[] payload, int off, int len, short[] o) {
                    int i = ((payload[off] & 0xFF) << 8 | (payload[off + 1] & 0xFF)) + offset;
                    System.arraycopy(speech[i % speech.length], 0, o, 0, FRAME);
                }

                @Override
                public void conceal(short[] o) {
                    Arrays.fill(o, 0, FRAME, (short) 0);
                }
            };
            Mixer.Source src = mixer.addSource(pcm, new JitterBuffer(FRAME, 1, 8, 16));
            if (s < callers) src.enableMinusOne();
            list.add(src);
        }
        byte[] payload = new byte[2];
        int[] frame = {0};
        return measure(String.format("mix N=%d sources, %d minus-one outputs (no decode)", sources, callers), i -> {
            payload[0] = (byte) (frame[0] >> 8);
            payload[1] = (byte) frame[0];
            for (Mixer.Source s : list) s.push(frame[0] * FRAME, payload, 0, 2);
            frame[0]++;
            mixer.tick();
        });
    }

    private static double measure(String name, Step step) throws AudioException {
        long[] ns = new long[MEASURED_ROUNDS];
        long allocated = 0;
        int i = 0;
        for (int round = -WARM_UP_ROUNDS; round < MEASURED_ROUNDS; round++) {
            long a0 = THREADS.getCurrentThreadAllocatedBytes();
            long t0 = THREADS.getCurrentThreadCpuTime();
            for (int b = 0; b < BATCH; b++) step.run(i++);
            long t1 = THREADS.getCurrentThreadCpuTime();
            long a1 = THREADS.getCurrentThreadAllocatedBytes();
            if (round >= 0) {
                ns[round] = t1 - t0;
                allocated += a1 - a0;
            }
        }
        Arrays.sort(ns);
        double median = ns[ns.length / 2] / 1000.0 / BATCH;
        ROWS.add(new Row(name, median, ns[0] / 1000.0 / BATCH, (double) allocated / MEASURED_ROUNDS / BATCH));
        return median;
    }

    private static byte[][] encodeAll(short[][] frames, OpusStreamEncoder.Settings settings) throws AudioException {
        OpusStreamEncoder enc = new OpusStreamEncoder(settings);
        byte[] buf = new byte[OpusStreamEncoder.MAX_PACKET_BYTES];
        byte[][] packets = new byte[frames.length][];
        for (int i = 0; i < frames.length; i++) packets[i] = Arrays.copyOf(buf, enc.encode(frames[i], 0, buf, 0));
        return packets;
    }

    /** The speech test resource as 48 kHz frames. */
    private static short[][] speechFrames48k() throws IOException {
        byte[] ulaw;
        try (InputStream in = AudioBench.class.getResourceAsStream("/parley/audio/speech-8k.ulaw")) {
            ulaw = in.readAllBytes();
        }
        int frames = ulaw.length / NARROW;
        short[] narrow = new short[NARROW];
        Resampler up = new Resampler(8_000, 48_000);
        short[][] out = new short[frames][FRAME];
        for (int f = 0; f < frames; f++) {
            G711.decode(false, ulaw, f * NARROW, narrow, 0, NARROW);
            up.process(narrow, 0, NARROW, out[f], 0);
        }
        return out;
    }
}
