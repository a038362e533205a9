package parley.app;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** This machine's name and addresses, for defaults (--public-ip, certificate names, the start line). */
final class HostAddresses {
    private HostAddresses() {}

    /**
     * The addresses of every interface that is up, without link-local and multicast ones
     * (useless as ICE candidates), loopback last so that a local browser can always connect.
     */
    static List<InetAddress> interfaceAddresses() {
        List<InetAddress> found = new ArrayList<>();
        List<InetAddress> loopback = new ArrayList<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp()) continue;
                for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                    if (a.isLinkLocalAddress() || a.isMulticastAddress()) continue;
                    (a.isLoopbackAddress() ? loopback : found).add(a);
                }
            }
        } catch (SocketException e) {
            // No interface list: loopback below still lets a local browser in.
        }
        if (loopback.isEmpty()) loopback.add(InetAddress.getLoopbackAddress());
        found.addAll(loopback);
        return List.copyOf(found);
    }

    /** This machine's host name, unless it is unknown or just "localhost". */
    static Optional<String> hostName() {
        try {
            String name = InetAddress.getLocalHost().getHostName();
            if (name == null || name.isBlank() || name.equalsIgnoreCase("localhost")) return Optional.empty();
            return Optional.of(name);
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
