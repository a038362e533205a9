package parley.media.srtp;

/**
 * The per-packet cryptography of one profile under one set of session keys: RTP keys (labels
 * 0-2) or RTCP keys (labels 3-5). Works on packets whose header the caller has already checked,
 * with the SSRC and the packet index the caller has already estimated; knows nothing of replay
 * or rollover. Not thread-safe: implementations keep scratch buffers.
 */
sealed interface PacketCrypto permits AesCmHmacCrypto, AesGcmCrypto {

    /** The crypto for the session keys derived from a master key and salt (RFC 3711 §4.3). */
    static PacketCrypto derive(SrtpProfile profile, byte[] masterKey, byte[] masterSalt, boolean forRtcp) {
        return switch (profile) {
            case AES_CM_128_HMAC_SHA1_80 -> AesCmHmacCrypto.derive(masterKey, masterSalt, forRtcp);
            case AEAD_AES_128_GCM -> AesGcmCrypto.derive(masterKey, masterSalt, forRtcp);
        };
    }

    /**
     * Encrypts the payload of the RTP packet buf[off, off+len), whose first headerLength bytes
     * stay clear, and writes the tag at off+len.
     */
    void protectRtp(byte[] buf, int off, int headerLength, int len, int ssrc, long index);

    /** Authenticates buf[off, off+len) against the tag that follows it, then decrypts the payload. */
    void unprotectRtp(byte[] buf, int off, int headerLength, int len, int ssrc, long index)
            throws SrtpException;

    /**
     * Encrypts buf[off+8, off+len) of an RTCP packet, appends the E flag with the SRTCP index and
     * the tag in this profile's order, and returns the SRTCP length.
     */
    int protectRtcp(byte[] buf, int off, int len, int ssrc, int index);

    /**
     * Authenticates the SRTCP packet buf[off, off+len), whose E flag and index the caller has read,
     * decrypts it when {@code encrypted}, and returns the RTCP length.
     */
    int unprotectRtcp(byte[] buf, int off, int len, int ssrc, int index, boolean encrypted)
            throws SrtpException;
}
