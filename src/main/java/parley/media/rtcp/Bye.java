package parley.media.rtcp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import parley.media.rtp.Bytes;

/**
 * Goodbye (RFC 3550 §6.6).
 *
 * <pre>
 * |V=2|P|    SC   |   PT=BYE=203  |             length            |
 * |                           SSRC/CSRC                           |  (SC times)
 * |     length    |               reason for leaving            ...  (optional)
 * </pre>
 *
 * @param reason the reason for leaving, "" when absent
 */
public record Bye(List<Integer> ssrcs, String reason) {
    private static final int MAX_SOURCES = 31;

    public Bye {
        ssrcs = List.copyOf(ssrcs);
        Unsigned.check(ssrcs.size(), MAX_SOURCES, "BYE source count");
        Unsigned.check(reason.getBytes(StandardCharsets.UTF_8).length, 255, "BYE reason length");
    }

    public static Bye parse(byte[] b, int off, int len) throws RtcpException {
        int end = Rtcp.contentEnd(b, off, len, Rtcp.BYE, "BYE");
        int count = Rtcp.count(b, off);
        int at = off + Rtcp.HEADER_LENGTH;
        Rtcp.requireLength(end - at, 4 * count, "BYE with " + count + " sources");
        List<Integer> ssrcs = new ArrayList<>(count);
        for (int i = 0; i < count; i++, at += 4) {
            ssrcs.add(Bytes.i32(b, at));
        }
        String reason = "";
        if (at < end) {
            int length = b[at] & 0xFF;
            Rtcp.requireLength(end - at - 1, length, "BYE reason");
            reason = Rtcp.utf8(b, at + 1, length, "BYE reason");
        }
        return new Bye(ssrcs, reason);
    }

    public int size() {
        int reasonLength = reason.getBytes(StandardCharsets.UTF_8).length;
        return Rtcp.HEADER_LENGTH + 4 * ssrcs.size() + (reasonLength == 0 ? 0 : (1 + reasonLength + 3) & ~3);
    }

    /** Writes the packet; returns {@link #size()}. */
    public int write(byte[] b, int off) {
        int size = size();
        Rtcp.writeHeader(b, off, ssrcs.size(), Rtcp.BYE, size);
        int at = off + Rtcp.HEADER_LENGTH;
        for (int ssrc : ssrcs) {
            Bytes.put32(b, at, ssrc);
            at += 4;
        }
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        if (text.length > 0) {
            b[at] = (byte) text.length;
            System.arraycopy(text, 0, b, at + 1, text.length);
            for (int i = at + 1 + text.length; i < off + size; i++) {
                b[i] = 0;
            }
        }
        return size;
    }

    /** Writes a BYE for one SSRC without a reason, allocation-free; returns 8. */
    public static int writeSingle(byte[] b, int off, int ssrc) {
        Rtcp.writeHeader(b, off, 1, Rtcp.BYE, 8);
        Bytes.put32(b, off + 4, ssrc);
        return 8;
    }
}
