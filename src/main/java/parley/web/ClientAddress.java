package parley.web;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * The key that per-address limits count by: an IPv4 address as it is, an IPv6 address by
 * its /64 (one home or phone gets a whole /64, so counting single IPv6 addresses would
 * count nothing). Never logged.
 */
final class ClientAddress {
    private static final int IPV6_PREFIX_BYTES = 8;

    private ClientAddress() {}

    /** The key of a socket's peer, or "" when it has no IP address (tests' local connectors). */
    static String of(SocketAddress address) {
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) return of(inet.getAddress());
        return "";
    }

    static String of(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length == 4) return address.getHostAddress();
        try {
            byte[] prefix = Arrays.copyOf(Arrays.copyOf(bytes, IPV6_PREFIX_BYTES), 16);
            return InetAddress.getByAddress(prefix).getHostAddress() + "/64";
        } catch (UnknownHostException e) {
            throw new IllegalStateException("16 bytes are an IPv6 address", e);
        }
    }

    /** The key of a textual address (Jetty's remote address of a request), or the text itself if it is no address. */
    static String of(String address) {
        if (address == null) return "";
        String a = address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1) : address;
        if (!a.matches("[0-9a-fA-F:.]+")) return a;
        try {
            return of(InetAddress.getByName(a)); // a literal: no lookup happens
        } catch (UnknownHostException e) {
            return a;
        }
    }
}
