package parley.media.ice;

import static parley.media.ice.StunMessage.ATTRIBUTE_HEADER_LENGTH;
import static parley.media.ice.StunMessage.readShort;

import java.util.Arrays;

/**
 * The attribute walk of {@link StunMessage#parse}: bounds of every TLV, the value of every known
 * attribute, and the positions of MESSAGE-INTEGRITY and FINGERPRINT. Used once per parse by one
 * thread.
 */
final class AttributeIndex {
    int count;
    int[] types = new int[8];
    int[] valueOffsets = new int[8];
    int[] valueLengths = new int[8];
    /** Offset of the attribute header of MESSAGE-INTEGRITY, or -1. */
    int integrityOffset = -1;
    /** Offset of the attribute header of FINGERPRINT, or -1. */
    int fingerprintOffset = -1;

    private AttributeIndex() {
    }

    /** Walks the attributes of a message whose header was already checked; length is a multiple of 4. */
    static AttributeIndex of(byte[] msg) throws StunException {
        AttributeIndex index = new AttributeIndex();
        int at = StunMessage.HEADER_LENGTH;
        while (at < msg.length) {
            if (index.fingerprintOffset >= 0) {
                throw new StunException("STUN attribute at offset " + at + " after FINGERPRINT (expected: FINGERPRINT last)");
            }
            int type = readShort(msg, at);
            int length = readShort(msg, at + 2);
            int end = at + ATTRIBUTE_HEADER_LENGTH + StunAttribute.padded(length);
            if (end > msg.length) {
                throw new StunException("STUN attribute 0x" + Integer.toHexString(type) + " of " + length
                        + " bytes at offset " + at + " (expected: within the message of " + msg.length + " bytes)");
            }
            index.accept(msg, type, at, length);
            at = end;
        }
        return index;
    }

    private void accept(byte[] msg, int type, int at, int length) throws StunException {
        if (type == StunAttribute.FINGERPRINT) {
            checkLength(type, length, StunAttribute.FINGERPRINT_LENGTH);
            fingerprintOffset = at;
        } else if (integrityOffset >= 0) {
            return; // RFC 8489 §14.5: only FINGERPRINT may follow MESSAGE-INTEGRITY; others are ignored.
        } else {
            checkValue(msg, type, at + ATTRIBUTE_HEADER_LENGTH, length);
            if (type == StunAttribute.MESSAGE_INTEGRITY) {
                integrityOffset = at;
            }
        }
        add(type, at + ATTRIBUTE_HEADER_LENGTH, length);
    }

    private static void checkValue(byte[] msg, int type, int valueOff, int length) throws StunException {
        switch (type) {
            case StunAttribute.MESSAGE_INTEGRITY -> checkLength(type, length, StunAttribute.MESSAGE_INTEGRITY_LENGTH);
            case StunAttribute.PRIORITY -> checkLength(type, length, 4);
            case StunAttribute.USE_CANDIDATE -> checkLength(type, length, 0);
            case StunAttribute.ICE_CONTROLLED, StunAttribute.ICE_CONTROLLING -> checkLength(type, length, 8);
            case StunAttribute.USERNAME -> checkMaxLength(type, length, StunAttribute.MAX_USERNAME_LENGTH);
            case StunAttribute.SOFTWARE -> checkMaxLength(type, length, StunAttribute.MAX_TEXT_LENGTH);
            case StunAttribute.XOR_MAPPED_ADDRESS -> {
                if (!XorAddress.isWellFormed(msg, valueOff, length)) {
                    throw new StunException("STUN XOR-MAPPED-ADDRESS of " + length
                            + " bytes (expected: 8 bytes of family 1 or 20 bytes of family 2)");
                }
            }
            case StunAttribute.ERROR_CODE -> {
                if (!StunErrorCode.isWellFormed(msg, valueOff, length)) {
                    throw new StunException("STUN ERROR-CODE of " + length
                            + " bytes (expected: 4-767 bytes, class 3-6, number 0-99)");
                }
            }
            default -> {
                // Unknown or uninterpreted attribute: its bounds were checked, its value is opaque.
            }
        }
    }

    private static void checkLength(int type, int actual, int expected) throws StunException {
        if (actual != expected) {
            throw new StunException("STUN attribute 0x" + Integer.toHexString(type) + " of " + actual
                    + " bytes (expected: " + expected + ")");
        }
    }

    private static void checkMaxLength(int type, int actual, int max) throws StunException {
        if (actual > max) {
            throw new StunException("STUN attribute 0x" + Integer.toHexString(type) + " of " + actual
                    + " bytes (expected: at most " + max + ")");
        }
    }

    private void add(int type, int valueOff, int length) {
        if (count == types.length) {
            types = Arrays.copyOf(types, count * 2);
            valueOffsets = Arrays.copyOf(valueOffsets, count * 2);
            valueLengths = Arrays.copyOf(valueLengths, count * 2);
        }
        types[count] = type;
        valueOffsets[count] = valueOff;
        valueLengths[count] = length;
        count++;
    }
}
