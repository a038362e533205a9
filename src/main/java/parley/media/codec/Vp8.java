package parley.media.codec;

/**
 * The VP8 RTP payload descriptor (RFC 7741 §4.2) and the start of the VP8 payload header (§4.3),
 * read and rewritten in place. {@code off, len} are the RTP payload (after the RTP header).
 *
 * <pre>
 *       0 1 2 3 4 5 6 7
 *      +-+-+-+-+-+-+-+-+
 *      |X|R|N|S|R| PID | (REQUIRED)      N: non-reference frame, S: start of partition, PID: partition index
 *      +-+-+-+-+-+-+-+-+
 * X:   |I|L|T|K| RSV   | (OPTIONAL)      which of the next fields are present
 *      +-+-+-+-+-+-+-+-+
 * I:   |M| PictureID   | (OPTIONAL)      M: 15-bit picture id in two bytes
 *      +-+-+-+-+-+-+-+-+
 * M:   |   PictureID   | (OPTIONAL)
 *      +-+-+-+-+-+-+-+-+
 * L:   |   TL0PICIDX   | (OPTIONAL)
 *      +-+-+-+-+-+-+-+-+
 * T/K: |TID|Y| KEYIDX  | (OPTIONAL)      Y: layer sync
 *      +-+-+-+-+-+-+-+-+
 * then the VP8 payload; at the start of partition 0 its header: |Size0|H| VER |P| with P = 0 for a
 * keyframe, followed on keyframes by the start code 9d 01 2a, width and height (14 bits, little-endian).
 * </pre>
 *
 * The descriptor and the payload header's first byte stay in clear under end-to-end encryption
 * (SFrame / insertable streams keep them unencrypted), so these work on encrypted media. Accessors
 * return -1 (or false) for absent fields and for truncated input; nothing throws except
 * {@link #descriptorLength}, and nothing allocates. Stateless, so thread-safe.
 */
public final class Vp8 {
    private static final int BIT_X = 0x80;
    private static final int BIT_N = 0x20;
    private static final int BIT_S = 0x10;
    private static final int PID_MASK = 0x07;
    private static final int BIT_I = 0x80;
    private static final int BIT_L = 0x40;
    private static final int BIT_T = 0x20;
    private static final int BIT_K = 0x10;
    private static final int BIT_M = 0x80;
    private static final int BIT_Y = 0x20;
    private static final int BIT_P = 0x01;
    private static final int FIELD_PICTURE_ID = 0;
    private static final int FIELD_TL0PICIDX = 1;
    private static final int FIELD_TID_KEYIDX = 2;
    private static final int FIELD_PAYLOAD = 3;
    private static final int KEYFRAME_HEADER_LENGTH = 10;

    private Vp8() {
    }

    /** Bytes of the payload descriptor, i.e. the offset of the VP8 payload from {@code off}. */
    public static int descriptorLength(byte[] b, int off, int len) throws CodecException {
        int at = field(b, off, len, FIELD_PAYLOAD);
        if (at < 0) {
            throw new CodecException("VP8 payload of " + len + " bytes (expected: a complete payload descriptor)");
        }
        return at - off;
    }

    /** True at the first packet of a keyframe: S = 1, PID = 0 and the payload header's P bit 0. */
    public static boolean isKeyframe(byte[] b, int off, int len) {
        int at = field(b, off, len, FIELD_PAYLOAD);
        return isStartOfFrame(b, off, len) && at >= 0 && at < off + len && (b[at] & BIT_P) == 0;
    }

    /** True at the first packet of a frame: S = 1 and PID = 0. */
    public static boolean isStartOfFrame(byte[] b, int off, int len) {
        return len >= 1 && (b[off] & BIT_S) != 0 && (b[off] & PID_MASK) == 0;
    }

    /** True when the N bit marks a frame no other frame references (safe to drop). */
    public static boolean isNonReference(byte[] b, int off, int len) {
        return len >= 1 && (b[off] & BIT_N) != 0;
    }

    /** Picture id, 7 or 15 bits, or -1. */
    public static int pictureId(byte[] b, int off, int len) {
        int at = field(b, off, len, FIELD_PICTURE_ID);
        if (at < 0) {
            return -1;
        }
        return (b[at] & BIT_M) != 0 ? (b[at] & 0x7F) << 8 | b[at + 1] & 0xFF : b[at] & 0x7F;
    }

    /** True when the picture id is the 15-bit form. */
    public static boolean hasLongPictureId(byte[] b, int off, int len) {
        int at = field(b, off, len, FIELD_PICTURE_ID);
        return at >= 0 && (b[at] & BIT_M) != 0;
    }

