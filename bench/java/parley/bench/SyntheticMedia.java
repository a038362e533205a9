package parley.bench;

/**
 * The packets a publisher sends: five VP8 video packets (1000-byte payload, ten packets a frame,
 * the first frame, and each after a PLI, a keyframe) for every Opus audio packet (100 bytes), each with a transport-wide
 * sequence number and audio with an audio level, in one-byte header extensions (RFC 8285).
 * Not thread-safe; writes into the caller's buffer.
 */
final class SyntheticMedia {
    static final int VIDEO_PAYLOAD_BYTES = 1000;
    static final int AUDIO_PAYLOAD_BYTES = 100;
    static final int VIDEO_PER_AUDIO = 5;
    private static final int PACKETS_PER_FRAME = 10;
    private static final int VIDEO_TICKS_PER_FRAME = 3000; // 30 fps at 90 kHz
    private static final int AUDIO_TICKS_PER_PACKET = 960; // 20 ms at 48 kHz
    private static final int LOUD_DBOV = 30;

    private long count;
    private int videoSeq = 1000;
    private int audioSeq = 5000;
    private long videoTs = 90_000;
    private long audioTs = 48_000;
    private int videoInFrame;
    private int twccSeq;
    private boolean keyframeWanted = true;

    /** The next frame starts with a keyframe (the answer to a PLI). */
    void requestKeyframe() {
        keyframeWanted = true;
    }

    /** Writes the next packet at buf[0..]; returns its length. */
    int next(byte[] buf) {
        boolean audio = count++ % (VIDEO_PER_AUDIO + 1) == VIDEO_PER_AUDIO;
        return audio ? audio(buf) : video(buf);
    }

    private int video(byte[] buf) {
        boolean start = videoInFrame == 0;
        boolean end = videoInFrame == PACKETS_PER_FRAME - 1;
        int p = header(buf, BenchOffers.VP8_PT, end, videoSeq++, videoTs, BenchOffers.VIDEO_SSRC);
        p = extensions(buf, p, false);
        buf[p] = (byte) (start ? 0x10 : 0x00); // VP8 payload descriptor: S bit, partition 0
        boolean key = start && keyframeWanted;
        buf[p + 1] = (byte) (key ? 0x00 : 0x01); // VP8 payload header: P = 0 on a keyframe
        buf[p + 2] = 0;
        buf[p + 3] = 0;
        buf[p + 4] = (byte) 0x9d; // keyframe start code
        buf[p + 5] = 0x01;
        buf[p + 6] = 0x2a;
        for (int i = 7; i < VIDEO_PAYLOAD_BYTES; i++) buf[p + i] = (byte) i;
        keyframeWanted &= !key;
        if (end) {
            videoInFrame = 0;
            videoTs += VIDEO_TICKS_PER_FRAME;
        } else {
            videoInFrame++;
        }
        return p + VIDEO_PAYLOAD_BYTES;
    }

    private int audio(byte[] buf) {
        int p = header(buf, BenchOffers.OPUS_PT, false, audioSeq++, audioTs, BenchOffers.AUDIO_SSRC);
        audioTs += AUDIO_TICKS_PER_PACKET;
        p = extensions(buf, p, true);
        for (int i = 0; i < AUDIO_PAYLOAD_BYTES; i++) buf[p + i] = (byte) (i * 7);
        return p + AUDIO_PAYLOAD_BYTES;
    }

    private static int header(byte[] buf, int pt, boolean marker, int seq, long ts, long ssrc) {
        buf[0] = (byte) 0x90; // V=2, X=1
        buf[1] = (byte) ((marker ? 0x80 : 0) | pt);
        buf[2] = (byte) (seq >> 8);
        buf[3] = (byte) seq;
        put32(buf, 4, ts);
        put32(buf, 8, ssrc);
        return 12;
    }

    /** 0xBEDE block: transport-wide seq (2 bytes), and for audio the level (1 byte); zero-padded. */
    private int extensions(byte[] buf, int p, boolean audio) {
        int words = audio ? 2 : 1;
        buf[p] = (byte) 0xBE;
        buf[p + 1] = (byte) 0xDE;
        buf[p + 2] = 0;
        buf[p + 3] = (byte) words;
        int q = p + 4;
        buf[q++] = (byte) (BenchOffers.TWCC_EXT_ID << 4 | 1);
        buf[q++] = (byte) (twccSeq >> 8);
        buf[q++] = (byte) twccSeq;
        twccSeq = (twccSeq + 1) & 0xffff;
        if (audio) {
            buf[q++] = (byte) (BenchOffers.AUDIO_LEVEL_EXT_ID << 4);
            buf[q++] = (byte) (0x80 | LOUD_DBOV);
        }
        int end = p + 4 + words * 4;
        while (q < end) buf[q++] = 0;
        return end;
    }

    private static void put32(byte[] b, int p, long v) {
        b[p] = (byte) (v >> 24);
        b[p + 1] = (byte) (v >> 16);
        b[p + 2] = (byte) (v >> 8);
        b[p + 3] = (byte) v;
    }
}
