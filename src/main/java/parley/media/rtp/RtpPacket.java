package parley.media.rtp;

import java.util.Objects;

/**
 * Static accessors and setters over an RTP packet held in {@code byte[] b} at {@code off} (RFC 3550 §5.1).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|X|  CC   |M|     PT      |       sequence number         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                           timestamp                           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |           synchronization source (SSRC) identifier            |
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * |            contributing source (CSRC) identifiers             |
 * |                             ....                              |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |      defined by profile       |           length              |  (if X)
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                        header extension                       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                 payload ...   [padding ... | padding count]   |
 * </pre>
 *
 * <p>The accessors do not check bounds against the packet length: call {@link #validate} once when the
 * packet arrives, then read freely. Nothing here allocates. SSRCs are returned as the raw 32 bits in an
 * {@code int} (cheap to compare and hash); use {@link Integer#toUnsignedLong(int)} to print one.
 * Timestamps are unsigned 32-bit values in a {@code long}. Stateless, so thread-safe.
 */
public final class RtpPacket {
    /** Bytes of the fixed header before the CSRC list. */
    public static final int FIXED_HEADER_LENGTH = 12;
    /** The only RTP version. */
    public static final int VERSION = 2;
    /** Bytes of the extension block header (profile and length). */
    public static final int EXTENSION_HEADER_LENGTH = 4;

    private static final int OFF_FLAGS = 0;
    private static final int OFF_MARKER_PT = 1;
    private static final int OFF_SEQ = 2;
    private static final int OFF_TIMESTAMP = 4;
    private static final int OFF_SSRC = 8;
    private static final int BIT_PADDING = 0x20;
    private static final int BIT_EXTENSION = 0x10;
    private static final int BIT_MARKER = 0x80;

    private RtpPacket() {
    }

    public static int version(byte[] b, int off) {
        return (b[off + OFF_FLAGS] & 0xFF) >>> 6;
    }

    public static boolean hasPadding(byte[] b, int off) {
        return (b[off + OFF_FLAGS] & BIT_PADDING) != 0;
    }

    public static boolean hasExtension(byte[] b, int off) {
        return (b[off + OFF_FLAGS] & BIT_EXTENSION) != 0;
    }

    public static int csrcCount(byte[] b, int off) {
        return b[off + OFF_FLAGS] & 0x0F;
    }

    public static boolean marker(byte[] b, int off) {
        return (b[off + OFF_MARKER_PT] & BIT_MARKER) != 0;
    }

    /** Payload type, 0..127. */
    public static int payloadType(byte[] b, int off) {
        return b[off + OFF_MARKER_PT] & 0x7F;
    }

    /** Sequence number, 0..65535. */
    public static int sequenceNumber(byte[] b, int off) {
        return Bytes.u16(b, off + OFF_SEQ);
    }

    /** RTP timestamp, unsigned 32 bits (0..2^32-1), in the codec's clock rate. */
    public static long timestamp(byte[] b, int off) {
        return Bytes.u32(b, off + OFF_TIMESTAMP);
    }

    /** SSRC as the raw 32 bits. */
    public static int ssrc(byte[] b, int off) {
        return Bytes.i32(b, off + OFF_SSRC);
    }

    /** The {@code index}-th CSRC (0-based) as raw 32 bits. */
    public static int csrc(byte[] b, int off, int index) {
        return Bytes.i32(b, off + FIXED_HEADER_LENGTH + 4 * index);
    }

    /** Offset of the extension block header (the profile field), whether or not X is set. */
    public static int extensionBlockOffset(byte[] b, int off) {
        return off + FIXED_HEADER_LENGTH + 4 * csrcCount(b, off);
    }

    /** The extension profile (0xBEDE for one-byte elements, 0x100X for two-byte), or -1 without X. */
    public static int extensionProfile(byte[] b, int off) {
        return hasExtension(b, off) ? Bytes.u16(b, extensionBlockOffset(b, off)) : -1;
    }

    /** Offset of the first byte of extension data (after profile and length). Meaningful only with X. */
    public static int extensionDataOffset(byte[] b, int off) {
        return extensionBlockOffset(b, off) + EXTENSION_HEADER_LENGTH;
    }

    /** Bytes of extension data (the length field times 4), or 0 without X. */
    public static int extensionDataLength(byte[] b, int off) {
        return hasExtension(b, off) ? 4 * Bytes.u16(b, extensionBlockOffset(b, off) + 2) : 0;
    }

    /** Header bytes: fixed header, CSRCs and the whole extension block. */
    public static int headerLength(byte[] b, int off) {
        int n = FIXED_HEADER_LENGTH + 4 * csrcCount(b, off);
        return hasExtension(b, off) ? n + EXTENSION_HEADER_LENGTH + extensionDataLength(b, off) : n;
    }