    /** TL0PICIDX (0..255), or -1. */
    public static int tl0PicIdx(byte[] b, int off, int len) {
        int at = field(b, off, len, FIELD_TL0PICIDX);
        return at < 0 ? -1 : b[at] & 0xFF;
    }

    /** Temporal layer id (0..3), or -1 without the T bit. */
    public static int temporalId(byte[] b, int off, int len) {
        int at = field(b, off, len, FIELD_TID_KEYIDX);
        return at < 0 || (extension(b, off) & BIT_T) == 0 ? -1 : (b[at] & 0xC0) >>> 6;
    }

    /** The Y bit: this frame depends only on temporal layer 0 (a layer switch point). False without T. */
    public static boolean isLayerSync(byte[] b, int off, int len) {
        int at = field(b, off, len, FIELD_TID_KEYIDX);
        return at >= 0 && (extension(b, off) & BIT_T) != 0 && (b[at] & BIT_Y) != 0;
    }

    /** KEYIDX (0..31), or -1 without the K bit. */
    public static int keyIdx(byte[] b, int off, int len) {
        int at = field(b, off, len, FIELD_TID_KEYIDX);
        return at < 0 || (extension(b, off) & BIT_K) == 0 ? -1 : b[at] & 0x1F;
    }

    /**
     * Overwrites the picture id in place, in the width the packet already has (7 or 15 bits; the value
     * is masked to it). Returns false when the packet has no picture id.
     */
    public static boolean setPictureId(byte[] b, int off, int len, int pictureId) {
        int at = field(b, off, len, FIELD_PICTURE_ID);
        if (at < 0) {
            return false;
        }
        if ((b[at] & BIT_M) != 0) {
            b[at] = (byte) (BIT_M | (pictureId >>> 8) & 0x7F);
            b[at + 1] = (byte) pictureId;
        } else {
            b[at] = (byte) (pictureId & 0x7F);
        }
        return true;
    }

    /** Overwrites TL0PICIDX in place; false when absent. */
    public static boolean setTl0PicIdx(byte[] b, int off, int len, int tl0PicIdx) {
        int at = field(b, off, len, FIELD_TL0PICIDX);
        if (at < 0) {
            return false;
        }
        b[at] = (byte) tl0PicIdx;
        return true;
    }

    /** Width in pixels from the keyframe header in this packet, or -1 (not a keyframe start, or too short). */
    public static int keyframeWidth(byte[] b, int off, int len) {
        int at = keyframeHeader(b, off, len);
        return at < 0 ? -1 : le14(b, at + 6);
    }

    /** Height in pixels from the keyframe header in this packet, or -1. */
    public static int keyframeHeight(byte[] b, int off, int len) {
        int at = keyframeHeader(b, off, len);
        return at < 0 ? -1 : le14(b, at + 8);
    }

    private static int keyframeHeader(byte[] b, int off, int len) {
        if (!isKeyframe(b, off, len)) {
            return -1;
        }
        int at = field(b, off, len, FIELD_PAYLOAD);
        boolean startCode = at + KEYFRAME_HEADER_LENGTH <= off + len
                && b[at + 3] == (byte) 0x9d && b[at + 4] == 0x01 && b[at + 5] == 0x2a;
        return startCode ? at : -1;
    }

    private static int le14(byte[] b, int at) {
        return ((b[at + 1] & 0xFF) << 8 | b[at] & 0xFF) & 0x3FFF;
    }

    private static int extension(byte[] b, int off) {
        return (b[off] & BIT_X) != 0 ? b[off + 1] & 0xFF : 0;
    }

    /** Absolute offset of a field, or -1 when absent or not inside {@code len}. */
    private static int field(byte[] b, int off, int len, int field) {
        int end = off + len;
        if (len < 1 || (b[off] & BIT_X) != 0 && len < 2) {
            return -1;
        }
        int ext = extension(b, off);
        int at = off + ((b[off] & BIT_X) != 0 ? 2 : 1);
        if ((ext & BIT_I) != 0) {
            if (at >= end || (b[at] & BIT_M) != 0 && at + 1 >= end) {
                return -1;
            }
            if (field == FIELD_PICTURE_ID) {
                return at;
            }
            at += (b[at] & BIT_M) != 0 ? 2 : 1;
        }
        if ((ext & BIT_L) != 0) {
            if (field == FIELD_TL0PICIDX) {
                return at < end ? at : -1;
            }
            at++;
        }
        if ((ext & (BIT_T | BIT_K)) != 0) {
            if (field == FIELD_TID_KEYIDX) {
                return at < end ? at : -1;
            }
            at++;
        }
        return field == FIELD_PAYLOAD && at <= end ? at : -1;
    }
}
