package parley.media.rtcp;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import parley.media.rtp.Bytes;

/**
 * The common RTCP header (RFC 3550 §6.4) and the constants the per-type classes share.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P| RC/FMT  |      PT       |   length (32-bit words - 1)   |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * Every {@code parse(b, off, len)} in this package reads the one packet at {@code off}: its length
 * field must fit in {@code len}; bytes after it are ignored. SSRCs are raw 32 bits in an {@code int}.
 * Stateless, so thread-safe.
 */
public final class Rtcp {
    public static final int HEADER_LENGTH = 4;
    public static final int VERSION = 2;
    /** Sender report. */
    public static final int SR = 200;
    /** Receiver report. */
    public static final int RR = 201;
    /** Source description. */
    public static final int SDES = 202;
    public static final int BYE = 203;
    public static final int APP = 204;
    /** Transport-layer feedback (RFC 4585): FMT 1 NACK, FMT 15 transport-cc. */
    public static final int RTPFB = 205;
    /** Payload-specific feedback (RFC 4585): FMT 1 PLI, FMT 4 FIR, FMT 15 application (REMB). */
    public static final int PSFB = 206;
    public static final int FMT_NACK = 1;
    public static final int FMT_TRANSPORT_CC = 15;
    public static final int FMT_PLI = 1;
    public static final int FMT_FIR = 4;
    public static final int FMT_APPLICATION = 15;
    /** Bytes of the feedback common part: header, sender SSRC, media SSRC (RFC 4585 §6.1). */
    public static final int FEEDBACK_HEADER_LENGTH = 12;

    static final int OFF_SENDER_SSRC = 4;
    static final int OFF_MEDIA_SSRC = 8;
    private static final int MAX_LENGTH_BYTES = 4 * 65536;

    private Rtcp() {
    }

    /**
     * Header sanity check: at least a header, version 2, packet type 192..223 (RFC 5761 §4) and a
     * length field that fits in {@code len}. Cheap enough to demultiplex every datagram with.
     */
    public static boolean isRtcp(byte[] b, int off, int len) {
        if (len < HEADER_LENGTH || (b[off] & 0xC0) != VERSION << 6) {
            return false;
        }
        int type = b[off + 1] & 0xFF;
        return type >= 192 && type <= 223 && lengthBytes(b, off) <= len;
    }

    public static int version(byte[] b, int off) {
        return (b[off] & 0xFF) >>> 6;
    }

    public static boolean hasPadding(byte[] b, int off) {
        return (b[off] & 0x20) != 0;
    }

    /** The 5-bit field: report/source count, or FMT in feedback packets. */
    public static int count(byte[] b, int off) {
        return b[off] & 0x1F;
    }

    public static int packetType(byte[] b, int off) {
        return b[off + 1] & 0xFF;
    }

    /** The whole packet's length in bytes, header and padding included: (length field + 1) * 4. */
    public static int lengthBytes(byte[] b, int off) {
        return (Bytes.u16(b, off + 2) + 1) * 4;
    }

    /** Sender SSRC of an SR, RR or feedback packet (the word after the header). */
    public static int senderSsrc(byte[] b, int off) {
        return Bytes.i32(b, off + OFF_SENDER_SSRC);
    }

    /** Media source SSRC of a feedback packet. */
    public static int mediaSsrc(byte[] b, int off) {
        return Bytes.i32(b, off + OFF_MEDIA_SSRC);
    }

    /**
     * Writes a header without padding for a packet of {@code lengthBytes} (a multiple of 4, 4..262144)
     * and returns {@link #HEADER_LENGTH}.
     */
    public static int writeHeader(byte[] b, int off, int countOrFmt, int packetType, int lengthBytes) {
        if ((lengthBytes & 3) != 0 || lengthBytes < HEADER_LENGTH || lengthBytes > MAX_LENGTH_BYTES) {
            throw new IllegalArgumentException("RTCP length " + lengthBytes + " (expected: multiple of 4, 4.." + MAX_LENGTH_BYTES + ")");
        }
        if (countOrFmt < 0 || countOrFmt > 31) {
            throw new IllegalArgumentException("RTCP count " + countOrFmt + " (expected: 0..31)");
        }
        b[off] = (byte) (VERSION << 6 | countOrFmt);
        b[off + 1] = (byte) packetType;
        Bytes.put16(b, off + 2, lengthBytes / 4 - 1);
        return HEADER_LENGTH;
    }

    /**
     * Validates the header of a packet of {@code packetType} at {@code off} against {@code len} and
     * returns the end of its content (exclusive): {@code off} + length - padding.
     */
    static int contentEnd(byte[] b, int off, int len, int packetType, String what) throws RtcpException {
        int length = checkHeader(b, off, len);
        if (packetType(b, off) != packetType) {
            throw new RtcpException(what + " packet type " + packetType(b, off) + " (expected: " + packetType + ")");
        }
        return off + length - paddingLength(b, off, length);
    }

    /** Like {@link #contentEnd} and also checks FMT and a minimum content length. */
    static int feedbackEnd(byte[] b, int off, int len, int packetType, int fmt, int minLength, String what)
            throws RtcpException {
        int end = contentEnd(b, off, len, packetType, what);
        if (count(b, off) != fmt) {
            throw new RtcpException(what + " FMT " + count(b, off) + " (expected: " + fmt + ")");
        }
        requireLength(end - off, minLength, what);
        return end;
    }

    static void requireLength(int actual, int expected, String what) throws RtcpException {
        if (actual < expected) {
            throw new RtcpException(what + " length " + actual + " (expected: at least " + expected + ")");
        }
    }

    /**
     * Text of an SDES item or a BYE reason, which RFC 3550 §6.5 makes UTF-8. Decoding malformed
     * bytes leniently would turn each into U+FFFD (3 bytes), so 255 bytes on the wire could become
     * a string the records refuse as longer than 255 bytes.
     */
    static String utf8(byte[] b, int off, int len, String what) throws RtcpException {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(b, off, len)).toString();
        } catch (CharacterCodingException e) {
            throw new RtcpException(what + " of " + len + " bytes that are not UTF-8 (expected: UTF-8)");
        }
    }

    /** Checks version, length field and padding; returns the packet length in bytes. */
    static int checkHeader(byte[] b, int off, int len) throws RtcpException {
        if (len < HEADER_LENGTH) {
            throw new RtcpException("RTCP length " + len + " (expected: at least " + HEADER_LENGTH + ")");
        }
        if (version(b, off) != VERSION) {
            throw new RtcpException("RTCP version " + version(b, off) + " (expected: " + VERSION + ")");
        }
        int length = lengthBytes(b, off);
        if (length > len) {
            throw new RtcpException("RTCP length field " + length + " bytes (expected: at most the " + len + " remaining)");
        }
        int padding = paddingLength(b, off, length);
        if (hasPadding(b, off) && (padding == 0 || padding > length - HEADER_LENGTH)) {
            throw new RtcpException("RTCP padding " + padding + " (expected: 1.." + (length - HEADER_LENGTH) + ")");
        }
        return length;
    }

    private static int paddingLength(byte[] b, int off, int length) {
        return hasPadding(b, off) ? b[off + length - 1] & 0xFF : 0;
    }
}
