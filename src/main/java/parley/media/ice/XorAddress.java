package parley.media.ice;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * The value of XOR-MAPPED-ADDRESS (RFC 8489 §14.2): the port XOR the top 16 bits of the magic
 * cookie, the address XOR the magic cookie (IPv4) or the cookie and transaction id (IPv6).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |0 0 0 0 0 0 0 0|    Family     |         X-Port                |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                X-Address (Variable, 32 or 128 bits)          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
final class XorAddress {
    static final int FAMILY_IPV4 = 0x01;
    static final int FAMILY_IPV6 = 0x02;
    static final int IPV4_VALUE_LENGTH = 8;
    static final int IPV6_VALUE_LENGTH = 20;
    private static final int FAMILY_OFFSET = 1;
    private static final int PORT_OFFSET = 2;
    private static final int ADDRESS_OFFSET = 4;

    private XorAddress() {
    }

    /** The value length for this address: 8 for IPv4, 20 for IPv6. */
    static int valueLength(InetSocketAddress address) {
        return resolved(address) instanceof Inet4Address ? IPV4_VALUE_LENGTH : IPV6_VALUE_LENGTH;
    }

    /** Whether a value of this length at {@code valueOff} is 8 bytes of IPv4 or 20 bytes of IPv6. */
    static boolean isWellFormed(byte[] msg, int valueOff, int valueLength) {
        if (valueLength != IPV4_VALUE_LENGTH && valueLength != IPV6_VALUE_LENGTH) {
            return false;
        }
        int family = msg[valueOff + FAMILY_OFFSET] & 0xFF;
        return (family == FAMILY_IPV4 && valueLength == IPV4_VALUE_LENGTH)
                || (family == FAMILY_IPV6 && valueLength == IPV6_VALUE_LENGTH);
    }

    /**
     * Writes the value at {@code msg[valueOff]}; the header of the same message, with its magic
     * cookie and transaction id, starts at {@code msgOff}.
     */
    static void write(InetSocketAddress address, byte[] msg, int msgOff, int valueOff) {
        byte[] ip = resolved(address).getAddress();
        int port = address.getPort() ^ (StunMessage.MAGIC_COOKIE >>> 16);
        msg[valueOff] = 0;
        msg[valueOff + FAMILY_OFFSET] = (byte) (ip.length == 4 ? FAMILY_IPV4 : FAMILY_IPV6);
        msg[valueOff + PORT_OFFSET] = (byte) (port >>> 8);
        msg[valueOff + PORT_OFFSET + 1] = (byte) port;
        for (int i = 0; i < ip.length; i++) {
            // The cookie and transaction id are contiguous from COOKIE_OFFSET: exactly the XOR pad.
            msg[valueOff + ADDRESS_OFFSET + i] = (byte) (ip[i] ^ msg[msgOff + StunMessage.COOKIE_OFFSET + i]);
        }
    }

    /** Reads a value that {@link #isWellFormed} accepted. */
    static InetSocketAddress read(byte[] msg, int msgOff, int valueOff, int valueLength) {
        byte[] ip = new byte[valueLength - ADDRESS_OFFSET];
        for (int i = 0; i < ip.length; i++) {
            ip[i] = (byte) (msg[valueOff + ADDRESS_OFFSET + i] ^ msg[msgOff + StunMessage.COOKIE_OFFSET + i]);
        }
        int xPort = ((msg[valueOff + PORT_OFFSET] & 0xFF) << 8) | (msg[valueOff + PORT_OFFSET + 1] & 0xFF);
        try {
            return new InetSocketAddress(InetAddress.getByAddress(ip), xPort ^ (StunMessage.MAGIC_COOKIE >>> 16));
        } catch (UnknownHostException e) {
            throw new AssertionError("4 or 16 address bytes are always valid", e);
        }
    }

    private static InetAddress resolved(InetSocketAddress address) {
        InetAddress ip = address.getAddress();
        if (ip == null || !(ip instanceof Inet4Address || ip instanceof Inet6Address)) {
            throw new IllegalArgumentException("XOR-MAPPED-ADDRESS needs a resolved IPv4 or IPv6 address");
        }
        return ip;
    }
}
