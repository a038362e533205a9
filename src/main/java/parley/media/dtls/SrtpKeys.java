package parley.media.dtls;

import java.util.Arrays;

/**
 * The SRTP master keys and salts of one DTLS-SRTP association (RFC 5764 §4.2), for the SRTP
 * protection profile the handshake chose. The arrays are copied in and out; {@link #toString}
 * shows no key material.
 *
 * @param profileId the SRTP protection profile, e.g. {@link #SRTP_AES128_CM_HMAC_SHA1_80}
 * @param clientWriteKey the master key the client encrypts with (and the server decrypts with)
 * @param clientWriteSalt the master salt that goes with {@code clientWriteKey}
 * @param serverWriteKey the master key the server encrypts with
 * @param serverWriteSalt the master salt that goes with {@code serverWriteKey}
 */
public record SrtpKeys(int profileId, byte[] clientWriteKey, byte[] clientWriteSalt,
        byte[] serverWriteKey, byte[] serverWriteSalt) {
    /** RFC 5764 §4.1.2: AES-128 counter mode, 80-bit HMAC-SHA1 tag; key 16, salt 14 bytes. */
    public static final int SRTP_AES128_CM_HMAC_SHA1_80 = 0x0001;
    /** RFC 5764 §4.1.2: as above with a 32-bit tag; key 16, salt 14 bytes. */
    public static final int SRTP_AES128_CM_HMAC_SHA1_32 = 0x0002;
    /** RFC 7714 §14.2: AES-128-GCM; key 16, salt 12 bytes. */
    public static final int SRTP_AEAD_AES_128_GCM = 0x0007;
    /** RFC 7714 §14.2: AES-256-GCM; key 32, salt 12 bytes. */
    public static final int SRTP_AEAD_AES_256_GCM = 0x0008;

    public SrtpKeys {
        int keyLength = keyLength(profileId);
        int saltLength = saltLength(profileId);
        checkLength("client key", clientWriteKey, keyLength);
        checkLength("client salt", clientWriteSalt, saltLength);
        checkLength("server key", serverWriteKey, keyLength);
        checkLength("server salt", serverWriteSalt, saltLength);
        clientWriteKey = clientWriteKey.clone();
        clientWriteSalt = clientWriteSalt.clone();
        serverWriteKey = serverWriteKey.clone();
        serverWriteSalt = serverWriteSalt.clone();
    }

    /** Whether this class knows the key and salt lengths of the profile. */
    public static boolean isSupported(int profileId) {
        return switch (profileId) {
            case SRTP_AES128_CM_HMAC_SHA1_80, SRTP_AES128_CM_HMAC_SHA1_32,
                    SRTP_AEAD_AES_128_GCM, SRTP_AEAD_AES_256_GCM -> true;
            default -> false;
        };
    }

    /** The master key length of a supported profile, in bytes. */
    public static int keyLength(int profileId) {
        checkSupported(profileId);
        return profileId == SRTP_AEAD_AES_256_GCM ? 32 : 16;
    }

    /** The master salt length of a supported profile, in bytes. */
    public static int saltLength(int profileId) {
        checkSupported(profileId);
        return profileId == SRTP_AEAD_AES_128_GCM || profileId == SRTP_AEAD_AES_256_GCM ? 12 : 14;
    }

    /**
     * Splits exported keying material laid out as RFC 5764 §4.2 says:
     * client_key | server_key | client_salt | server_salt.
     */
    static SrtpKeys fromKeyingMaterial(int profileId, byte[] material) {
        int key = keyLength(profileId);
        int salt = saltLength(profileId);
        if (material.length != 2 * (key + salt)) {
            throw new IllegalArgumentException("SRTP keying material of " + material.length
                    + " bytes (expected: " + 2 * (key + salt) + ")");
        }
        return new SrtpKeys(profileId,
                Arrays.copyOfRange(material, 0, key),
                Arrays.copyOfRange(material, 2 * key, 2 * key + salt),
                Arrays.copyOfRange(material, key, 2 * key),
                Arrays.copyOfRange(material, 2 * key + salt, 2 * (key + salt)));
    }

    @Override
    public byte[] clientWriteKey() {
        return clientWriteKey.clone();
    }

    @Override
    public byte[] clientWriteSalt() {
        return clientWriteSalt.clone();
    }

    @Override
    public byte[] serverWriteKey() {
        return serverWriteKey.clone();
    }

    @Override
    public byte[] serverWriteSalt() {
        return serverWriteSalt.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SrtpKeys k && k.profileId == profileId
                && Arrays.equals(k.clientWriteKey, clientWriteKey) && Arrays.equals(k.clientWriteSalt, clientWriteSalt)
                && Arrays.equals(k.serverWriteKey, serverWriteKey) && Arrays.equals(k.serverWriteSalt, serverWriteSalt);
    }

    @Override
    public int hashCode() {
        return profileId * 31 + Arrays.hashCode(clientWriteKey);
    }

    @Override
    public String toString() {
        return "SrtpKeys[profileId=0x" + Integer.toHexString(profileId) + "]";
    }

    private static void checkSupported(int profileId) {
        if (!isSupported(profileId)) {
            throw new IllegalArgumentException("SRTP protection profile 0x" + Integer.toHexString(profileId)
                    + " (expected: 0x0001, 0x0002, 0x0007 or 0x0008)");
        }
    }

    private static void checkLength(String name, byte[] value, int expected) {
        if (value.length != expected) {
            throw new IllegalArgumentException("SRTP " + name + " of " + value.length + " bytes (expected: " + expected + ")");
        }
    }
}
