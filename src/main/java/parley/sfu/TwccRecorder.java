package parley.sfu;

import java.util.Arrays;
import parley.media.rtcp.TransportCcBuilder;
import parley.media.rtp.ExtendedSeq;
import parley.media.rtp.HeaderExtensions;
import parley.media.rtp.RtpPacket;

/**
 * Records when each packet of a sender arrived, by its transport-wide sequence number
 * (draft-holmer-rmcat-transport-wide-cc-extensions-01), and writes transport-cc feedback with
 * {@link TransportCcBuilder} so that the sender's congestion controller can estimate the
 * bandwidth. Each feedback covers the packets since the previous one; numbers never seen are
 * reported lost. Fixed memory, no allocation after construction. Not thread-safe (loop thread only).
 */
final class TwccRecorder {
    /** Arrivals remembered, by extended sequence number (a power of two: ~4 s at 1000 packets/s). */
    private static final int WINDOW = 4096;
    /** Largest feedback packet: well under the MTU with SRTCP overhead. */
    static final int MAX_FEEDBACK_BYTES = 1200;
    private static final long NO_ARRIVAL = -1;
    private final long[] arrivalUs = new long[WINDOW];
    private final long[] seqAt = new long[WINDOW];
    private final TransportCcBuilder builder = new TransportCcBuilder(MAX_FEEDBACK_BYTES);
    private final ExtendedSeq seqs = new ExtendedSeq();
    private long maxExt = -1;
    /** The first extended number not yet reported, or -1 before the first packet. */
    private long nextBase = -1;
    private int feedbackCount;
    /** SSRC of the last packet recorded: the feedback's media source, as libwebrtc sets it. */
    private long mediaSsrc;

    TwccRecorder() {
        Arrays.fill(seqAt, NO_ARRIVAL);
    }

    /** Records the packet's transport-wide sequence number (from header extension {@code extId}). */
    void record(byte[] buf, int off, int len, int extId, long nowMs) {
        int seq = HeaderExtensions.transportSequence(buf, off, len, extId);
        if (seq < 0) {
            return;
        }
        mediaSsrc = RtpPacket.ssrc(buf, off) & 0xFFFF_FFFFL;
        long ext = seqs.unwrap(seq);
        if (ext < 0) {
            return; // from before the first packet, around a wrap: outside every feedback
        }
        int i = (int) (ext & (WINDOW - 1));
        seqAt[i] = ext;
        arrivalUs[i] = nowMs * 1000;
        if (ext > maxExt) {
            maxExt = ext;
        }
        if (nextBase < 0) {
            nextBase = ext; // packets later arriving below nextBase were already reported lost
        }
    }

    /**
     * Writes one feedback packet for what arrived since the last one, as much as fits in
     * {@link #MAX_FEEDBACK_BYTES}; returns its length, or 0 when nothing is left to report.
     * Call again until it returns 0.
     */
    int writeFeedback(byte[] out, int off, long senderSsrc) {
        if (nextBase < 0 || maxExt < nextBase) {
            return 0;
        }
        if (maxExt - nextBase >= WINDOW) {
            nextBase = maxExt - WINDOW + 1; // older arrivals were overwritten
        }
        long first = firstArrived(nextBase);
        if (first < 0) {
            nextBase = maxExt + 1;
            return 0;
        }
        long base = nextBase;
        builder.reset((int) senderSsrc, (int) mediaSsrc, (int) base, arrivalUs[slot(first)], feedbackCount);
        for (long ext = first; ext <= maxExt; ext++) {
            int i = slot(ext);
            if (seqAt[i] == ext && !builder.add((int) ext, arrivalUs[i])) {
                break; // full (or a delta out of range): the next packet starts here
            }
        }
        if (builder.statusCount() == 0) {
            nextBase = maxExt + 1; // cannot happen: the first arrival always fits
            return 0;
        }
        nextBase = base + builder.statusCount();
        feedbackCount++;
        return builder.write(out, off);
    }

    /** The first extended number at or after {@code from} that arrived, or -1. */
    private long firstArrived(long from) {
        for (long ext = from; ext <= maxExt; ext++) {
            if (seqAt[slot(ext)] == ext) {
                return ext;
            }
        }
        return -1;
    }

    private static int slot(long ext) {
        return (int) (ext & (WINDOW - 1));
    }
}
