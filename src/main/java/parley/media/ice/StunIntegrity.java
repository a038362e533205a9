package parley.media.ice;

import java.security.GeneralSecurityException;
import java.util.zip.CRC32;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The two checksums of a STUN message: MESSAGE-INTEGRITY (RFC 8489 §14.5) and FINGERPRINT (§14.7).
 *
 * <p>Both are computed over the message up to the attribute that carries them, with the header's
 * length field set as if that attribute were the last one. Stateless and thread-safe.
 */
final class StunIntegrity {
    /** XORed into the CRC-32 so that FINGERPRINT tells STUN from other protocols that use CRC-32. */
    static final int FINGERPRINT_XOR = 0x5354554e;
    private static final String HMAC_SHA1 = "HmacSHA1";

    private StunIntegrity() {
    }

    /**
     * HMAC-SHA1 over {@code msg[off, off + attributeOffset)}, with the length field replaced by
     * {@code attributeOffset - HEADER_LENGTH + 24} (the message ending with MESSAGE-INTEGRITY).
     *
     * @param key the short-term password bytes, or the long-term MD5 key; must not be empty
     * @param attributeOffset offset of the MESSAGE-INTEGRITY attribute header from {@code off}
     */
    static byte[] hmacSha1(byte[] key, byte[] msg, int off, int attributeOffset) {
        int lengthWithIntegrity = attributeOffset - StunMessage.HEADER_LENGTH
                + 4 + StunAttribute.MESSAGE_INTEGRITY_LENGTH;
        try {
            Mac mac = Mac.getInstance(HMAC_SHA1);
            mac.init(new SecretKeySpec(key, HMAC_SHA1));
            mac.update(msg, off, StunMessage.LENGTH_OFFSET);
            mac.update((byte) (lengthWithIntegrity >>> 8));
            mac.update((byte) lengthWithIntegrity);
            mac.update(msg, off + StunMessage.COOKIE_OFFSET, attributeOffset - StunMessage.COOKIE_OFFSET);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            // Every Java SE runtime ships HmacSHA1; a missing one is a broken installation.
            throw new IllegalStateException("HmacSHA1 unavailable", e);
        }
    }

    /**
     * CRC-32 of {@code msg[off, off + attributeOffset)} XOR 0x5354554e. The caller makes sure the
     * length field already covers the FINGERPRINT attribute (it is always the last one).
     */
    static int fingerprint(byte[] msg, int off, int attributeOffset) {
        CRC32 crc = new CRC32();
        crc.update(msg, off, attributeOffset);
        return (int) crc.getValue() ^ FINGERPRINT_XOR;
    }
}
