package parley.media.srtp;


/** Plain RTP and RTCP packets for tests, with recognisable contents. */
final class Packets {
    private Packets() {}

    /** An RTP packet: V=2, PT 96, the given CSRC count, an extension of that many words if > 0. */
    static byte[] rtp(int ssrc, int seq, int csrcCount, int extensionWords, int payloadLength) {
        int extensionLength = extensionWords > 0 ? 4 + extensionWords * 4 : 0;
        int headerLength = 12 + csrcCount * 4 + extensionLength;
        byte[] p = new byte[headerLength + payloadLength];
        p[0] = (byte) (0x80 | (extensionWords > 0 ? 0x10 : 0) | csrcCount);
        p[1] = 96;
        Bytes.putInt(p, 0, Bytes.getInt(p, 0) | seq & 0xffff);
        Bytes.putInt(p, 4, 0x01020304); // timestamp
        Bytes.putInt(p, 8, ssrc);
        for (int i = 0; i < csrcCount; i++) {
            Bytes.putInt(p, 12 + i * 4, 0xC0000000 + i);
        }
        if (extensionWords > 0) {
            int x = 12 + csrcCount * 4;
            Bytes.putInt(p, x, 0xBEDE0000 | extensionWords); // RFC 8285 one-byte profile
            for (int i = 0; i < extensionWords * 4; i++) {
                p[x + 4 + i] = (byte) (0x10 + i);
            }
        }
        for (int i = headerLength; i < p.length; i++) {
            p[i] = (byte) (i * 7 + seq);
        }
        return p;
    }

    /** An RTCP receiver report of the given total length (a multiple of 4, at least 8). */
    static byte[] rtcp(int ssrc, int length) {
        byte[] p = new byte[length];
        p[0] = (byte) 0x81;
        p[1] = (byte) 201;
        p[2] = (byte) ((length / 4 - 1) >> 8);
        p[3] = (byte) (length / 4 - 1);
        Bytes.putInt(p, 4, ssrc);
        for (int i = 8; i < length; i++) {
            p[i] = (byte) (0x40 + i);
        }
        return p;
    }
}
