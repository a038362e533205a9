package parley.sdp;

import java.net.InetAddress;
import java.util.List;

/**
 * The server's side of an answer: its ICE-lite credentials for this client, its DTLS
 * certificate's fingerprint, and the host addresses of its UDP media port (and TCP media port).
 *
 * @param iceUfrag          4..256 ice-chars (RFC 8839)
 * @param icePwd            22..256 ice-chars
 * @param fingerprintSha256 SHA-256 of the DTLS certificate, hex bytes with colons
 * @param addresses         host candidates in order of preference (IPv4 or IPv6, not wildcard)
 * @param udpPort           the media port, 1..65535
 * @param tcpPort           the media TCP port for passive ICE-TCP candidates (RFC 6544), 1..65535, or 0: none
 * @param sessionId         o= session id, 0..2^63-1, the same for every answer to one client
 * @param sessionVersion    o= version, 0..2^63-1, one more for each new answer to that client
 */
public record ServerInfo(String iceUfrag, String icePwd, String fingerprintSha256, List<InetAddress> addresses,
                         int udpPort, int tcpPort, long sessionId, long sessionVersion) {
    public ServerInfo {
        if (!SdpTokens.isIceChars(iceUfrag, 4, 256)) throw new IllegalArgumentException("ice-ufrag (expected: 4..256 ice-chars)");
        if (!SdpTokens.isIceChars(icePwd, 22, 256)) throw new IllegalArgumentException("ice-pwd (expected: 22..256 ice-chars)");
        String problem = Fingerprint.problem("sha-256", fingerprintSha256);
        if (problem != null) throw new IllegalArgumentException(problem);
        addresses = List.copyOf(addresses);
        if (addresses.isEmpty()) throw new IllegalArgumentException("no host address (expected: at least one)");
        for (InetAddress a : addresses) {
            if (a.isAnyLocalAddress() || a.isMulticastAddress()) {
                throw new IllegalArgumentException("host candidate address is wildcard or multicast (expected: unicast)");
            }
        }
        if (udpPort < 1 || udpPort > 65535) throw new IllegalArgumentException("port " + udpPort + " (expected: 1..65535)");
        if (tcpPort < 0 || tcpPort > 65535) throw new IllegalArgumentException("TCP port " + tcpPort + " (expected: 1..65535, or 0 for none)");
        if (sessionId < 0 || sessionVersion < 0) throw new IllegalArgumentException("negative session id or version");
    }

    /** Without TCP candidates. */
    public ServerInfo(String iceUfrag, String icePwd, String fingerprintSha256, List<InetAddress> addresses,
                      int udpPort, long sessionId, long sessionVersion) {
        this(iceUfrag, icePwd, fingerprintSha256, addresses, udpPort, 0, sessionId, sessionVersion);
    }

    /** The fingerprint as a value. */
    public Fingerprint fingerprint() {
        return new Fingerprint("sha-256", fingerprintSha256);
    }
}
