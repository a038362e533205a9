package parley.e2e;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Free ports for servers under test. A port is free when asked; another process may take
 * it before the server binds it, which on a test machine is rare enough to accept.
 */
public final class FreePorts {
    private FreePorts() {}

    /** A TCP port free on all addresses. */
    public static int tcp() {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(false);
            s.bind(new InetSocketAddress(0));
            return s.getLocalPort();
        } catch (IOException e) {
            throw new E2eException("no free TCP port", e);
        }
    }

    /**
     * A UDP port free on all addresses whose number is free on TCP too: the server's media TCP
     * port (ICE-TCP) takes the media port's number by default.
     */
    public static int udp() {
        for (int attempt = 0; attempt < 20; attempt++) {
            try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(0));
                 ServerSocket t = new ServerSocket()) {
                t.setReuseAddress(false);
                t.bind(new InetSocketAddress(s.getLocalPort()));
                return s.getLocalPort();
            } catch (IOException e) {
                // that number is taken on TCP: another
            }
        }
        throw new E2eException("no port free on both UDP and TCP after 20 tries");
    }
}
