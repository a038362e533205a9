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

    /** A UDP port free on all addresses. */
    public static int udp() {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(0))) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new E2eException("no free UDP port", e);
        }
    }
}
