package parley.media.rtp;

import java.nio.charset.StandardCharsets;

/**
 * Reads RTP header extension elements (RFC 8285) in place, in both forms:
 *
 * <pre>
 * one-byte form (profile 0xBEDE):          two-byte form (profile 0x100X):
 *  0 1 2 3 4 5 6 7                          0                   1
 * +-+-+-+-+-+-+-+-+                         0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5
 * |  ID   |  len  |  data (len+1 bytes)    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * +-+-+-+-+-+-+-+-+                        |       ID      |     length    |  data (length bytes)
 * ID 1..14; 0 = padding byte; 15 = stop    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>{@link #find} returns the absolute offset of an element's data (or -1) and {@link #dataLength}
 * its length; {@link ExtensionCursor} walks all elements. Nothing allocates except {@link #mid} and
 * {@link #rid}. Bounds are checked against {@code len}, so a malformed block reads as "absent" rather
 * than throwing. Stateless, so thread-safe.
 */
public final class HeaderExtensions {
    /** Profile of the one-byte form. */
    public static final int ONE_BYTE_PROFILE = 0xBEDE;
    /** Profile of the two-byte form, ignoring its 4 low "appbits". */
    public static final int TWO_BYTE_PROFILE = 0x1000;
    private static final int TWO_BYTE_PROFILE_MASK = 0xFFF0;
    private static final int ONE_BYTE_STOP_ID = 15;
    private static final int NOT_FOUND = -1;

    private HeaderExtensions() {
    }

    /** Absolute offset of the data of the element with {@code id}, or -1 if absent or malformed. */
    public static int find(byte[] b, int off, int len, int id) {
        int form = form(b, off, len);
        if (form == 0) {
            return NOT_FOUND;
        }
        boolean twoByte = form == 2;
        int end = blockEnd(b, off);
        for (int at = next(b, RtpPacket.extensionDataOffset(b, off), end, twoByte); at >= 0;
                at = next(b, dataAt(at, twoByte) + lengthAt(b, at, twoByte), end, twoByte)) {
            if (idAt(b, at, twoByte) == id) {
                return dataAt(at, twoByte);
            }
        }
        return NOT_FOUND;
    }

    /** Length of the element whose data {@link #find} returned at {@code dataOffset}. */
    public static int dataLength(byte[] b, int off, int dataOffset) {
        boolean twoByte = RtpPacket.extensionProfile(b, off) != ONE_BYTE_PROFILE;
        return twoByte ? b[dataOffset - 1] & 0xFF : (b[dataOffset - 1] & 0x0F) + 1;
    }

    /**
     * Audio level (RFC 6464): -1 if absent or empty, else the byte {@code V << 7 | level}; see
     * {@link #isVoice}. The two-byte form allows an element of 0 bytes, whose data offset may be
     * the end of the packet.
     */
    public static int audioLevel(byte[] b, int off, int len, int id) {
        int at = find(b, off, len, id);
        return at < 0 || dataLength(b, off, at) < 1 ? NOT_FOUND : b[at] & 0xFF;
    }

    /** The V flag of an {@link #audioLevel} value: the sender's voice activity detector fired. */
    public static boolean isVoice(int audioLevel) {
        return audioLevel >= 0 && (audioLevel & 0x80) != 0;
    }

    /** The level of an {@link #audioLevel} value in -dBov, 0 (loudest) .. 127 (silence). */
    public static int levelDbov(int audioLevel) {
        return audioLevel & 0x7F;
    }

    /** Transport-wide sequence number (draft-holmer-rmcat-transport-wide-cc-extensions-01), or -1. */
    public static int transportSequence(byte[] b, int off, int len, int id) {
        int at = find(b, off, len, id);
        return at < 0 || dataLength(b, off, at) < 2 ? NOT_FOUND : Bytes.u16(b, at);
    }

    /** abs-send-time, 24 bits of 6.18 fixed-point seconds, or -1. */
    public static int absSendTime(byte[] b, int off, int len, int id) {
        int at = find(b, off, len, id);
        return at < 0 || dataLength(b, off, at) < 3 ? NOT_FOUND : Bytes.u24(b, at);
    }

    /** The MID (RFC 8843) as text, or null. Allocates: for signaling-rate use only. */
    public static String mid(byte[] b, int off, int len, int id) {
        return text(b, off, len, id);
    }

    /** The RtpStreamId or RepairedRtpStreamId (RFC 8852) as text, or null. Allocates. */
    public static String rid(byte[] b, int off, int len, int id) {
        return text(b, off, len, id);
    }

    private static String text(byte[] b, int off, int len, int id) {
        int at = find(b, off, len, id);
        return at < 0 ? null : new String(b, at, dataLength(b, off, at), StandardCharsets.UTF_8);
    }

    /** 1 for the one-byte form, 2 for two-byte, 0 for none, an unknown profile or a block past len. */
    static int form(byte[] b, int off, int len) {
        if (len < RtpPacket.FIXED_HEADER_LENGTH || !RtpPacket.hasExtension(b, off)
                || RtpPacket.extensionDataOffset(b, off) > off + len || blockEnd(b, off) > off + len) {
            return 0;
        }
        int profile = RtpPacket.extensionProfile(b, off);
        if (profile == ONE_BYTE_PROFILE) {
            return 1;
        }
        return (profile & TWO_BYTE_PROFILE_MASK) == TWO_BYTE_PROFILE ? 2 : 0;
    }

    static int blockEnd(byte[] b, int off) {
        return RtpPacket.extensionDataOffset(b, off) + RtpPacket.extensionDataLength(b, off);
    }

    /** Position of the next element header at or after {@code at}, skipping padding; -1 at the end or if malformed. */
    static int next(byte[] b, int at, int end, boolean twoByte) {
        // Padding: a zero byte; in the one-byte form any byte with ID 0, whatever its length nibble.
        while (at < end && (twoByte ? b[at] == 0 : (b[at] & 0xF0) == 0)) {
            at++;
        }
        if (at >= end || !twoByte && idAt(b, at, false) == ONE_BYTE_STOP_ID) {
            return NOT_FOUND;
        }
        if (twoByte && at + 2 > end || dataAt(at, twoByte) + lengthAt(b, at, twoByte) > end) {
            return NOT_FOUND;
        }
        return at;
    }

    static int idAt(byte[] b, int at, boolean twoByte) {
        return twoByte ? b[at] & 0xFF : (b[at] & 0xF0) >>> 4;
    }

    static int lengthAt(byte[] b, int at, boolean twoByte) {
        return twoByte ? b[at + 1] & 0xFF : (b[at] & 0x0F) + 1;
    }

    static int dataAt(int at, boolean twoByte) {
        return at + (twoByte ? 2 : 1);
    }
}
