package parley.media.srtp;

/**
 * AEAD_AES_128_GCM (RFC 7714): AES-128 GCM with a 16-byte tag, our own counter mode and GHASH
 * because the JDK's GCM cipher allocates on every {@code init} (about 1 KB per packet on JDK 25).
 *
 * <pre>
 *   IV = salt XOR (0x0000 || SSRC || ROC || SEQ)            RTP, §8.1     12 bytes
 *   IV = salt XOR (0x0000 || SSRC || 0x0000 || 0|index)     RTCP, §9.1    12 bytes
 *   J0 = IV || 0x00000001; payload keystream from inc32(J0); tag = E(K, J0) XOR GHASH
 *   SRTP   AAD = RTP header with CSRCs and extension (§8.2); wire: header, ciphertext, tag
 *   SRTCP  AAD = first 8 bytes || E|index (§9.2), or the whole RTCP packet || E|index when E = 0;
 *          wire: header, ciphertext, tag, E|index (§9.3)
 * </pre>
 *
 * Both IV forms are salt XOR (0x0000 || SSRC || 48-bit index), since an SRTCP index is 31 bits.
 * Not thread-safe.
 */
final class AesGcmCrypto implements PacketCrypto {
    static final int TAG_LENGTH = 16;
    static final int KEY_LENGTH = 16;
    static final int SALT_LENGTH = 12;
    private static final int RTCP_HEADER_LENGTH = 8;
    private static final int INDEX_LENGTH = SrtpProfile.SRTCP_INDEX_LENGTH;
    private static final int E_FLAG = 0x80000000;

    private final AesCtr aes;
    private final byte[] salt;
    private final Ghash ghash;
    private final byte[] j0 = new byte[AesCtr.BLOCK_LENGTH];
    private final byte[] tag = new byte[TAG_LENGTH];
    private final byte[] mask = new byte[TAG_LENGTH];

    AesGcmCrypto(byte[] sessionKey, byte[] sessionSalt) {
        this.aes = new AesCtr(sessionKey);
        this.salt = sessionSalt.clone();
        byte[] h = new byte[AesCtr.BLOCK_LENGTH];
        aes.xor(new byte[AesCtr.BLOCK_LENGTH], 0, h, 0, h.length);
        this.ghash = new Ghash(h);
    }

    static AesGcmCrypto derive(byte[] masterKey, byte[] masterSalt, boolean forRtcp) {
        int labels = forRtcp ? SrtpKdf.LABEL_RTCP_ENCRYPTION : SrtpKdf.LABEL_RTP_ENCRYPTION;
        return new AesGcmCrypto(
                SrtpKdf.derive(masterKey, masterSalt, labels, KEY_LENGTH),
                SrtpKdf.derive(masterKey, masterSalt, labels + 2, SALT_LENGTH));
    }

    @Override
    public void protectRtp(byte[] buf, int off, int headerLength, int len, int ssrc, long index) {
        setJ0(ssrc, index);
        aes.xor(j0, 1, buf, off + headerLength, len - headerLength);
        ghash.reset();
        ghash.update(buf, off, headerLength);
        computeTag(headerLength, buf, off + headerLength, len - headerLength);
        System.arraycopy(tag, 0, buf, off + len, TAG_LENGTH);
    }

    @Override
    public void unprotectRtp(byte[] buf, int off, int headerLength, int len, int ssrc, long index)
            throws SrtpException {
        setJ0(ssrc, index);
        ghash.reset();
        ghash.update(buf, off, headerLength);
        computeTag(headerLength, buf, off + headerLength, len - headerLength);
        if (!Bytes.equalsConstantTime(tag, 0, buf, off + len, TAG_LENGTH)) {
            throw new SrtpException("SRTP auth tag mismatch");
        }
        aes.xor(j0, 1, buf, off + headerLength, len - headerLength);
    }

    @Override
    public int protectRtcp(byte[] buf, int off, int len, int ssrc, int index) {
        setJ0(ssrc, index);
        aes.xor(j0, 1, buf, off + RTCP_HEADER_LENGTH, len - RTCP_HEADER_LENGTH);
        int indexOffset = off + len + TAG_LENGTH;
        Bytes.putInt(buf, indexOffset, E_FLAG | index);
        ghash.reset();
        ghash.update(buf, off, RTCP_HEADER_LENGTH);
        ghash.update(buf, indexOffset, INDEX_LENGTH);
        computeTag(RTCP_HEADER_LENGTH + INDEX_LENGTH, buf, off + RTCP_HEADER_LENGTH, len - RTCP_HEADER_LENGTH);
        System.arraycopy(tag, 0, buf, off + len, TAG_LENGTH);
        return len + TAG_LENGTH + INDEX_LENGTH;
    }

    @Override
    public int unprotectRtcp(byte[] buf, int off, int len, int ssrc, int index, boolean encrypted)
            throws SrtpException {
        int rtcpLength = len - TAG_LENGTH - INDEX_LENGTH;
        int clearLength = encrypted ? RTCP_HEADER_LENGTH : rtcpLength;
        setJ0(ssrc, index);
        ghash.reset();
        ghash.update(buf, off, clearLength);
        ghash.update(buf, off + len - INDEX_LENGTH, INDEX_LENGTH);
        computeTag(clearLength + INDEX_LENGTH, buf, off + clearLength, rtcpLength - clearLength);
        if (!Bytes.equalsConstantTime(tag, 0, buf, off + rtcpLength, TAG_LENGTH)) {
            throw new SrtpException("SRTCP auth tag mismatch");
        }
        aes.xor(j0, 1, buf, off + clearLength, rtcpLength - clearLength);
        return rtcpLength;
    }

    /** Ends the AAD already hashed, hashes the ciphertext and leaves E(K, J0) XOR GHASH in tag. */
    private void computeTag(int aadLength, byte[] buf, int textOff, int textLength) {
        ghash.padToBlock();
        ghash.update(buf, textOff, textLength);
        ghash.finish(aadLength, textLength, tag, 0);
        aes.encryptCounterBlock(j0, 0, mask, 0);
        for (int i = 0; i < TAG_LENGTH; i++) {
            tag[i] ^= mask[i];
        }
    }

    private void setJ0(int ssrc, long index) {
        System.arraycopy(salt, 0, j0, 0, SALT_LENGTH);
        Bytes.putInt(j0, 2, Bytes.getInt(j0, 2) ^ ssrc);
        // the 48-bit index goes to bytes 6..11: XOR it in as a long over bytes 4..11
        Bytes.putLong(j0, 4, Bytes.getLong(j0, 4) ^ (index & 0xFFFF_FFFF_FFFFL));
        Bytes.putInt(j0, 12, 1);
    }
}
