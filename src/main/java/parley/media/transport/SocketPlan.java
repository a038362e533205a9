package parley.media.transport;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which local addresses the media port binds, one socket each.
 *
 * <p>Why not one wildcard socket: a socket bound to 0.0.0.0 answers with the source address
 * the kernel's routing picks for the destination, not the address the request went to (a
 * check sent to 127.0.0.1 from 10.0.0.5 is answered from 10.0.0.5; on a multi-homed host the
 * same happens between interfaces). RFC 8445 §7.2.5.2.1 makes a check whose response comes
 * from another address fail, and strict agents (aioice) apply it. Java has no IP_PKTINFO to
 * choose the source per datagram, so a wildcard bind becomes one socket per advertised local
 * address, and a reply leaves through the socket its request arrived on.
 *
 * <p>An advertised address that is not local (a NAT's public address, given with --public-ip)
 * reaches this machine translated to some local address; a wildcard socket stays to receive
 * those, and the kernel's choice of source is then the right one. A wildcard and specific
 * addresses share a UDP port on Linux only when every socket sets SO_REUSEADDR; the most
 * specific socket receives, whatever the order of the binds. SO_REUSEADDR would also let
 * another process bind the same address and port, so it is set only when needed.
 *
 * @param addresses    the local addresses to bind, in order; a wildcard among them receives
 *                     what no specific socket takes
 * @param reuseAddress whether every socket sets SO_REUSEADDR (a wildcard and specific addresses share the port)
 */
record SocketPlan(List<InetAddress> addresses, boolean reuseAddress) {
    SocketPlan {
        addresses = List.copyOf(addresses);
        if (addresses.isEmpty()) throw new IllegalArgumentException("socket plan without addresses (expected: at least one)");
        if (reuseAddress && addresses.size() < 2) {
            throw new IllegalArgumentException("SO_REUSEADDR for " + addresses.size() + " socket (expected: only to share the port)");
        }
        if (reuseAddress && !addresses.getFirst().isAnyLocalAddress()) {
            throw new IllegalArgumentException("SO_REUSEADDR plan starting with a specific address (expected: the wildcard first)");
        }
    }

    /**
     * The sockets for a bind address and the advertised candidate addresses.
     *
     * @param bind       the configured --media-bind; a specific address gets one socket as before
     * @param advertised the ICE host candidate addresses; only those the wildcard would receive
     *                   (IPv4 for 0.0.0.0, both families for ::) count
     * @param isLocal    whether an address belongs to this machine ({@link #isLocalAddress} outside tests)
     */
    static SocketPlan of(InetAddress bind, List<InetAddress> advertised, Predicate<InetAddress> isLocal) {
        Objects.requireNonNull(bind, "bind");
        if (!bind.isAnyLocalAddress()) return new SocketPlan(List.of(bind), false);
        Set<InetAddress> local = new LinkedHashSet<>();
        boolean anyNonLocal = false;
        for (InetAddress a : advertised) {
            if (!reachableThrough(bind, a)) continue;
            if (!a.isAnyLocalAddress() && !a.isMulticastAddress() && isLocal.test(a)) local.add(a);
            else anyNonLocal = true;
        }
        if (local.isEmpty()) return new SocketPlan(List.of(bind), false);
        if (!anyNonLocal) return new SocketPlan(List.copyOf(local), false);
        List<InetAddress> withWildcard = new ArrayList<>();
        withWildcard.add(bind);
        withWildcard.addAll(local);
        return new SocketPlan(withWildcard, true);
    }

    /** Whether a socket bound to wildcard {@code bind} would receive datagrams sent to {@code a}. */
    private static boolean reachableThrough(InetAddress bind, InetAddress a) {
        return bind instanceof Inet6Address || a instanceof Inet4Address;
    }

    /** Whether {@code a} is an address of this machine: a loopback address or one of an interface. */
    static boolean isLocalAddress(InetAddress a) {
        if (a.isLoopbackAddress()) return true;
        try {
            return NetworkInterface.getByInetAddress(a) != null;
        } catch (SocketException e) {
            return false;
        }
    }

    /** Whether one of the sockets is a wildcard (the fallback for non-local advertised addresses). */
    boolean hasWildcard() {
        return addresses.stream().anyMatch(InetAddress::isAnyLocalAddress);
    }
}
