package parley.media.transport;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A validated ICE candidate pair as the server sees it: on UDP, the local socket a client's check
 * arrived on and the client's address (everything for the client leaves through that socket, so
 * that it comes from the address the client sent to, RFC 8445 §7.2.5.2.1); on TCP, the
 * connection the check arrived on (RFC 6544), whose far end is the client's address.
 *
 * @param local  the UDP socket, or null for a TCP pair (or in a test whose I/O ignores it)
 * @param remote the client's address (on TCP, the connection's far end)
 * @param tcp    the TCP connection, or null for a UDP pair
 */
record CandidatePair(MediaSocket local, InetSocketAddress remote, TcpLink tcp) {
    CandidatePair {
        Objects.requireNonNull(remote, "remote");
        if (local != null && tcp != null) {
            throw new IllegalArgumentException("candidate pair on a UDP socket and a TCP connection (expected: one)");
        }
    }

    /** A UDP pair. */
    CandidatePair(MediaSocket local, InetSocketAddress remote) {
        this(local, remote, null);
    }

    /** The pair of a TCP connection. */
    static CandidatePair over(TcpLink link) {
        return new CandidatePair(null, link.remote(), link);
    }
}
