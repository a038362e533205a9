package parley.media.ice;

/**
 * STUN attribute types used by ICE (RFC 8489 §18.3, RFC 8445 §16.1).
 *
 * <p>Types 0x0000-0x7FFF are comprehension-required, 0x8000-0xFFFF comprehension-optional.
 */
public final class StunAttribute {
    public static final int USERNAME = 0x0006;
    public static final int MESSAGE_INTEGRITY = 0x0008;
    public static final int ERROR_CODE = 0x0009;
    public static final int REALM = 0x0014;
    public static final int NONCE = 0x0015;
    public static final int XOR_MAPPED_ADDRESS = 0x0020;
    public static final int PRIORITY = 0x0024;
    public static final int USE_CANDIDATE = 0x0025;
    public static final int SOFTWARE = 0x8022;
    public static final int FINGERPRINT = 0x8028;
    public static final int ICE_CONTROLLED = 0x8029;
    public static final int ICE_CONTROLLING = 0x802A;

    /** Length of the HMAC-SHA1 value of MESSAGE-INTEGRITY, in bytes. */
    public static final int MESSAGE_INTEGRITY_LENGTH = 20;
    /** Length of the CRC-32 value of FINGERPRINT, in bytes. */
    public static final int FINGERPRINT_LENGTH = 4;
    /** Longest USERNAME value, in bytes (RFC 8489 §14.3). */
    public static final int MAX_USERNAME_LENGTH = 513;
    /** Longest SOFTWARE or ERROR-CODE reason value, in bytes (RFC 8489 §14.8, §14.14). */
    public static final int MAX_TEXT_LENGTH = 763;

    private StunAttribute() {
    }

    /** The value length rounded up to the 4-byte boundary that the next attribute starts on. */
    static int padded(int valueLength) {
        return (valueLength + 3) & ~3;
    }
}
