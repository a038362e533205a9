package parley.media.srtp;

/**
 * AES_CM_128_HMAC_SHA1_80 (RFC 3711 §4.1.1, §4.2.1): AES-128 counter mode, HMAC-SHA1 truncated
 * to 80 bits.
 *
 * <pre>
 *   IV  = (k_s * 2^16) XOR (SSRC * 2^64) XOR (index * 2^16)         16 bytes
 *   SRTP   tag = HMAC(k_a, header || encrypted payload || ROC)[0..10)
 *   SRTCP  tag = HMAC(k_a, header || encrypted part || E|index)[0..10)
 *   SRTCP  wire order: RTCP header, encrypted part, E|index, tag
 * </pre>
 *
 * Not thread-safe.
 */
final class AesCmHmacCrypto implements PacketCrypto {
    static final int TAG_LENGTH = 10;
    static final int KEY_LENGTH = 16;
    static final int SALT_LENGTH = 14;
    static final int AUTH_KEY_LENGTH = 20;
    private static final int RTCP_HEADER_LENGTH = 8;
    private static final int INDEX_LENGTH = SrtpProfile.SRTCP_INDEX_LENGTH;
    private static final int E_FLAG = 0x80000000;

    private final AesCtr aes;
    private final byte[] salt;
    private final HmacSha1 hmac;
    private final byte[] iv = new byte[AesCtr.BLOCK_LENGTH];
    private final byte[] mac = new byte[HmacSha1.LENGTH];
    private final byte[] roc = new byte[4];

    AesCmHmacCrypto(byte[] sessionKey, byte[] sessionSalt, byte[] authKey) {
        this.aes = new AesCtr(sessionKey);
        this.salt = sessionSalt.clone();
        this.hmac = new HmacSha1(authKey);
    }

    static AesCmHmacCrypto derive(byte[] masterKey, byte[] masterSalt, boolean forRtcp) {
        int labels = forRtcp ? SrtpKdf.LABEL_RTCP_ENCRYPTION : SrtpKdf.LABEL_RTP_ENCRYPTION;
        return new AesCmHmacCrypto(
                SrtpKdf.derive(masterKey, masterSalt, labels, KEY_LENGTH),
                SrtpKdf.derive(masterKey, masterSalt, labels + 2, SALT_LENGTH),
                SrtpKdf.derive(masterKey, masterSalt, labels + 1, AUTH_KEY_LENGTH));
    }

    @Override
    public void protectRtp(byte[] buf, int off, int headerLength, int len, int ssrc, long index) {
        setIv(ssrc, index);
        aes.xor(iv, 0, buf, off + headerLength, len - headerLength);
        rtpMac(buf, off, len, index);
        System.arraycopy(mac, 0, buf, off + len, TAG_LENGTH);
    }

    @Override
    public void unprotectRtp(byte[] buf, int off, int headerLength, int len, int ssrc, long index)
            throws SrtpException {
        rtpMac(buf, off, len, index);
        if (!Bytes.equalsConstantTime(mac, 0, buf, off + len, TAG_LENGTH)) {
            throw new SrtpException("SRTP auth tag mismatch");
        }
        setIv(ssrc, index);
        aes.xor(iv, 0, buf, off + headerLength, len - headerLength);
    }

    @Override
    public int protectRtcp(byte[] buf, int off, int len, int ssrc, int index) {
        setIv(ssrc, index);
        aes.xor(iv, 0, buf, off + RTCP_HEADER_LENGTH, len - RTCP_HEADER_LENGTH);
        Bytes.putInt(buf, off + len, E_FLAG | index);
        int authenticated = len + INDEX_LENGTH;
        hmac.start();
        hmac.update(buf, off, authenticated);
        hmac.finish(mac, 0);
        System.arraycopy(mac, 0, buf, off + authenticated, TAG_LENGTH);
        return authenticated + TAG_LENGTH;
    }

    @Override
    public int unprotectRtcp(byte[] buf, int off, int len, int ssrc, int index, boolean encrypted)
            throws SrtpException {
        int authenticated = len - TAG_LENGTH;
        hmac.start();
        hmac.update(buf, off, authenticated);
        hmac.finish(mac, 0);
        if (!Bytes.equalsConstantTime(mac, 0, buf, off + authenticated, TAG_LENGTH)) {
            throw new SrtpException("SRTCP auth tag mismatch");
        }
        int rtcpLength = authenticated - INDEX_LENGTH;
        if (encrypted) {
            setIv(ssrc, index);
            aes.xor(iv, 0, buf, off + RTCP_HEADER_LENGTH, rtcpLength - RTCP_HEADER_LENGTH);
        }
        return rtcpLength;
    }

    /** HMAC over the packet as sent followed by the 32-bit rollover counter (RFC 3711 §4.2). */
    private void rtpMac(byte[] buf, int off, int len, long index) {
        Bytes.putInt(roc, 0, (int) (index >>> 16));
        hmac.start();
        hmac.update(buf, off, len);
        hmac.update(roc, 0, roc.length);
        hmac.finish(mac, 0);
    }

    private void setIv(int ssrc, long index) {
        System.arraycopy(salt, 0, iv, 0, SALT_LENGTH);
        iv[14] = 0;
        iv[15] = 0;
        Bytes.putInt(iv, 4, Bytes.getInt(iv, 4) ^ ssrc);
        // the 48-bit index goes to bytes 8..13: XOR it in as a long over bytes 6..13
        Bytes.putLong(iv, 6, Bytes.getLong(iv, 6) ^ (index & 0xFFFF_FFFF_FFFFL));
    }
}
