package parley.media.ice;

import java.util.Objects;

/**
 * The value of ERROR-CODE (RFC 8489 §14.8): a code 300-699 and a UTF-8 reason phrase.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |           Reserved, should be 0         |Class|     Number    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |      Reason Phrase (variable)                                ..
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record StunErrorCode(int code, String reason) {
    /** 487 Role Conflict (RFC 8445 §7.3.1.1): both agents claimed the same ICE role. */
    public static final StunErrorCode ROLE_CONFLICT = new StunErrorCode(487, "Role Conflict");

    static final int CLASS_OFFSET = 2;
    static final int NUMBER_OFFSET = 3;
    static final int REASON_OFFSET = 4;

    public StunErrorCode {
        if (code < 300 || code > 699) {
            throw new IllegalArgumentException("STUN error code " + code + " (expected: 300-699)");
        }
        Objects.requireNonNull(reason, "reason");
    }

    /** Whether a value of this length at {@code valueOff} has a class 3-6 and a number 0-99. */
    static boolean isWellFormed(byte[] msg, int valueOff, int valueLength) {
        if (valueLength < REASON_OFFSET || valueLength > REASON_OFFSET + StunAttribute.MAX_TEXT_LENGTH) {
            return false;
        }
        int errorClass = msg[valueOff + CLASS_OFFSET] & 0x07;
        int number = msg[valueOff + NUMBER_OFFSET] & 0xFF;
        return errorClass >= 3 && errorClass <= 6 && number <= 99;
    }
}
