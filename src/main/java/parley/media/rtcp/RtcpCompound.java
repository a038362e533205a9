package parley.media.rtcp;

import java.util.Objects;

/**
 * Walks the packets of a compound RTCP datagram (RFC 3550 §6.1) without allocating, checking each
 * header (version 2, length within the datagram, sane padding) and that nothing trails the last:
 * <pre>{@code
 * compound.reset(b, off, len);
 * while (compound.next()) {
 *     switch (compound.type()) { case Rtcp.SR -> SenderReport.parse(b, compound.offset(), compound.length()); ... }
 * }
 * }</pre>
 * Reduced-size (RFC 5506) datagrams with a single feedback packet walk the same way.
 * Reusable; not thread-safe (one per receiving thread).
 */
public final class RtcpCompound {
    /** Receives each packet of a compound: its type, count/FMT, offset and length in bytes. */
    @FunctionalInterface
    public interface Visitor {
        void packet(int type, int countOrFmt, int off, int len) throws RtcpException;
    }

    private byte[] b;
    private int at;
    private int end;
    private int offset;
    private int length;

    /** Walks every packet, passing each to {@code visitor}. */
    public static void forEach(byte[] b, int off, int len, Visitor visitor) throws RtcpException {
        RtcpCompound compound = new RtcpCompound().reset(b, off, len);
        while (compound.next()) {
            visitor.packet(compound.type(), compound.count(), compound.offset(), compound.length());
        }
    }

    /** Checks every header of the compound; throws on the first bad one. Allocation-free. */
    public static void validate(byte[] b, int off, int len, RtcpCompound reusable) throws RtcpException {
        reusable.reset(b, off, len);
        while (reusable.next()) {
            // next() validates.
        }
    }

    public RtcpCompound reset(byte[] b, int off, int len) {
        Objects.checkFromIndexSize(off, len, b.length);
        this.b = b;
        this.at = off;
        this.end = off + len;
        this.offset = off;
        this.length = 0;
        return this;
    }

    /** Advances to the next packet; false at the end of the datagram. */
    public boolean next() throws RtcpException {
        if (at >= end) {
            return false;
        }
        offset = at;
        length = Rtcp.checkHeader(b, at, end - at);
        at += length;
        return true;
    }

    public int type() {
        return Rtcp.packetType(b, offset);
    }

    /** Report count, source count, or FMT for feedback packets. */
    public int count() {
        return Rtcp.count(b, offset);
    }

    /** Offset of the current packet's header in the array. */
    public int offset() {
        return offset;
    }

    /** Length of the current packet in bytes, header and padding included. */
    public int length() {
        return length;
    }
}
