package parley.sfu;

import parley.media.rtcp.GenericNack;
import parley.media.rtcp.ReceiverReport;
import parley.sfu.feedback.NackGenerator;

/**
 * Asks a peer for the packets missing from its video streams: one NACK per stream, all in one
 * compound after an empty RR (split under {@link RtcpSender#MAX_COMPOUND_BYTES}). Retries are
 * spaced by the peer's RTT when known. Allocates nothing.
 */
final class NackRequests extends RtcpStage {
    static final long INTERVAL_MS = 20;
    /** Numbers requested per stream per run at most; the rest wait for the next run. */
    private static final int MAX_NACKED_PER_STREAM = 64;

    private final int[] seqs = new int[MAX_NACKED_PER_STREAM];
    private final java.util.function.Consumer<Producer> visitor = this::streamsOf;
    private long nowMs;
    private long rttMs;
    private int at;
    /** Sequence numbers requested from this peer so far (tests, metrics). */
    private long requested;

    NackRequests(SfuPeer peer, RtcpSender.Out out) {
        super(peer, out, INTERVAL_MS);
    }

    @Override
    void run(long nowMs) {
        this.nowMs = nowMs;
        this.rttMs = peer.rtcp().rttMsOr(NackGenerator.DEFAULT_RTT_MS);
        at = 0;
        peer.producersByMid().values().forEach(visitor); // forEach: no iterator allocated
        if (at > 0) out.send(at);
    }

    private void streamsOf(Producer prod) {
        byte[] b = out.buffer;
        for (Layer s : prod.layers()) {
            if (s == null || s.nack() == null) continue;
            int n = s.nack().collect(nowMs, rttMs, seqs);
            if (n == 0) continue;
            if (at > 0 && at + GenericNack.size(seqs, n) > RtcpSender.MAX_COMPOUND_BYTES) {
                out.send(at);
                at = 0;
            }
            if (at == 0) at = ReceiverReport.writeFixed(b, 0, (int) peer.localSsrc(), 0);
            at += GenericNack.write(b, at, (int) peer.localSsrc(), (int) s.ssrc(), seqs, n);
            requested += n;
        }
    }

    long requested() {
        return requested;
    }
}
