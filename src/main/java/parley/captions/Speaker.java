package parley.captions;

import parley.audio.AudioException;
import parley.audio.OpusStreamDecoder;
import parley.audio.Resampler;

/**
 * One audio track on its way to text: Opus RTP payloads in sequence order (a short gap is
 * concealed, a late packet dropped), decoded at 48 kHz, resampled to 16 kHz, and fed to the
 * speaker's recogniser in 100 ms pieces, but only while the speaker speaks: a simple energy
 * gate opens on speech and closes after {@link #HANGOVER_MS} of quiet, which ends the line
 * (the recogniser's final text), so a silent participant costs a decode and nothing more.
 * Captions thread only.
 */
final class Speaker implements AutoCloseable {
    /** Mean absolute amplitude (16-bit) above which a 20 ms frame counts as speech: about -45 dBFS. */
    static final int SPEECH_LEVEL = 180;
    /** Quiet after speech that still goes to the recogniser, so it can place the end of the line itself. */
    static final int HANGOVER_MS = 800;
    /** Quiet after which the speaker's recogniser is freed, so that only people who speak hold one. */
    static final int IDLE_MS = 30_000;
    /** Samples (16 kHz) per call of the recogniser. */
    static final int CHUNK = 1_600;
    /** A gap of more sequence numbers than this is not concealed (the stream restarted). */
    private static final int MAX_CONCEAL = 5;

    private final String participantId;
    private final Recognizer.Factory factory;
    private final CaptionListener listener;
    private final OpusStreamDecoder decoder = new OpusStreamDecoder(1);
    private final Resampler resampler = new Resampler(48_000, 16_000);
    private final short[] pcm48 = new short[OpusStreamDecoder.MAX_SAMPLES_PER_CHANNEL];
    private final short[] pcm16 = new short[OpusStreamDecoder.MAX_SAMPLES_PER_CHANNEL / 3];
    private final short[] chunk = new short[CHUNK];
    private int chunkLen;
    /**
     * Made when the speaker first speaks, kept across their pauses (making one costs about
     * half a second of CPU with the small model), freed after {@link #IDLE_MS} of quiet.
     */
    private Recognizer recognizer;
    private int lastSeq = -1;
    private int quietMs = IDLE_MS;
    private String lastPartial = "";
    final Counts counts;

    /** What a speaker did, for the bench and the log (counts only). */
    static final class Counts {
        long frames;
        long recognisedFrames;
        long concealed;
        long late;
        long badPackets;
    }

    Speaker(String participantId, Recognizer.Factory factory, CaptionListener listener, Counts counts) {
        this.participantId = participantId;
        this.factory = factory;
        this.listener = listener;
        this.counts = counts;
    }

    /** One Opus payload with its (continuous) RTP sequence number. */
    void packet(byte[] b, int off, int len, int seq) {
        if (lastSeq >= 0) {
            int ahead = (seq - lastSeq) & 0xFFFF;
            if (ahead == 0 || ahead > 0x8000) {
                counts.late++;
                return;
            }
            for (int i = 1; i < ahead && i <= MAX_CONCEAL; i++) {
                counts.concealed++;
                frame(decoder.concealPacket(pcm48));
            }
        }
        lastSeq = seq;
        int n;
        try {
            n = decoder.decodePacket(b, off, len, pcm48);
        } catch (AudioException e) {
            counts.badPackets++;
            return;
        }
        frame(n);
    }

    private void frame(int samples48) {
        counts.frames++;
        int usable = samples48 - samples48 % resampler.inputMultiple();
        int n = resampler.process(pcm48, 0, usable, pcm16, 0);
        int ms = samples48 / 48;
        if (loud(pcm16, n)) {
            quietMs = 0;
        } else if (quietMs < HANGOVER_MS) {
            quietMs += ms;
            if (quietMs >= HANGOVER_MS) {
                endLine();
                return;
            }
        } else {
            if (quietMs < IDLE_MS) {
                quietMs += ms;
                if (quietMs >= IDLE_MS) close();
            }
            return; // silence: the recogniser is not fed
        }
        counts.recognisedFrames++;
        for (int i = 0; i < n; ) {
            int take = Math.min(CHUNK - chunkLen, n - i);
            System.arraycopy(pcm16, i, chunk, chunkLen, take);
            chunkLen += take;
            i += take;
            if (chunkLen == CHUNK) recognise();
        }
    }

    static boolean loud(short[] pcm, int n) {
        if (n == 0) return false;
        long sum = 0;
        for (int i = 0; i < n; i++) sum += Math.abs(pcm[i]);
        return sum / n > SPEECH_LEVEL;
    }

    private void recognise() {
        if (recognizer == null) recognizer = factory.create();
        Recognizer.Text t = recognizer.accept(chunk, chunkLen);
        chunkLen = 0;
        if (t.isFinal()) {
            lastPartial = "";
            if (!t.text().isEmpty()) listener.caption(participantId, t.text(), true);
        } else if (!t.text().isEmpty() && !t.text().equals(lastPartial)) {
            lastPartial = t.text();
            listener.caption(participantId, t.text(), false);
        }
    }

    /** The speaker stopped: what is left of the line becomes final. */
    private void endLine() {
        if (recognizer == null) return;
        if (chunkLen > 0) recognise();
        String text = recognizer.flush();
        if (!text.isEmpty()) listener.caption(participantId, text, true);
        lastPartial = "";
    }

    @Override
    public void close() {
        if (recognizer != null) recognizer.close();
        recognizer = null;
    }
}
