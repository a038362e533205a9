package parley.media.rtcp;

import java.util.ArrayList;
import java.util.List;
import parley.media.rtp.Bytes;

/**
 * One reception report block of an SR or RR (RFC 3550 §6.4.1), 24 bytes.
 *
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                 SSRC_n (SSRC of source reported on)           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | fraction lost |       cumulative number of packets lost       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |           extended highest sequence number received           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                      interarrival jitter                      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                         last SR (LSR)                         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                   delay since last SR (DLSR)                  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * @param fractionLost     lost fraction since the last report, in 1/256 (0..255)
 * @param cumulativeLost   packets lost since the start, signed 24 bits (duplicates can make it negative)
 * @param jitter           interarrival jitter in timestamp units, unsigned 32 bits
 * @param lastSr           middle 32 bits of the last SR's NTP timestamp, unsigned
 * @param delaySinceLastSr delay since that SR in 1/65536 s, unsigned
 */
public record ReportBlock(int ssrc, int fractionLost, int cumulativeLost, long extendedHighestSeq, long jitter,
        long lastSr, long delaySinceLastSr) {
    public static final int SIZE = 24;
    private static final int MIN_LOST = -(1 << 23);
    private static final int MAX_LOST = (1 << 23) - 1;

    public ReportBlock {
        if (fractionLost < 0 || fractionLost > 255) {
            throw new IllegalArgumentException("fraction lost " + fractionLost + " (expected: 0..255)");
        }
        if (cumulativeLost < MIN_LOST || cumulativeLost > MAX_LOST) {
            throw new IllegalArgumentException("cumulative lost " + cumulativeLost + " (expected: 24-bit signed)");
        }
        Unsigned.check32(extendedHighestSeq, "extended highest sequence number");
        Unsigned.check32(jitter, "jitter");
        Unsigned.check32(lastSr, "last SR");
        Unsigned.check32(delaySinceLastSr, "delay since last SR");
    }

    /**
     * Validates the SR or RR at {@code off} (header, type, room for its RC blocks) without allocating and
     * returns the offset of its first report block: block i is at that + i * {@link #SIZE}, and
     * {@link Rtcp#count} says how many there are. Read them with {@link #ssrc(byte[], int)} and friends.
     */
    public static int firstBlockOffset(byte[] b, int off, int len) throws RtcpException {
        Rtcp.checkHeader(b, off, len);
        int type = Rtcp.packetType(b, off);
        if (type != Rtcp.SR && type != Rtcp.RR) {
            throw new RtcpException("report packet type " + type + " (expected: " + Rtcp.SR + " or " + Rtcp.RR + ")");
        }
        String what = type == Rtcp.SR ? "SR" : "RR";
        int fixedSize = type == Rtcp.SR ? SenderReport.FIXED_SIZE : ReceiverReport.FIXED_SIZE;
        int end = Rtcp.contentEnd(b, off, len, type, what);
        int count = Rtcp.count(b, off);
        if (end - off < fixedSize + count * SIZE) {   // the message is built only on failure: no garbage per report
            Rtcp.requireLength(end - off, fixedSize + count * SIZE, what + " with " + count + " report blocks");
        }
        return off + fixedSize;
    }

    /** SSRC_n of the block at {@code at} (raw 32 bits). */
    public static int ssrc(byte[] b, int at) {
        return Bytes.i32(b, at);
    }

    /** LSR of the block at {@code at}: middle 32 bits of the NTP time of the last SR, or 0. */
    public static long lastSr(byte[] b, int at) {
        return Bytes.u32(b, at + 16);
    }

    /** DLSR of the block at {@code at}, in 1/65536 s. */
    public static long delaySinceLastSr(byte[] b, int at) {
        return Bytes.u32(b, at + 20);
    }

    /** Reads the RC blocks that follow {@code fixedSize} bytes of the SR or RR at {@code off}, content ending at {@code end}. */
    static List<ReportBlock> readAll(byte[] b, int off, int end, int fixedSize, String what) throws RtcpException {
        int count = Rtcp.count(b, off);
        Rtcp.requireLength(end - off, fixedSize + count * SIZE, what + " with " + count + " report blocks");
        List<ReportBlock> blocks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            blocks.add(read(b, off + fixedSize + i * SIZE));
        }
        return blocks;
    }

    /** Reads the block at {@code off}; the caller has checked that 24 bytes are there. */
    static ReportBlock read(byte[] b, int off) {
        return new ReportBlock(Bytes.i32(b, off), b[off + 4] & 0xFF, Bytes.i32(b, off + 4) << 8 >> 8,
                Bytes.u32(b, off + 8), Bytes.u32(b, off + 12), Bytes.u32(b, off + 16), Bytes.u32(b, off + 20));
    }

    /** Writes this block; returns {@link #SIZE}. */
    public int write(byte[] b, int off) {
        return write(b, off, ssrc, fractionLost, cumulativeLost, extendedHighestSeq, jitter, lastSr, delaySinceLastSr);
    }

    /** Writes a block from primitives without allocating; values are truncated to their field widths. Returns {@link #SIZE}. */
    public static int write(byte[] b, int off, int ssrc, int fractionLost, int cumulativeLost, long extendedHighestSeq,
            long jitter, long lastSr, long delaySinceLastSr) {
        Bytes.put32(b, off, ssrc);
        Bytes.put32(b, off + 4, fractionLost << 24 | cumulativeLost & 0xFF_FFFF);
        Bytes.put32(b, off + 8, (int) extendedHighestSeq);
        Bytes.put32(b, off + 12, (int) jitter);
        Bytes.put32(b, off + 16, (int) lastSr);
        Bytes.put32(b, off + 20, (int) delaySinceLastSr);
        return SIZE;
    }
}
