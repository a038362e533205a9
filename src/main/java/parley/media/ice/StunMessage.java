package parley.media.ice;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A parsed, validated STUN message (RFC 8489 §5, §14). Immutable and thread-safe: parsing copies
 * the bytes.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |0 0|     STUN Message Type     |         Message Length        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                         Magic Cookie                          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                     Transaction ID (96 bits)                  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |         Type                  |            Length             |  one TLV per attribute,
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+  each padded to 4 bytes
 * |                         Value (variable)                ....
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>Only the first occurrence of an attribute counts; attributes after MESSAGE-INTEGRITY other
 * than FINGERPRINT are ignored (§14.5), and nothing may follow FINGERPRINT (§14.7). Unknown
 * attributes are kept but not interpreted.
 */
public final class StunMessage {
    public static final int HEADER_LENGTH = 20;
    public static final int MAGIC_COOKIE = 0x2112A442;
    public static final int TRANSACTION_ID_LENGTH = 12;

    public static final int BINDING_REQUEST = 0x0001;
    public static final int BINDING_INDICATION = 0x0011;
    public static final int BINDING_SUCCESS_RESPONSE = 0x0101;
    public static final int BINDING_ERROR_RESPONSE = 0x0111;

    static final int TYPE_OFFSET = 0;
    static final int LENGTH_OFFSET = 2;
    static final int COOKIE_OFFSET = 4;
    static final int TRANSACTION_ID_OFFSET = 8;
    static final int ATTRIBUTE_HEADER_LENGTH = 4;
    /** The class bits C1 (0x0100) and C0 (0x0010) interleaved in the message type; zero for a request. */
    private static final int CLASS_MASK = 0x0110;

    private final byte[] bytes;
    private final int attributeCount;
    private final int[] types;
    private final int[] valueOffsets;
    private final int[] valueLengths;
    /** Offset of the MESSAGE-INTEGRITY attribute header in {@link #bytes}, or -1. */
    private final int integrityOffset;
    private final boolean fingerprintPresent;
    private final boolean fingerprintValid;

    private StunMessage(byte[] bytes, AttributeIndex index) {
        this.bytes = bytes;
        this.attributeCount = index.count;
        this.types = index.types;
        this.valueOffsets = index.valueOffsets;
        this.valueLengths = index.valueLengths;
        this.integrityOffset = index.integrityOffset;
        this.fingerprintPresent = index.fingerprintOffset >= 0;
        this.fingerprintValid = fingerprintPresent
                && StunIntegrity.fingerprint(bytes, 0, index.fingerprintOffset)
                        == readInt(bytes, index.fingerprintOffset + ATTRIBUTE_HEADER_LENGTH);
    }

    /**
     * Parses and validates one STUN message that fills {@code buf[off, off + len)} exactly.
     *
     * @throws IndexOutOfBoundsException when the range is outside {@code buf} (a caller's bug)
     * @throws StunException when the header, an attribute's bounds or a known attribute's value is
     *     malformed
     */
    public static StunMessage parse(byte[] buf, int off, int len) throws StunException {
        Objects.checkFromIndexSize(off, len, buf.length);
        if (len < HEADER_LENGTH) {
            throw new StunException("STUN message of " + len + " bytes (expected: at least " + HEADER_LENGTH + ")");
        }
        if ((buf[off] & 0xC0) != 0) {
            throw new StunException("STUN first byte 0x" + Integer.toHexString(buf[off] & 0xFF)
                    + " (expected: top two bits zero)");
        }
        int cookie = readInt(buf, off + COOKIE_OFFSET);
        if (cookie != MAGIC_COOKIE) {
            throw new StunException("STUN magic cookie 0x" + Integer.toHexString(cookie) + " (expected: 0x2112a442)");
        }
        int length = readShort(buf, off + LENGTH_OFFSET);
        if ((length & 3) != 0) {
            throw new StunException("STUN length " + length + " (expected: multiple of 4)");
        }
        if (length != len - HEADER_LENGTH) {
            throw new StunException("STUN length " + length + " (expected: " + (len - HEADER_LENGTH)
                    + ", the datagram size minus the header)");
        }
        byte[] bytes = Arrays.copyOfRange(buf, off, off + len);
        return new StunMessage(bytes, AttributeIndex.of(bytes));
    }

    /**
     * Whether a datagram looks like STUN, for the demultiplexer (RFC 7983: first byte 0-3; at least
     * a header; the magic cookie). Cheap, no further validation; never throws for in-range input.
     */
    public static boolean isStun(byte[] b, int off, int len) {
        return len >= HEADER_LENGTH && off >= 0 && len <= b.length - off
                && (b[off] & 0xFF) <= 3 && readInt(b, off + COOKIE_OFFSET) == MAGIC_COOKIE;
    }

    /**
     * The part of USERNAME before ':' (the receiver's ufrag in an ICE check), or null when the
     * datagram has no well-framed USERNAME with a ':'. For routing only, before any integrity check:
     * no full validation, never throws for in-range input.
     */
    public static String localUfrag(byte[] b, int off, int len) {
        if (!isStun(b, off, len)) {
            return null;
        }
        int end = off + Math.min(len, HEADER_LENGTH + readShort(b, off + LENGTH_OFFSET));
        int at = off + HEADER_LENGTH;
        while (at + ATTRIBUTE_HEADER_LENGTH <= end) {
            int type = readShort(b, at);
            int valueLength = readShort(b, at + 2);
            int value = at + ATTRIBUTE_HEADER_LENGTH;
            if (value + valueLength > end) {
                return null;
            }
            if (type == StunAttribute.USERNAME) {
                for (int i = value; i < value + valueLength; i++) {
                    if (b[i] == ':') {
                        return new String(b, value, i - value, StandardCharsets.UTF_8);
                    }
                }
                return null;
            }
            at = value + StunAttribute.padded(valueLength);
        }
        return null;
    }

