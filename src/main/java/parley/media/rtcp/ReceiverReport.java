package parley.media.rtcp;

import java.util.List;
import parley.media.rtp.Bytes;

/**
 * Receiver report (RFC 3550 §6.4.2).
 *
 * <pre>
 * |V=2|P|    RC   |   PT=RR=201   |             length            |
 * |                     SSRC of packet sender                     |
 * |                 report blocks (RC x 24 bytes)                 |
 * |                  profile-specific extensions                  |  (ignored)
 * </pre>
 */
public record ReceiverReport(int ssrc, List<ReportBlock> reports) {
    /** Bytes before the report blocks. */
    public static final int FIXED_SIZE = 8;
    private static final int MAX_REPORTS = 31;

    public ReceiverReport {
        reports = List.copyOf(reports);
        Unsigned.check(reports.size(), MAX_REPORTS, "report count");
    }

    public static ReceiverReport parse(byte[] b, int off, int len) throws RtcpException {
        int end = Rtcp.contentEnd(b, off, len, Rtcp.RR, "RR");
        List<ReportBlock> blocks = ReportBlock.readAll(b, off, end, FIXED_SIZE, "RR");   // checks the length first
        return new ReceiverReport(Bytes.i32(b, off + 4), blocks);
    }

    public int size() {
        return FIXED_SIZE + reports.size() * ReportBlock.SIZE;
    }

    /** Writes the whole report; returns {@link #size()}. */
    public int write(byte[] b, int off) {
        int at = off + writeFixed(b, off, ssrc, reports.size());
        for (ReportBlock block : reports) {
            at += block.write(b, at);
        }
        return at - off;
    }

    /**
     * Writes the header and sender SSRC of an RR with {@code reportCount} blocks, without allocating,
     * and returns {@link #FIXED_SIZE}; the caller then writes the blocks with {@link ReportBlock#write}.
     */
    public static int writeFixed(byte[] b, int off, int ssrc, int reportCount) {
        Rtcp.writeHeader(b, off, reportCount, Rtcp.RR, FIXED_SIZE + reportCount * ReportBlock.SIZE);
        Bytes.put32(b, off + 4, ssrc);
        return FIXED_SIZE;
    }
}
