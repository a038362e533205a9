package parley.media.rtcp;

import java.util.ArrayList;
import java.util.List;
import parley.media.rtp.Bytes;

/**
 * Receiver estimated maximum bitrate (draft-alvestrand-rmcat-remb-03): application-layer feedback,
 * PSFB FMT 15 with the identifier "REMB". The bitrate is mantissa * 2^exp bits per second.
 *
 * <pre>
 * |V=2|P| FMT=15  |   PT=206      |             length            |
 * |                  SSRC of packet sender                        |
 * |                  SSRC of media source (0)                     |
 * |  Unique identifier 'R' 'E' 'M' 'B'                            |
 * |  Num SSRC     | BR Exp    |  BR Mantissa (18 bits)            |
 * |   SSRC feedback                                               |  (Num SSRC times)
 * </pre>
 *
 * @param bitrateBps as encoded: writing rounds it down to 18 significant bits
 * @param ssrcs      the media streams the estimate applies to
 */
public record Remb(int senderSsrc, long bitrateBps, List<Integer> ssrcs) {
    private static final int IDENTIFIER = 'R' << 24 | 'E' << 16 | 'M' << 8 | 'B';
    private static final int OFF_IDENTIFIER = 12;
    private static final int OFF_BITRATE = 16;
    private static final int FIXED_SIZE = 20;
    private static final int MAX_MANTISSA = (1 << 18) - 1;
    private static final int MAX_SSRCS = 255;

    public Remb {
        ssrcs = List.copyOf(ssrcs);
        Unsigned.check(ssrcs.size(), MAX_SSRCS, "REMB SSRC count");
        if (bitrateBps < 0) {
            throw new IllegalArgumentException("REMB bitrate " + bitrateBps + " bps (expected: >= 0)");
        }
    }

    /** True when the PSFB packet at {@code off} is FMT 15 with the "REMB" identifier (no other checks). */
    public static boolean isRemb(byte[] b, int off, int len) {
        return len >= FIXED_SIZE && Rtcp.packetType(b, off) == Rtcp.PSFB && Rtcp.count(b, off) == Rtcp.FMT_APPLICATION
                && Bytes.i32(b, off + OFF_IDENTIFIER) == IDENTIFIER;
    }

    public static Remb parse(byte[] b, int off, int len) throws RtcpException {
        int end = Rtcp.feedbackEnd(b, off, len, Rtcp.PSFB, Rtcp.FMT_APPLICATION, FIXED_SIZE, "REMB");
        if (Bytes.i32(b, off + OFF_IDENTIFIER) != IDENTIFIER) {
            throw new RtcpException("REMB identifier 0x" + Integer.toHexString(Bytes.i32(b, off + OFF_IDENTIFIER))
                    + " (expected: 0x52454d42 'REMB')");
        }
        int count = b[off + OFF_BITRATE] & 0xFF;
        Rtcp.requireLength(end - off, FIXED_SIZE + 4 * count, "REMB with " + count + " SSRCs");
        List<Integer> ssrcs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ssrcs.add(Bytes.i32(b, off + FIXED_SIZE + 4 * i));
        }
        return new Remb(Rtcp.senderSsrc(b, off), bitrateBps(b, off), ssrcs);
    }

    /** The bitrate of the REMB at {@code off} (checked by {@link #isRemb}) without allocating. */
    public static long bitrateBps(byte[] b, int off) throws RtcpException {
        int word = Bytes.i32(b, off + OFF_BITRATE);
        int exponent = (word >>> 18) & 0x3F;
        long mantissa = word & MAX_MANTISSA;
        if (mantissa != 0 && exponent > Long.numberOfLeadingZeros(mantissa) - 1) {
            throw new RtcpException("REMB bitrate " + mantissa + " * 2^" + exponent + " (expected: below 2^63)");
        }
        return mantissa << exponent;
    }

    public int size() {
        return FIXED_SIZE + 4 * ssrcs.size();
    }

    public int write(byte[] b, int off) {
        int at = off + writeFixed(b, off, senderSsrc, bitrateBps, ssrcs.size());
        for (int ssrc : ssrcs) {
            Bytes.put32(b, at, ssrc);
            at += 4;
        }
        return at - off;
    }

    /**
     * Writes a REMB up to its SSRC list, without allocating, and returns 20; the caller then writes
     * {@code ssrcCount} SSRCs as 4-byte words at {@code off + 20 + 4 * i}.
     */
    public static int writeFixed(byte[] b, int off, int senderSsrc, long bitrateBps, int ssrcCount) {
        Unsigned.check(ssrcCount, MAX_SSRCS, "REMB SSRC count");
        int exponent = 0;
        while ((bitrateBps >>> exponent) > MAX_MANTISSA) {
            exponent++;
        }
        Rtcp.writeHeader(b, off, Rtcp.FMT_APPLICATION, Rtcp.PSFB, FIXED_SIZE + 4 * ssrcCount);
        Bytes.put32(b, off + Rtcp.OFF_SENDER_SSRC, senderSsrc);
        Bytes.put32(b, off + Rtcp.OFF_MEDIA_SSRC, 0);
        Bytes.put32(b, off + OFF_IDENTIFIER, IDENTIFIER);
        Bytes.put32(b, off + OFF_BITRATE, ssrcCount << 24 | exponent << 18 | (int) (bitrateBps >>> exponent));
        return FIXED_SIZE;
    }
}
