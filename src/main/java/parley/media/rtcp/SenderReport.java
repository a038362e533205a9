package parley.media.rtcp;

import java.util.List;
import parley.media.rtp.Bytes;

/**
 * Sender report (RFC 3550 §6.4.1).
 *
 * <pre>
 * |V=2|P|    RC   |   PT=SR=200   |             length            |
 * |                         SSRC of sender                        |
 * |              NTP timestamp, most significant word             |
 * |             NTP timestamp, least significant word             |
 * |                         RTP timestamp                         |
 * |                     sender's packet count                     |
 * |                      sender's octet count                     |
 * |                 report blocks (RC x 24 bytes)                 |
 * |                  profile-specific extensions                  |  (ignored)
 * </pre>
 *
 * @param ntpTimestamp 64-bit NTP time (32.32 fixed-point seconds since 1900), as raw bits
 * @param rtpTimestamp the same instant in RTP timestamp units, unsigned 32 bits
 */
public record SenderReport(int ssrc, long ntpTimestamp, long rtpTimestamp, long packetCount, long octetCount,
        List<ReportBlock> reports) {
    /** Bytes before the report blocks. */
    public static final int FIXED_SIZE = 28;
    private static final int MAX_REPORTS = 31;

    public SenderReport {
        Unsigned.check32(rtpTimestamp, "RTP timestamp");
        Unsigned.check32(packetCount, "packet count");
        Unsigned.check32(octetCount, "octet count");
        reports = List.copyOf(reports);
        Unsigned.check(reports.size(), MAX_REPORTS, "report count");
    }

    public static SenderReport parse(byte[] b, int off, int len) throws RtcpException {
        int end = Rtcp.contentEnd(b, off, len, Rtcp.SR, "SR");
        List<ReportBlock> blocks = ReportBlock.readAll(b, off, end, FIXED_SIZE, "SR");   // checks the length first
        return new SenderReport(Bytes.i32(b, off + 4), (long) Bytes.i32(b, off + 8) << 32 | Bytes.u32(b, off + 12),
                Bytes.u32(b, off + 16), Bytes.u32(b, off + 20), Bytes.u32(b, off + 24), blocks);
    }

    /** The NTP timestamp of the SR at {@code off} without parsing it; the caller has validated the packet. */
    public static long ntpTimestamp(byte[] b, int off) {
        return (long) Bytes.i32(b, off + 8) << 32 | Bytes.u32(b, off + 12);
    }

    public int size() {
        return FIXED_SIZE + reports.size() * ReportBlock.SIZE;
    }

    /** Writes the whole report; returns {@link #size()}. */
    public int write(byte[] b, int off) {
        int at = off + writeFixed(b, off, ssrc, ntpTimestamp, rtpTimestamp, packetCount, octetCount, reports.size());
        for (ReportBlock block : reports) {
            at += block.write(b, at);
        }
        return at - off;
    }

    /**
     * Writes the header and sender info of an SR with {@code reportCount} blocks, without allocating,
     * and returns {@link #FIXED_SIZE}; the caller then writes the blocks with {@link ReportBlock#write}
     * at {@code off + FIXED_SIZE + i * ReportBlock.SIZE}.
     */
    public static int writeFixed(byte[] b, int off, int ssrc, long ntpTimestamp, long rtpTimestamp, long packetCount,
            long octetCount, int reportCount) {
        Rtcp.writeHeader(b, off, reportCount, Rtcp.SR, FIXED_SIZE + reportCount * ReportBlock.SIZE);
        Bytes.put32(b, off + 4, ssrc);
        Bytes.put32(b, off + 8, (int) (ntpTimestamp >>> 32));
        Bytes.put32(b, off + 12, (int) ntpTimestamp);
        Bytes.put32(b, off + 16, (int) rtpTimestamp);
        Bytes.put32(b, off + 20, (int) packetCount);
        Bytes.put32(b, off + 24, (int) octetCount);
        return FIXED_SIZE;
    }
}
