package parley.captions;

/** Where an RTP packet's payload lies (RFC 3550: fixed header, CSRCs, header extension, padding). */
final class Rtp {
    private Rtp() {}

    /** The payload's offset in {@code b}, or -1 for a packet too short for its header. */
    static int payloadOffset(byte[] b, int off, int len) {
        if (len < 12 || (b[off] & 0xC0) != 0x80) return -1;
        int at = off + 12 + 4 * (b[off] & 0x0F);
        if ((b[off] & 0x10) != 0) {
            if (at + 4 > off + len) return -1;
            int words = ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
            at += 4 + 4 * words;
        }
        int end = off + len - padding(b, off, len);
        return at <= end ? at : -1;
    }

    /** Padding bytes at the end (the P bit's count), 0 without it or when it makes no sense. */
    static int padding(byte[] b, int off, int len) {
        if ((b[off] & 0x20) == 0) return 0;
        int n = b[off + len - 1] & 0xFF;
        return n < len - 12 ? n : 0;
    }
}
