package parley.media.codec;

import parley.media.rtp.Bytes;

/**
 * Keyframe detection in H.264 RTP payloads (RFC 6184 §5): single NAL unit packets, STAP-A
 * aggregates and FU-A fragments. A packet starts a keyframe when it carries (the start of) an IDR
 * slice (NAL type 5) or a sequence parameter set (7), which encoders send right before an IDR.
 *
 * <pre>
 * NAL header:  |F|NRI|  Type   |
 * STAP-A (24): |F|NRI| 24 | size (16) | NAL unit | size (16) | NAL unit | ...
 * FU-A (28):   |F|NRI| 28 | |S|E|R| Type | fragment ...
 * </pre>
 * Malformed input reads as "not a keyframe"; nothing throws or allocates. Stateless, so thread-safe.
 */
public final class H264 {
    public static final int NAL_IDR = 5;
    public static final int NAL_SPS = 7;
    public static final int NAL_PPS = 8;
    public static final int NAL_STAP_A = 24;
    public static final int NAL_FU_A = 28;
    private static final int TYPE_MASK = 0x1F;
    private static final int FU_START = 0x80;

    private H264() {
    }

    /** NAL unit type of the packet's first byte (1..23 single, 24 STAP-A, 28 FU-A, ...), or -1 if empty. */
    public static int nalType(byte[] b, int off, int len) {
        return len < 1 ? -1 : b[off] & TYPE_MASK;
    }

    /** True when the payload is or starts an IDR or SPS NAL unit. */
    public static boolean isKeyframe(byte[] b, int off, int len) {
        int type = nalType(b, off, len);
        if (type == NAL_IDR || type == NAL_SPS) {
            return true;
        }
        if (type == NAL_FU_A) {
            return len >= 2 && (b[off + 1] & FU_START) != 0 && isKeyNal(b[off + 1] & TYPE_MASK);
        }
        if (type == NAL_STAP_A) {
            return stapHasKeyNal(b, off + 1, off + len);
        }
        return false;
    }

    /** True at the first packet of a NAL unit: single NAL, STAP-A, or an FU-A with S set. */
    public static boolean isStartOfNal(byte[] b, int off, int len) {
        int type = nalType(b, off, len);
        return type == NAL_FU_A ? len >= 2 && (b[off + 1] & FU_START) != 0 : type > 0;
    }

    private static boolean stapHasKeyNal(byte[] b, int at, int end) {
        while (at + 2 < end) {
            int size = Bytes.u16(b, at);
            at += 2;
            if (size == 0 || at + size > end) {
                return false;
            }
            if (isKeyNal(b[at] & TYPE_MASK)) {
                return true;
            }
            at += size;
        }
        return false;
    }

    private static boolean isKeyNal(int type) {
        return type == NAL_IDR || type == NAL_SPS;
    }
}
