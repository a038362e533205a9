package parley.media.srtp;

/**
 * Session key derivation of RFC 3711 §4.3 with the AES-CM PRF (§4.3.3) and a key derivation rate
 * of 0, as DTLS-SRTP uses it (RFC 5764 §4.1.2). RFC 7714 §11 keeps it for GCM; the 12-byte master
 * salt is then zero-padded on the right to 14 bytes, as libsrtp does.
 *
 * <pre>
 *   x  = master_salt XOR (label || r), r = 0, label at byte 7 of the 14-byte salt
 *   session key material = AES-CM keystream under master_key with IV = x * 2^16
 * </pre>
 */
final class SrtpKdf {
    static final int LABEL_RTP_ENCRYPTION = 0x00;
    static final int LABEL_RTP_AUTHENTICATION = 0x01;
    static final int LABEL_RTP_SALT = 0x02;
    static final int LABEL_RTCP_ENCRYPTION = 0x03;
    static final int LABEL_RTCP_AUTHENTICATION = 0x04;
    static final int LABEL_RTCP_SALT = 0x05;

    private static final int LABEL_OFFSET = 7;
    private static final int MAX_SALT_LENGTH = 14;

    private SrtpKdf() {}

    /** The first {@code length} bytes of the PRF output for this label. */
    static byte[] derive(byte[] masterKey, byte[] masterSalt, int label, int length) {
        if (masterSalt.length > MAX_SALT_LENGTH) {
            throw new IllegalArgumentException("SRTP master salt length " + masterSalt.length
                    + " (expected: at most " + MAX_SALT_LENGTH + ")");
        }
        byte[] iv = new byte[AesCtr.BLOCK_LENGTH];
        System.arraycopy(masterSalt, 0, iv, 0, masterSalt.length);
        iv[LABEL_OFFSET] ^= (byte) label;
        byte[] out = new byte[length];
        new AesCtr(masterKey).xor(iv, 0, out, 0, length);
        return out;
    }
}
