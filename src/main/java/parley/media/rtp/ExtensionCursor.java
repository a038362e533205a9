package parley.media.rtp;

/**
 * Walks the header extension elements of one RTP packet without allocating:
 * <pre>{@code
 * if (cursor.reset(b, off, len)) {
 *     while (cursor.next()) { use(cursor.id(), cursor.dataOffset(), cursor.dataLength()); }
 * }
 * }</pre>
 * Stops quietly at a malformed element. Reusable; not thread-safe (one per forwarding thread).
 */
public final class ExtensionCursor {
    private byte[] b;
    private int end;
    private int nextAt;
    private boolean twoByte;
    private int at = -1;

    /** Points at the packet's extension block; false when it has none in a known form. */
    public boolean reset(byte[] b, int off, int len) {
        int form = HeaderExtensions.form(b, off, len);
        this.b = b;
        this.at = -1;
        if (form == 0) {
            this.nextAt = this.end = 0;
            return false;
        }
        this.twoByte = form == 2;
        this.end = HeaderExtensions.blockEnd(b, off);
        this.nextAt = RtpPacket.extensionDataOffset(b, off);
        return true;
    }

    /** Advances to the next element; false when there are no more. */
    public boolean next() {
        at = nextAt < end ? HeaderExtensions.next(b, nextAt, end, twoByte) : -1;
        if (at < 0) {
            nextAt = end;
            return false;
        }
        nextAt = dataOffset() + dataLength();
        return true;
    }

    /** True for the two-byte form (0x100X), false for one-byte (0xBEDE). */
    public boolean isTwoByte() {
        return twoByte;
    }

    public int id() {
        return HeaderExtensions.idAt(b, at, twoByte);
    }

    /** Absolute offset of the element's data in the packet's array. */
    public int dataOffset() {
        return HeaderExtensions.dataAt(at, twoByte);
    }

    public int dataLength() {
        return HeaderExtensions.lengthAt(b, at, twoByte);
    }
}
