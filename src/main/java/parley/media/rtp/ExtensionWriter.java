package parley.media.rtp;

/**
 * Builds a fresh one-byte-form extension block (RFC 8285 §4.2) into an outgoing RTP packet, so that
 * each receiver gets the extension ids it negotiated:
 * <pre>{@code
 * int h = RtpPacket.copyHeaderWithoutExtension(in, inOff, out, outOff);
 * int headerLength = writer.start(out, outOff)
 *         .copy(in, inOff, inLen, srcAudioLevelId, dstAudioLevelId)
 *         .add16(dstTransportSeqId, transportSeq)
 *         .finish();                       // sets X, pads to 4 bytes
 * // payload (and padding) of the input goes at outOff + headerLength
 * }</pre>
 *
 * <pre>
 * |       0xBE    |    0xDE       |           length (words)      |
 * |  ID   | L=len-1 |  data ...  |  ID   |  L  |  data ... | 0 padding |
 * </pre>
 * Reusable and allocation-free; not thread-safe (one per forwarding thread). Programmer errors (an id
 * outside 1..14, data outside 1..16 bytes, no {@link #start}) throw unchecked exceptions.
 */
public final class ExtensionWriter {
    /** Largest id of the one-byte form (15 is reserved). */
    public static final int MAX_ID = 14;
    /** Largest element of the one-byte form, in bytes. */
    public static final int MAX_DATA_LENGTH = 16;

    private byte[] out;
    private int packetOff;
    private int blockOff;
    private int at;
    private int count;

    /**
     * Begins a block right after the fixed header and CSRCs of the packet at {@code packetOff}
     * (which must already hold them, e.g. via {@link RtpPacket#copyHeaderWithoutExtension}).
     */
    public ExtensionWriter start(byte[] out, int packetOff) {
        this.out = out;
        this.packetOff = packetOff;
        this.blockOff = RtpPacket.extensionBlockOffset(out, packetOff);
        this.at = blockOff + RtpPacket.EXTENSION_HEADER_LENGTH;
        this.count = 0;
        return this;
    }

    /** Appends an element with {@code length} bytes (1..16) copied from {@code src}. */
    public ExtensionWriter add(int id, byte[] src, int srcOff, int length) {
        int data = element(id, length);
        System.arraycopy(src, srcOff, out, data, length);
        return this;
    }

    /** Appends a 1-byte element (e.g. audio level). */
    public ExtensionWriter add8(int id, int value) {
        out[element(id, 1)] = (byte) value;
        return this;
    }

    /** Appends a 2-byte element (e.g. transport-wide sequence number). */
    public ExtensionWriter add16(int id, int value) {
        Bytes.put16(out, element(id, 2), value);
        return this;
    }

    /** Appends a 3-byte element (e.g. abs-send-time). */
    public ExtensionWriter add24(int id, int value) {
        Bytes.put24(out, element(id, 3), value);
        return this;
    }

    /**
     * Copies element {@code srcId} of the RTP packet {@code src} (either form) as element {@code dstId};
     * does nothing when it is absent or does not fit the one-byte form (0 or more than 16 bytes).
     */
    public ExtensionWriter copy(byte[] src, int srcOff, int srcLen, int srcId, int dstId) {
        int data = HeaderExtensions.find(src, srcOff, srcLen, srcId);
        if (data >= 0) {
            int length = HeaderExtensions.dataLength(src, srcOff, data);
            if (length >= 1 && length <= MAX_DATA_LENGTH) {
                add(dstId, src, data, length);
            }
        }
        return this;
    }

    /** Elements added since {@link #start}. */
    public int count() {
        return count;
    }

    /**
     * Pads with zeros to a 4-byte boundary, writes the block header, sets (or, with no element,
     * clears) the X bit, and returns the packet's new header length: where the payload goes.
     */
    public int finish() {
        if (out == null) {
            throw new IllegalStateException("ExtensionWriter.finish without start");
        }
        int headerLength = blockOff - packetOff;
        if (count == 0) {
            RtpPacket.setExtensionBit(out, packetOff, false);
            return headerLength;
        }
        int dataStart = blockOff + RtpPacket.EXTENSION_HEADER_LENGTH;
        while (((at - dataStart) & 3) != 0) {
            out[at++] = 0;
        }
        Bytes.put16(out, blockOff, HeaderExtensions.ONE_BYTE_PROFILE);
        Bytes.put16(out, blockOff + 2, (at - dataStart) / 4);
        RtpPacket.setExtensionBit(out, packetOff, true);
        return at - packetOff;
    }

    private int element(int id, int length) {
        if (out == null) {
            throw new IllegalStateException("ExtensionWriter.add without start");
        }
        if (id < 1 || id > MAX_ID) {
            throw new IllegalArgumentException("extension id " + id + " (expected: 1.." + MAX_ID + ")");
        }
        if (length < 1 || length > MAX_DATA_LENGTH) {
            throw new IllegalArgumentException("extension length " + length + " (expected: 1.." + MAX_DATA_LENGTH + ")");
        }
        out[at] = (byte) (id << 4 | (length - 1));
        int data = at + 1;
        at = data + length;
        count++;
        return data;
    }
}
