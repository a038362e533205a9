package parley.sfu;

/**
 * Records when each packet of a sender arrived, by its transport-wide sequence number,
 * and writes transport-cc feedback (draft-holmer-rmcat-transport-wide-cc-extensions-01
 * §3.1) so that the sender's congestion controller can estimate the bandwidth.
 * <pre>
 *  0                   1                   2                   3
 * |V=2|P|  FMT=15 |    PT=205     |           length              |
 * |                     SSRC of packet sender                     |
 * |                      SSRC of media source                     |
 * |      base sequence number     |      packet status count      |
 * |                 reference time                | fb pkt. count |
 * |          packet chunk         |  ...  recv deltas ...         |
 * </pre>
 * Chunks are written as two-bit status vectors (7 packets each). Not thread-safe.
 */
final class TwccRecorder {
    private static final int WINDOW = 4096;
    /** At most this many packets per feedback, which keeps it well under the MTU. */
    private static final int MAX_PER_FEEDBACK = 280;
    private final long[] arrivalUs = new long[WINDOW];
    private final long[] seqAt = new long[WINDOW];
    private final int[] deltas = new int[MAX_PER_FEEDBACK];
    private final byte[] symbols = new byte[MAX_PER_FEEDBACK];
    private long maxExt = -1;
    /** SSRC of the last recorded packet: the feedback's "media source" (receivers ignore it). */
    private long mediaSsrc;
    private long nextBase = -1;
    private int feedbackCount;

    TwccRecorder() {
        java.util.Arrays.fill(seqAt, -1);
    }

    /** Records the packet's transport-wide sequence number (from header extension {@code extId}). */
    void record(byte[] buf, int off, int len, int extId, long nowMs) {
        int seq = parley.media.rtp.HeaderExtensions.transportSequence(buf, off, len, extId);
        if (seq < 0) return;
        mediaSsrc = parley.media.rtp.RtpPacket.ssrc(buf, off) & 0xffffffffL;
        long ext = unwrap(seq);
        int i = (int) (ext & (WINDOW - 1));
        seqAt[i] = ext;
        arrivalUs[i] = nowMs * 1000;
        if (ext > maxExt) maxExt = ext;
        if (nextBase < 0) nextBase = ext; // late packets before nextBase were already reported lost
    }

    private long unwrap(int seq) {
        if (maxExt < 0) return seq;
        long candidate = (maxExt & ~0xffffL) | seq;
        if (candidate < maxExt - 0x8000) candidate += 0x10000;
        else if (candidate > maxExt + 0x8000) candidate -= 0x10000;
        return Math.max(0, candidate);
    }

    long mediaSsrc() {
        return mediaSsrc;
    }

    /** Writes one feedback packet for what arrived since the last one; returns its length or 0. */
    int writeFeedback(byte[] out, int off, long senderSsrc, long mediaSsrc, long nowMs) {
        if (nextBase < 0 || maxExt < nextBase) return 0;
        if (maxExt - nextBase >= WINDOW) nextBase = maxExt - WINDOW + 1;
        int count = (int) Math.min(MAX_PER_FEEDBACK, maxExt - nextBase + 1);
        long base = nextBase;
        long refUs = -1;
        for (int k = 0; k < count && refUs < 0; k++) {
            int i = (int) ((base + k) & (WINDOW - 1));
            if (seqAt[i] == base + k) refUs = arrivalUs[i];
        }
        if (refUs < 0) {
            nextBase = base + count;
            return 0;
        }
        long refTime = refUs / 64_000;
        long prevUs = refTime * 64_000;
        for (int k = 0; k < count; k++) {
            int i = (int) ((base + k) & (WINDOW - 1));
            if (seqAt[i] != base + k) {
                symbols[k] = 0;
                continue;
            }
            int delta = (int) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, (arrivalUs[i] - prevUs) / 250));
            symbols[k] = (byte) (delta >= 0 && delta <= 255 ? 1 : 2);
            deltas[k] = delta;
            prevUs += delta * 250L;
        }
        int p = off + 20;
        for (int k = 0; k < count; k += 7) {
            int chunk = 0xC000;
            for (int j = 0; j < 7; j++) {
                int s = k + j < count ? symbols[k + j] : 0;
                chunk |= s << (12 - 2 * j);
            }
            out[p++] = (byte) (chunk >> 8);
            out[p++] = (byte) chunk;
        }
        for (int k = 0; k < count; k++) {
            if (symbols[k] == 1) out[p++] = (byte) deltas[k];
            else if (symbols[k] == 2) {
                out[p++] = (byte) (deltas[k] >> 8);
                out[p++] = (byte) deltas[k];
            }
        }
        while (((p - off) & 3) != 0) out[p++] = 0;
        int words = (p - off) / 4 - 1;
        out[off] = (byte) 0x8F; // V=2, FMT=15
        out[off + 1] = (byte) 205;
        out[off + 2] = (byte) (words >> 8);
        out[off + 3] = (byte) words;
        RtcpSender.put32(out, off + 4, senderSsrc);
        RtcpSender.put32(out, off + 8, mediaSsrc);
        out[off + 12] = (byte) (base >> 8);
        out[off + 13] = (byte) base;
        out[off + 14] = (byte) (count >> 8);
        out[off + 15] = (byte) count;
        RtcpSender.put32(out, off + 16, ((refTime & 0xffffff) << 8) | (feedbackCount++ & 0xff));
        nextBase = base + count;
        return p - off;
    }
}
