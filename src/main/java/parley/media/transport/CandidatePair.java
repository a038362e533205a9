package parley.media.transport;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A validated ICE candidate pair as the server sees it: the local socket a client's check
 * arrived on, and the client's address. Everything for the client leaves through that socket,
 * so that it comes from the address the client sent to (RFC 8445 §7.2.5.2.1).
 */
record CandidatePair(MediaSocket local, InetSocketAddress remote) {
    CandidatePair {
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(remote, "remote");
    }
}
