package parley.media.ice;

import static parley.media.ice.StunMessage.ATTRIBUTE_HEADER_LENGTH;
import static parley.media.ice.StunMessage.HEADER_LENGTH;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * Builds one STUN message (layout in {@link StunMessage}): the header, the attributes in the order
 * added, then optionally MESSAGE-INTEGRITY (HMAC-SHA1) and FINGERPRINT (CRC-32 XOR 0x5354554e),
 * computed as RFC 8489 §14.5 and §14.7 say. Not thread-safe: one writer per message.
 */
public final class StunWriter {
    private static final int INTEGRITY_ATTRIBUTE_LENGTH = ATTRIBUTE_HEADER_LENGTH + StunAttribute.MESSAGE_INTEGRITY_LENGTH;
    private static final int FINGERPRINT_ATTRIBUTE_LENGTH = ATTRIBUTE_HEADER_LENGTH + StunAttribute.FINGERPRINT_LENGTH;

    /** Header, then the attributes added so far, padded; the header's length field is set on write. */
    private byte[] buf = new byte[128];
    private int length = HEADER_LENGTH;

    /**
     * @param type a 14-bit message type such as {@link StunMessage#BINDING_SUCCESS_RESPONSE}
     * @param transactionId 12 bytes, copied
     */
    public StunWriter(int type, byte[] transactionId) {
        if (type < 0 || type > 0x3FFF) {
            throw new IllegalArgumentException("STUN message type 0x" + Integer.toHexString(type) + " (expected: 0-0x3fff)");
        }
        if (transactionId.length != StunMessage.TRANSACTION_ID_LENGTH) {
            throw new IllegalArgumentException("STUN transaction id of " + transactionId.length + " bytes (expected: 12)");
        }
        writeShort(buf, StunMessage.TYPE_OFFSET, type);
        writeShort(buf, StunMessage.COOKIE_OFFSET, StunMessage.MAGIC_COOKIE >>> 16);
        writeShort(buf, StunMessage.COOKIE_OFFSET + 2, StunMessage.MAGIC_COOKIE);
        System.arraycopy(transactionId, 0, buf, StunMessage.TRANSACTION_ID_OFFSET, transactionId.length);
    }

    public StunWriter username(String username) {
        return text(StunAttribute.USERNAME, username, StunAttribute.MAX_USERNAME_LENGTH);
    }

    public StunWriter software(String software) {
        return text(StunAttribute.SOFTWARE, software, StunAttribute.MAX_TEXT_LENGTH);
    }

    /** PRIORITY, an unsigned 32-bit value. */
    public StunWriter priority(long priority) {
        if (priority < 0 || priority > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("ICE priority " + priority + " (expected: 0-4294967295)");
        }
        int at = begin(StunAttribute.PRIORITY, 4);
        writeShort(buf, at, (int) (priority >>> 16));
        writeShort(buf, at + 2, (int) priority);
        return this;
    }

    public StunWriter useCandidate() {
        begin(StunAttribute.USE_CANDIDATE, 0);
        return this;
    }

    public StunWriter iceControlling(long tieBreaker) {
        return longValue(StunAttribute.ICE_CONTROLLING, tieBreaker);
    }

    public StunWriter iceControlled(long tieBreaker) {
        return longValue(StunAttribute.ICE_CONTROLLED, tieBreaker);
    }

    /** XOR-MAPPED-ADDRESS of a resolved IPv4 or IPv6 address. */
    public StunWriter xorMappedAddress(InetSocketAddress address) {
        int at = begin(StunAttribute.XOR_MAPPED_ADDRESS, XorAddress.valueLength(address));
        XorAddress.write(address, buf, 0, at);
        return this;
    }

    public StunWriter errorCode(StunErrorCode error) {
        byte[] reason = error.reason().getBytes(StandardCharsets.UTF_8);
        if (reason.length > StunAttribute.MAX_TEXT_LENGTH) {
            throw new IllegalArgumentException("STUN error reason of " + reason.length + " bytes (expected: at most 763)");
        }
        int at = begin(StunAttribute.ERROR_CODE, StunErrorCode.REASON_OFFSET + reason.length);
        buf[at + StunErrorCode.CLASS_OFFSET] = (byte) (error.code() / 100);
        buf[at + StunErrorCode.NUMBER_OFFSET] = (byte) (error.code() % 100);
        System.arraycopy(reason, 0, buf, at + StunErrorCode.REASON_OFFSET, reason.length);
        return this;
    }

