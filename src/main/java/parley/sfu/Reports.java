package parley.sfu;

import parley.media.rtcp.ReceiverReport;
import parley.media.rtcp.ReportBlock;
import parley.media.rtcp.Sdes;
import parley.media.rtcp.SenderReport;
import parley.sfu.feedback.RttEstimator;

/**
 * Once a second, one compound: a receiver report with a block per incoming stream (up to 31),
 * a sender report per slot that sent something, then SDES with our CNAME. When the SRs would
 * not fit under {@link RtcpSender#MAX_COMPOUND_BYTES}, the compound is sent and the rest
 * continue in another (which starts with an SR). Allocates nothing.
 */
final class Reports extends RtcpStage {
    static final long INTERVAL_MS = 1000;
    private static final int MAX_REPORT_BLOCKS = 31;

    private final java.util.function.Consumer<Producer> blockVisitor = this::blocksOf;
    private final java.util.function.Consumer<Consumer> senderReportVisitor = this::senderReportOf;
    private int at;
    private int blocks;
    private long nowMs;
    private long ntp;

    Reports(SfuPeer peer, RtcpSender.Out out) {
        super(peer, out, INTERVAL_MS);
    }

    @Override
    void run(long nowMs) {
        this.nowMs = nowMs;
        ntp = RttEstimator.ntpTimestamp(peer.router().clock().wallClockMs(nowMs));
        at = ReceiverReport.FIXED_SIZE;
        blocks = 0;
        peer.producersByMid().values().forEach(blockVisitor);
        ReceiverReport.writeFixed(out.buffer, 0, (int) peer.localSsrc(), blocks);
        peer.consumersByMid().values().forEach(senderReportVisitor);
        writeSdes();
        out.send(at);
    }

    private void blocksOf(Producer prod) {
        for (Layer s : prod.layers()) {
            if (s == null || !s.stats().started() || blocks == MAX_REPORT_BLOCKS) continue;
            ReceiveStats st = s.stats();
            at += ReportBlock.write(out.buffer, at, (int) s.ssrc(), st.fractionLostAndAdvance(), (int) st.cumulativeLost(),
                    st.extendedMax(), st.jitter(), st.lastSrNtp32(), st.delaySinceLastSr(nowMs));
            blocks++;
        }
    }

    private void senderReportOf(Consumer c) {
        if (c.packetsSent() == 0) return;
        if (at + SenderReport.FIXED_SIZE + Sdes.cnameSize(peer.cname().length) > RtcpSender.MAX_COMPOUND_BYTES) {
            writeSdes();
            out.send(at);
            at = 0;
        }
        at += SenderReport.writeFixed(out.buffer, at, (int) c.ssrc(), ntp, c.rtpTimestampAt(nowMs),
                c.packetsSent() & 0xFFFF_FFFFL, c.octetsSent() & 0xFFFF_FFFFL, 0);
    }

    private void writeSdes() {
        byte[] cname = peer.cname();
        at += Sdes.writeCname(out.buffer, at, (int) peer.localSsrc(), cname, 0, cname.length);
    }
}
