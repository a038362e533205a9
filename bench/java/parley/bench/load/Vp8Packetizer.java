package parley.bench.load;

/**
 * Splits a VP8 frame into RTP payloads (RFC 7741 §4): each starts with a 4-byte payload descriptor
 * carrying a 15-bit picture id, and the frame's bytes are spread evenly over as few packets as
 * keep every payload within {@link #MAX_PAYLOAD_BYTES} (as libwebrtc does), one partition.
 *
 * <pre>
 *       0 1 2 3 4 5 6 7
 *      +-+-+-+-+-+-+-+-+
 *      |X|R|N|S|R| PID |   X = 1, N = 0, S = 1 on the frame's first packet only, PID = 0
 *      +-+-+-+-+-+-+-+-+
 *      |I|L|T|K| RSV   |   I = 1: a picture id follows (no TL0PICIDX, TID or KEYIDX)
 *      +-+-+-+-+-+-+-+-+
 *      |M| PictureID   |   M = 1: 15 bits, high 7 here
 *      +-+-+-+-+-+-+-+-+
 *      |   PictureID   |   low 8 bits
 *      +-+-+-+-+-+-+-+-+
 *      | VP8 payload ...
 * </pre>
 * Stateless.
 */
final class Vp8Packetizer {
    /** Largest RTP payload written (descriptor included), in bytes. */
    static final int MAX_PAYLOAD_BYTES = 1150;
    static final int DESCRIPTOR_LENGTH = 4;
    static final int MAX_PICTURE_ID = 0x7fff;
    private static final int MAX_SLICE_BYTES = MAX_PAYLOAD_BYTES - DESCRIPTOR_LENGTH;
    private static final int BIT_X = 0x80;
    private static final int BIT_S = 0x10;
    private static final int BIT_I = 0x80;
    private static final int BIT_M = 0x80;

    private Vp8Packetizer() {}

    /** How many packets a frame of {@code frameBytes} takes. */
    static int packetCount(int frameBytes) {
        if (frameBytes <= 0) throw new IllegalArgumentException("VP8 frame of " + frameBytes + " bytes (expected: at least 1)");
        return (frameBytes + MAX_SLICE_BYTES - 1) / MAX_SLICE_BYTES;
    }

    /**
     * Writes the payload of packet {@code index} (0-based, of {@link #packetCount}) of {@code frame}
     * at {@code out[off]}; returns its length in bytes.
     */
    static int write(byte[] frame, int index, int pictureId, byte[] out, int off) {
        int count = packetCount(frame.length);
        if (index < 0 || index >= count) throw new IllegalArgumentException("VP8 packet " + index + " (expected: 0.." + (count - 1) + ")");
        if (pictureId < 0 || pictureId > MAX_PICTURE_ID) {
            throw new IllegalArgumentException("VP8 picture id " + pictureId + " (expected: 0.." + MAX_PICTURE_ID + ")");
        }
        int slice = (frame.length + count - 1) / count;
        int from = index * slice;
        int length = Math.min(frame.length, from + slice) - from;
        out[off] = (byte) (BIT_X | (index == 0 ? BIT_S : 0));
        out[off + 1] = (byte) BIT_I;
        out[off + 2] = (byte) (BIT_M | pictureId >>> 8);
        out[off + 3] = (byte) pictureId;
        System.arraycopy(frame, from, out, off + DESCRIPTOR_LENGTH, length);
        return DESCRIPTOR_LENGTH + length;
    }
}