    /** Any attribute with an opaque value (REALM, NONCE, ...). */
    public StunWriter attribute(int type, byte[] value) {
        if (type < 0 || type > 0xFFFF) {
            throw new IllegalArgumentException("STUN attribute type " + type + " (expected: 0-65535)");
        }
        int at = begin(type, value.length);
        System.arraycopy(value, 0, buf, at, value.length);
        return this;
    }

    /** The size in bytes that {@link #write} will produce. */
    public int size(boolean integrity, boolean fingerprint) {
        return length + (integrity ? INTEGRITY_ATTRIBUTE_LENGTH : 0) + (fingerprint ? FINGERPRINT_ATTRIBUTE_LENGTH : 0);
    }

    /**
     * Writes the message at {@code dst[off]}.
     *
     * @param integrityKey the MESSAGE-INTEGRITY key (the password bytes for short-term credentials),
     *     or null for none
     * @return the number of bytes written, {@link #size}
     */
    public int write(byte[] dst, int off, byte[] integrityKey, boolean fingerprint) {
        int total = size(integrityKey != null, fingerprint);
        Objects.checkFromIndexSize(off, total, dst.length);
        System.arraycopy(buf, 0, dst, off, length);
        writeShort(dst, off + StunMessage.LENGTH_OFFSET, total - HEADER_LENGTH);
        int at = off + length;
        if (integrityKey != null) {
            byte[] hmac = StunIntegrity.hmacSha1(integrityKey, dst, off, at - off);
            writeShort(dst, at, StunAttribute.MESSAGE_INTEGRITY);
            writeShort(dst, at + 2, hmac.length);
            System.arraycopy(hmac, 0, dst, at + ATTRIBUTE_HEADER_LENGTH, hmac.length);
            at += INTEGRITY_ATTRIBUTE_LENGTH;
        }
        if (fingerprint) {
            int crc = StunIntegrity.fingerprint(dst, off, at - off);
            writeShort(dst, at, StunAttribute.FINGERPRINT);
            writeShort(dst, at + 2, StunAttribute.FINGERPRINT_LENGTH);
            writeShort(dst, at + 4, crc >>> 16);
            writeShort(dst, at + 6, crc);
        }
        return total;
    }

    /** The message as a new array; see {@link #write}. */
    public byte[] toBytes(byte[] integrityKey, boolean fingerprint) {
        byte[] out = new byte[size(integrityKey != null, fingerprint)];
        write(out, 0, integrityKey, fingerprint);
        return out;
    }

    private StunWriter text(int type, String text, int maxBytes) {
        byte[] value = text.getBytes(StandardCharsets.UTF_8);
        if (value.length > maxBytes) {
            throw new IllegalArgumentException("STUN attribute 0x" + Integer.toHexString(type) + " of "
                    + value.length + " bytes (expected: at most " + maxBytes + ")");
        }
        return attribute(type, value);
    }

    private StunWriter longValue(int type, long value) {
        int at = begin(type, 8);
        for (int i = 0; i < 8; i++) {
            buf[at + i] = (byte) (value >>> (56 - 8 * i));
        }
        return this;
    }

    /** Appends an attribute header and zeroed, padded room for the value; returns the value offset. */
    private int begin(int type, int valueLength) {
        int padded = StunAttribute.padded(valueLength);
        int needed = length + ATTRIBUTE_HEADER_LENGTH + padded;
        if (needed - HEADER_LENGTH + INTEGRITY_ATTRIBUTE_LENGTH + FINGERPRINT_ATTRIBUTE_LENGTH > 0xFFFF) {
            throw new IllegalArgumentException("STUN message would exceed 65535 bytes of attributes");
        }
        if (needed > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(needed, buf.length * 2));
        }
        writeShort(buf, length, type);
        writeShort(buf, length + 2, valueLength);
        int valueOff = length + ATTRIBUTE_HEADER_LENGTH;
        Arrays.fill(buf, valueOff, valueOff + padded, (byte) 0);
        length = needed;
        return valueOff;
    }

    private static void writeShort(byte[] b, int at, int value) {
        b[at] = (byte) (value >>> 8);
        b[at + 1] = (byte) value;
    }
}
