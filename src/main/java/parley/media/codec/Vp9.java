package parley.media.codec;

/**
 * The VP9 RTP payload descriptor (RFC 9628, formerly draft-ietf-payload-vp9), read in place.
 * {@code off, len} are the RTP payload.
 *
 * <pre>
 *       0 1 2 3 4 5 6 7
 *      +-+-+-+-+-+-+-+-+
 *      |I|P|L|F|B|E|V|Z| (REQUIRED)   P: inter-picture predicted, F: flexible mode,
 *      +-+-+-+-+-+-+-+-+              B/E: start/end of a layer frame, V: scalability structure
 * I:   |M| PICTURE ID  | (RECOMMENDED)
 *      +-+-+-+-+-+-+-+-+
 * M:   | EXTENDED PID  | (RECOMMENDED)
 *      +-+-+-+-+-+-+-+-+
 * L:   | TID |U| SID |D| (CONDITIONALLY RECOMMENDED)   U: switching up point, D: inter-layer dependency
 *      +-+-+-+-+-+-+-+-+
 *      |   TL0PICIDX   | (non-flexible mode with L only)
 *      +-+-+-+-+-+-+-+-+                             -\
 * P,F: | P_DIFF      |N| (CONDITIONALLY REQUIRED)    - up to 3 times
 *      +-+-+-+-+-+-+-+-+                             -/
 * V:   | SS            |   N_S|Y|G|-|-|-, then (N_S+1) x (width, height) if Y,
 *      | ..            |   then N_G and N_G x (T|U|R|-|-, R x P_DIFF) if G
 *      +-+-+-+-+-+-+-+-+
 * </pre>
 * Accessors return -1 (or false) for absent fields and truncated input; only {@link #descriptorLength}
 * throws. Nothing allocates. Stateless, so thread-safe.
 */
public final class Vp9 {
    private static final int BIT_I = 0x80;
    private static final int BIT_P = 0x40;
    private static final int BIT_L = 0x20;
    private static final int BIT_F = 0x10;
    private static final int BIT_B = 0x08;
    private static final int BIT_E = 0x04;
    private static final int BIT_V = 0x02;
    private static final int BIT_M = 0x80;
    private static final int MAX_P_DIFFS = 3;

    private Vp9() {
    }

    /** Bytes of the payload descriptor, scalability structure included. */
    public static int descriptorLength(byte[] b, int off, int len) throws CodecException {
        int at = payloadStart(b, off, len);
        if (at < 0) {
            throw new CodecException("VP9 payload of " + len + " bytes (expected: a complete payload descriptor)");
        }
        return at - off;
    }

    /** True at the first packet of a keyframe: B set, P clear, spatial layer 0 (or no layer info). */
    public static boolean isKeyframe(byte[] b, int off, int len) {
        return len >= 1 && (b[off] & BIT_B) != 0 && (b[off] & BIT_P) == 0 && spatialId(b, off, len) <= 0;
    }

    public static boolean isStartOfFrame(byte[] b, int off, int len) {
        return len >= 1 && (b[off] & BIT_B) != 0;
    }

    public static boolean isEndOfFrame(byte[] b, int off, int len) {
        return len >= 1 && (b[off] & BIT_E) != 0;
    }

    /** The P bit: this frame references an earlier one. */
    public static boolean isInterPicturePredicted(byte[] b, int off, int len) {
        return len >= 1 && (b[off] & BIT_P) != 0;
    }

    public static boolean isFlexibleMode(byte[] b, int off, int len) {
        return len >= 1 && (b[off] & BIT_F) != 0;
    }

    /** Picture id, 7 or 15 bits, or -1. */
    public static int pictureId(byte[] b, int off, int len) {
        if (len < 1 || (b[off] & BIT_I) == 0 || len < 2 || (b[off + 1] & BIT_M) != 0 && len < 3) {
            return -1;
        }
        return (b[off + 1] & BIT_M) != 0 ? (b[off + 1] & 0x7F) << 8 | b[off + 2] & 0xFF : b[off + 1] & 0x7F;
    }

    /** Temporal layer id (0..7), or -1 without layer indices. */
    public static int temporalId(byte[] b, int off, int len) {
        int at = layerByte(b, off, len);
        return at < 0 ? -1 : (b[at] & 0xE0) >>> 5;
    }

    /** Spatial layer id (0..7), or -1 without layer indices. */
    public static int spatialId(byte[] b, int off, int len) {
        int at = layerByte(b, off, len);
        return at < 0 ? -1 : (b[at] & 0x0E) >>> 1;
    }

    /** The U bit: a switching-up point to a higher temporal layer. False without layer indices. */
    public static boolean isSwitchingUpPoint(byte[] b, int off, int len) {
        int at = layerByte(b, off, len);
        return at >= 0 && (b[at] & 0x10) != 0;
    }

    /** The D bit: this layer frame depends on the lower spatial layer of the same picture. */
    public static boolean hasInterLayerDependency(byte[] b, int off, int len) {
        int at = layerByte(b, off, len);
        return at >= 0 && (b[at] & 0x01) != 0;
    }

    /** TL0PICIDX (non-flexible mode with layer indices), or -1. */
    public static int tl0PicIdx(byte[] b, int off, int len) {
        int at = layerByte(b, off, len);
        return at < 0 || (b[off] & BIT_F) != 0 || at + 1 >= off + len ? -1 : b[at + 1] & 0xFF;
    }

    /** Offset of the L byte, or -1. */
    private static int layerByte(byte[] b, int off, int len) {
        if (len < 1 || (b[off] & BIT_L) == 0) {
            return -1;
        }
        int at = afterPictureId(b, off, len);
        return at >= 0 && at < off + len ? at : -1;
    }

    private static int afterPictureId(byte[] b, int off, int len) {
        if ((b[off] & BIT_I) == 0) {
            return off + 1;
        }
        if (len < 2) {
            return -1;
        }
        return off + ((b[off + 1] & BIT_M) != 0 ? 3 : 2);
    }

    /** Offset of the VP9 frame data, or -1 when the descriptor is truncated. */
    private static int payloadStart(byte[] b, int off, int len) {
        int end = off + len;
        if (len < 1) {
            return -1;
        }
        int flags = b[off] & 0xFF;
        int at = afterPictureId(b, off, len);
        if (at < 0) {
            return -1;
        }
        if ((flags & BIT_L) != 0) {
            at += (flags & BIT_F) != 0 ? 1 : 2;
        }
        if ((flags & BIT_F) != 0 && (flags & BIT_P) != 0) {
            for (int i = 0; ; i++) {
                if (at >= end || i == MAX_P_DIFFS) {
                    return -1;
                }
                if ((b[at++] & 0x01) == 0) {
                    break;
                }
            }
        }
        if ((flags & BIT_V) != 0) {
            at = afterScalabilityStructure(b, at, end);
        }
        return at >= 0 && at <= end ? at : -1;
    }

    private static int afterScalabilityStructure(byte[] b, int at, int end) {
        if (at >= end) {
            return -1;
        }
        int ss = b[at++] & 0xFF;
        int spatialLayers = (ss >>> 5) + 1;
        if ((ss & 0x10) != 0) {
            at += 4 * spatialLayers;
        }
        if ((ss & 0x08) != 0) {
            if (at >= end) {
                return -1;
            }
            int groups = b[at++] & 0xFF;
            for (int i = 0; i < groups; i++) {
                if (at >= end) {
                    return -1;
                }
                at += 1 + ((b[at] & 0x0C) >>> 2);
            }
        }
        return at;
    }
}