    /** Absolute offset in {@code b} of the first payload byte. */
    public static int payloadOffset(byte[] b, int off) {
        return off + headerLength(b, off);
    }

    /** Padding bytes at the end (the last byte's value when P is set), else 0. */
    public static int paddingLength(byte[] b, int off, int len) {
        return hasPadding(b, off) ? b[off + len - 1] & 0xFF : 0;
    }

    /** Payload bytes, without header and padding. */
    public static int payloadLength(byte[] b, int off, int len) {
        return len - headerLength(b, off) - paddingLength(b, off, len);
    }

    /**
     * Checks that {@code len} bytes at {@code off} form an RTP packet whose header, extension block
     * and padding fit; after this every accessor stays within {@code [off, off + len)}.
     *
     * @throws RtpException when they do not
     * @throws IndexOutOfBoundsException when {@code off, len} lie outside {@code b} (a caller bug)
     */
    public static void validate(byte[] b, int off, int len) throws RtpException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len < FIXED_HEADER_LENGTH) {
            throw new RtpException("RTP length " + len + " (expected: at least " + FIXED_HEADER_LENGTH + ")");
        }
        if (version(b, off) != VERSION) {
            throw new RtpException("RTP version " + version(b, off) + " (expected: " + VERSION + ")");
        }
        int fixed = FIXED_HEADER_LENGTH + 4 * csrcCount(b, off);
        if (hasExtension(b, off) && fixed + EXTENSION_HEADER_LENGTH > len) {
            throw new RtpException("RTP length " + len + " with extension (expected: at least "
                    + (fixed + EXTENSION_HEADER_LENGTH) + ")");
        }
        int header = headerLength(b, off);
        if (header > len) {
            throw new RtpException("RTP header length " + header + " (expected: at most packet length " + len + ")");
        }
        if (hasPadding(b, off)) {
            int padding = paddingLength(b, off, len);
            if (padding == 0 || header + padding > len) {
                throw new RtpException("RTP padding " + padding + " (expected: 1.." + (len - header) + ")");
            }
        }
    }

    /**
     * RFC 5761 §4 demultiplexing for rtcp-mux: true when the second byte is 192..223 (RTCP packet
     * types SR 200 .. PSFB 206 and their neighbours), which an RTP marker+payload-type byte avoids.
     */
    public static boolean isRtcp(byte[] b, int off, int len) {
        if (len < 2 || (b[off] & 0xC0) != VERSION << 6) {
            return false;
        }
        int type = b[off + 1] & 0xFF;
        return type >= 192 && type <= 223;
    }

    public static void setSequenceNumber(byte[] b, int off, int seq) {
        Bytes.put16(b, off + OFF_SEQ, seq);
    }

    /** Writes the low 32 bits of {@code timestamp}. */
    public static void setTimestamp(byte[] b, int off, long timestamp) {
        Bytes.put32(b, off + OFF_TIMESTAMP, (int) timestamp);
    }

    public static void setSsrc(byte[] b, int off, int ssrc) {
        Bytes.put32(b, off + OFF_SSRC, ssrc);
    }

    /** Writes the low 7 bits of {@code payloadType}, keeping the marker bit. */
    public static void setPayloadType(byte[] b, int off, int payloadType) {
        b[off + OFF_MARKER_PT] = (byte) ((b[off + OFF_MARKER_PT] & BIT_MARKER) | (payloadType & 0x7F));
    }

    public static void setMarker(byte[] b, int off, boolean marker) {
        int v = b[off + OFF_MARKER_PT];
        b[off + OFF_MARKER_PT] = (byte) (marker ? v | BIT_MARKER : v & ~BIT_MARKER);
    }

    /** Sets or clears the X bit only; the caller keeps the extension block consistent. */
    public static void setExtensionBit(byte[] b, int off, boolean extension) {
        int v = b[off + OFF_FLAGS];
        b[off + OFF_FLAGS] = (byte) (extension ? v | BIT_EXTENSION : v & ~BIT_EXTENSION);
    }

    /**
     * Copies the fixed header and CSRCs of {@code src} to {@code dst} with the X bit cleared, so that
     * an {@link ExtensionWriter} can append a fresh extension block. Returns the bytes copied.
     */
    public static int copyHeaderWithoutExtension(byte[] src, int srcOff, byte[] dst, int dstOff) {
        int n = FIXED_HEADER_LENGTH + 4 * csrcCount(src, srcOff);
        System.arraycopy(src, srcOff, dst, dstOff, n);
        setExtensionBit(dst, dstOff, false);
        return n;
    }
}
