package parley.sfu;

import java.net.InetAddress;
import java.security.SecureRandom;
import java.util.List;
import parley.media.dtls.DtlsCertificate;
import parley.media.ice.IceCredentials;

/**
 * What the server says about itself in every answer: its DTLS certificate, the addresses
 * it advertises as ICE host candidates, its UDP media port and its media TCP port (0: none).
 * Immutable; the random source is thread-safe.
 */
public record ServerIdentity(DtlsCertificate certificate, List<InetAddress> addresses, int port, int tcpPort,
                             SecureRandom random) {
    public ServerIdentity {
        addresses = List.copyOf(addresses);
        if (addresses.isEmpty()) throw new IllegalArgumentException("no address to advertise");
        if (port <= 0 || port > 65535) throw new IllegalArgumentException("media port " + port + " (expected: 1..65535)");
        if (tcpPort < 0 || tcpPort > 65535) throw new IllegalArgumentException("media TCP port " + tcpPort + " (expected: 0..65535)");
    }

    /** Without a media TCP port. */
    public ServerIdentity(DtlsCertificate certificate, List<InetAddress> addresses, int port, SecureRandom random) {
        this(certificate, addresses, port, 0, random);
    }

    IceCredentials newIceCredentials() {
        return IceCredentials.random(random);
    }
}
