package parley.media.codec;

/**
 * Keyframe detection in AV1 RTP payloads (AV1 RTP specification §4.4, the aggregation header).
 *
 * <pre>
 *  0 1 2 3 4 5 6 7
 * +-+-+-+-+-+-+-+-+
 * |Z|Y| W |N|-|-|-|   Z: first OBU element continues a fragment, W: element count (0: all
 * +-+-+-+-+-+-+-+-+   length-prefixed), N: first packet of a coded video sequence
 * then OBU elements, each |LEB128 length| unless it is the W-th; an OBU header is |0| type |X|S|-|
 * </pre>
 * A packet starts a keyframe when N is set and its first OBU is a sequence header (type 1).
 * Malformed input reads as "not a keyframe"; nothing throws or allocates. Stateless, so thread-safe.
 */
public final class Av1 {
    public static final int OBU_SEQUENCE_HEADER = 1;
    private static final int BIT_Z = 0x80;
    private static final int BIT_N = 0x08;
    private static final int MAX_LEB128_BYTES = 8;

    private Av1() {
    }

    /** The N bit: this packet begins a new coded video sequence. */
    public static boolean isNewCodedVideoSequence(byte[] b, int off, int len) {
        return len >= 1 && (b[off] & BIT_N) != 0;
    }

    /** True when N is set and the first OBU (not a continuation) is a sequence header. */
    public static boolean isKeyframe(byte[] b, int off, int len) {
        if (!isNewCodedVideoSequence(b, off, len) || (b[off] & BIT_Z) != 0) {
            return false;
        }
        int elements = (b[off] & 0x30) >>> 4;
        int at = off + 1;
        int end = off + len;
        if (elements != 1) {
            int i = 0;
            while (at < end && (b[at] & 0x80) != 0 && i < MAX_LEB128_BYTES) {
                at++;
                i++;
            }
            at++;
        }
        return at < end && (b[at] & 0x78) >>> 3 == OBU_SEQUENCE_HEADER;
    }
}
