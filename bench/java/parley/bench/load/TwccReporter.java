package parley.bench.load;

import java.util.Arrays;
import parley.media.rtcp.TransportCc;
import parley.media.rtcp.TransportCcBuilder;
import parley.media.rtp.ExtendedSeq;

/**
 * Transport-wide congestion control feedback (draft-holmer-rmcat-transport-wide-cc-extensions-01)
 * for what one participant received: arrival times by transport-wide sequence number, reported
 * every {@link #INTERVAL_MS} ms (and lost ones as not received), so the server's bandwidth
 * estimator sees a healthy receiver. Not thread-safe (the receiver thread owns it).
 */
final class TwccReporter {
    static final long INTERVAL_MS = 100;
    private static final int RING = 8192;
    private static final int MAX_PACKET_BYTES = 1200;

    /** Where a finished feedback packet goes: b[0, len). */
    interface Output {
        void send(byte[] b, int len);
    }

    private final TransportCcBuilder builder = new TransportCcBuilder(MAX_PACKET_BYTES);
    private final ExtendedSeq unwrap = new ExtendedSeq();
    private final long[] arrivalUs = new long[RING];
    private final long[] seqAt = new long[RING];
    private final int senderSsrc;
    private long nextToReport = -1;
    private long highest = -1;
    private int feedbackCount;

    TwccReporter(int senderSsrc) {
        this.senderSsrc = senderSsrc;
        Arrays.fill(seqAt, -1);
    }

    /** One packet with transport-wide sequence number {@code seq} arrived at {@code nowUs}. */
    void record(int seq, long nowUs) {
        long s = unwrap.unwrap(seq);
        if (s < 0) return;
        if (nextToReport < 0) nextToReport = s;
        if (s < nextToReport) return; // already reported as lost
        int i = (int) (s % RING);
        seqAt[i] = s;
        arrivalUs[i] = nowUs;
        highest = Math.max(highest, s);
    }

    /** Writes and sends feedback for everything since the last call; returns the packets sent. */
    int flush(byte[] buf, Output out) {
        if (highest < 0 || highest < nextToReport) return 0;
        if (highest - nextToReport >= RING) nextToReport = highest - RING + 1;
        long reference = firstArrival();
        builder.reset(senderSsrc, 0, (int) nextToReport, reference, feedbackCount++);
        int sent = 0;
        for (long s = nextToReport; s <= highest; s++) {
            int i = (int) (s % RING);
            long at = seqAt[i] == s ? arrivalUs[i] : TransportCc.NOT_RECEIVED;
            if (!builder.add((int) s, at)) {
                out.send(buf, builder.write(buf, 0));
                sent++;
                builder.reset(senderSsrc, 0, (int) s, at == TransportCc.NOT_RECEIVED ? reference : at, feedbackCount++);
                builder.add((int) s, at);
            }
        }
        out.send(buf, builder.write(buf, 0));
        nextToReport = highest + 1;
        return sent + 1;
    }

    private long firstArrival() {
        for (long s = nextToReport; s <= highest; s++) {
            int i = (int) (s % RING);
            if (seqAt[i] == s) return arrivalUs[i];
        }
        return 0;
    }
}