    /** The 14-bit message type, e.g. {@link #BINDING_REQUEST}. */
    public int type() {
        return readShort(bytes, TYPE_OFFSET);
    }

    /** Whether this is a request of any method (class bits 00). */
    public boolean isRequest() {
        return (type() & CLASS_MASK) == 0;
    }

    /** A copy of the 12-byte transaction id. */
    public byte[] transactionId() {
        return Arrays.copyOfRange(bytes, TRANSACTION_ID_OFFSET, HEADER_LENGTH);
    }

    /** Size of the whole message in bytes, header included. */
    public int size() {
        return bytes.length;
    }

    /** Whether the attribute is present (and counts: see the class comment). */
    public boolean has(int attributeType) {
        return indexOf(attributeType) >= 0;
    }

    /** A copy of the attribute's value without padding, or null when absent. */
    public byte[] value(int attributeType) {
        int i = indexOf(attributeType);
        return i < 0 ? null : Arrays.copyOfRange(bytes, valueOffsets[i], valueOffsets[i] + valueLengths[i]);
    }

    /** USERNAME decoded as UTF-8, or null. */
    public String username() {
        return text(StunAttribute.USERNAME);
    }

    /** SOFTWARE decoded as UTF-8, or null. */
    public String software() {
        return text(StunAttribute.SOFTWARE);
    }

    /** PRIORITY as an unsigned 32-bit value. */
    public OptionalLong priority() {
        int i = indexOf(StunAttribute.PRIORITY);
        return i < 0 ? OptionalLong.empty() : OptionalLong.of(readInt(bytes, valueOffsets[i]) & 0xFFFFFFFFL);
    }

    public boolean useCandidate() {
        return has(StunAttribute.USE_CANDIDATE);
    }

    /** The tie-breaker of ICE-CONTROLLING. */
    public OptionalLong iceControlling() {
        return longValue(StunAttribute.ICE_CONTROLLING);
    }

    /** The tie-breaker of ICE-CONTROLLED. */
    public OptionalLong iceControlled() {
        return longValue(StunAttribute.ICE_CONTROLLED);
    }

    /** XOR-MAPPED-ADDRESS decoded, or null. */
    public InetSocketAddress xorMappedAddress() {
        int i = indexOf(StunAttribute.XOR_MAPPED_ADDRESS);
        return i < 0 ? null : XorAddress.read(bytes, 0, valueOffsets[i], valueLengths[i]);
    }

    /** ERROR-CODE decoded, or null. */
    public StunErrorCode errorCode() {
        int i = indexOf(StunAttribute.ERROR_CODE);
        if (i < 0) {
            return null;
        }
        int at = valueOffsets[i];
        int code = (bytes[at + StunErrorCode.CLASS_OFFSET] & 0x07) * 100 + (bytes[at + StunErrorCode.NUMBER_OFFSET] & 0xFF);
        String reason = new String(bytes, at + StunErrorCode.REASON_OFFSET,
                valueLengths[i] - StunErrorCode.REASON_OFFSET, StandardCharsets.UTF_8);
        return new StunErrorCode(code, reason);
    }

    /**
     * Whether MESSAGE-INTEGRITY is present and matches HMAC-SHA1 with this key (constant-time
     * compare). The key is the password bytes for short-term credentials (ICE), or
     * MD5(username ":" realm ":" password) for long-term ones.
     */
    public boolean hasValidIntegrity(byte[] key) {
        if (integrityOffset < 0) {
            return false;
        }
        byte[] expected = StunIntegrity.hmacSha1(key, bytes, 0, integrityOffset);
        byte[] actual = Arrays.copyOfRange(bytes, integrityOffset + ATTRIBUTE_HEADER_LENGTH,
                integrityOffset + ATTRIBUTE_HEADER_LENGTH + StunAttribute.MESSAGE_INTEGRITY_LENGTH);
        return MessageDigest.isEqual(expected, actual);
    }

    public boolean hasFingerprint() {
        return fingerprintPresent;
    }

    /** Whether FINGERPRINT is present and matches the CRC-32 of the message. */
    public boolean isFingerprintValid() {
        return fingerprintValid;
    }

    /** Whether the attribute is present with exactly these value bytes (not constant-time). */
    boolean valueEquals(int attributeType, byte[] expected) {
        int i = indexOf(attributeType);
        return i >= 0 && Arrays.equals(bytes, valueOffsets[i], valueOffsets[i] + valueLengths[i],
                expected, 0, expected.length);
    }

    private int indexOf(int attributeType) {
        for (int i = 0; i < attributeCount; i++) {
            if (types[i] == attributeType) {
                return i;
            }
        }
        return -1;
    }

    private String text(int attributeType) {
        int i = indexOf(attributeType);
        return i < 0 ? null : new String(bytes, valueOffsets[i], valueLengths[i], StandardCharsets.UTF_8);
    }

    private OptionalLong longValue(int attributeType) {
        int i = indexOf(attributeType);
        if (i < 0) {
            return OptionalLong.empty();
        }
        long high = readInt(bytes, valueOffsets[i]) & 0xFFFFFFFFL;
        long low = readInt(bytes, valueOffsets[i] + 4) & 0xFFFFFFFFL;
        return OptionalLong.of((high << 32) | low);
    }

    static int readShort(byte[] b, int at) {
        return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
    }

    static int readInt(byte[] b, int at) {
        return (readShort(b, at) << 16) | readShort(b, at + 2);
    }
}
