package parley.sip;

/**
 * The plain RTP header of a phone leg (RFC 3550 section 5.1): enough to find the payload type,
 * timestamp and payload of a packet, and to write a header for the 20 ms frames Parley sends.
 */
public final class Rtp {
    public static final int HEADER = 12;

    private Rtp() {}

    /** The offset of the payload in a packet, or -1 when it is not RTP version 2 or is cut short. */
    public static int payloadOffset(byte[] b, int len) {
        if (len < HEADER || (b[0] & 0xc0) != 0x80) return -1;
        int off = HEADER + 4 * (b[0] & 0x0f);
        if ((b[0] & 0x10) != 0) {
            if (off + 4 > len) return -1;
            off += 4 + 4 * (((b[off + 2] & 0xff) << 8) | (b[off + 3] & 0xff));
        }
        return off <= len ? off : -1;
    }

    /** The payload's length without padding, or -1 when the padding is impossible. */
    public static int payloadLength(byte[] b, int len, int payloadOffset) {
        int n = len - payloadOffset;
        if ((b[0] & 0x20) != 0) {
            int pad = n > 0 ? b[len - 1] & 0xff : 0;
            if (pad == 0 || pad > n) return -1;
            n -= pad;
        }
        return n;
    }

    public static int payloadType(byte[] b) {
        return b[1] & 0x7f;
    }

    public static int sequence(byte[] b) {
        return ((b[2] & 0xff) << 8) | (b[3] & 0xff);
    }

    public static int timestamp(byte[] b) {
        return ((b[4] & 0xff) << 24) | ((b[5] & 0xff) << 16) | ((b[6] & 0xff) << 8) | (b[7] & 0xff);
    }

    /** Header bytes of {@link #writeHeaderWithLevel}. */
    public static final int HEADER_WITH_LEVEL = HEADER + 8;

    /**
     * A header with one one-byte header extension (RFC 8285): the audio level (RFC 6464) of the
     * frame, {@code -dBov} from 0 to 127, with the voice bit. Returns the header's length.
     */
    public static int writeHeaderWithLevel(byte[] b, int pt, int seq, int ts, int ssrc, int extId, double dbov) {
        writeHeader(b, pt, false, seq, ts, ssrc);
        b[0] = (byte) 0x90; // X: an extension follows
        b[12] = (byte) 0xbe;
        b[13] = (byte) 0xde;
        b[14] = 0;
        b[15] = 1; // one 32-bit word of extensions
        int level = (int) Math.max(0, Math.min(127, Math.round(-dbov)));
        b[16] = (byte) (extId << 4); // length field 0: one byte of data
        b[17] = (byte) ((level < 127 ? 0x80 : 0) | level);
        b[18] = 0;
        b[19] = 0;
        return HEADER_WITH_LEVEL;
    }

    public static void writeHeader(byte[] b, int pt, boolean marker, int seq, int ts, int ssrc) {
        b[0] = (byte) 0x80;
        b[1] = (byte) ((marker ? 0x80 : 0) | pt);
        b[2] = (byte) (seq >> 8);
        b[3] = (byte) seq;
        b[4] = (byte) (ts >> 24);
        b[5] = (byte) (ts >> 16);
        b[6] = (byte) (ts >> 8);
        b[7] = (byte) ts;
        b[8] = (byte) (ssrc >> 24);
        b[9] = (byte) (ssrc >> 16);
        b[10] = (byte) (ssrc >> 8);
        b[11] = (byte) ssrc;
    }
}
