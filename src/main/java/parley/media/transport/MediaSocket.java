package parley.media.transport;

import java.io.IOException;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One socket of the media port: a non-blocking channel bound to one local address (or the
 * wildcard). After opening, only the media loop thread uses it.
 *
 * @param localAddress the bound address and port; datagrams sent through this socket come from it
 *                     (unless it is a wildcard, when the kernel picks the source)
 * @param fd           the channel's file descriptor for {@link BatchedDatagramIo}, or -1 where
 *                     batched UDP is unavailable
 */
record MediaSocket(DatagramChannel channel, InetSocketAddress localAddress, int fd) {
    /** Socket buffers: a burst of a keyframe to many receivers must not overflow them. */
    private static final int BUFFER_BYTES = 4 << 20;
    /** Tries of a port-0 plan: the kernel's free port on the first address may be taken on another. */
    private static final int EPHEMERAL_ATTEMPTS = 5;

    MediaSocket {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(localAddress, "localAddress");
    }

    /**
     * Opens and binds one socket per planned address, all on {@code port} (0: one free port for
     * all). Throws, with every socket closed, when one address cannot be bound.
     */
    static List<MediaSocket> openAll(SocketPlan plan, int port) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                return tryOpenAll(plan, port);
            } catch (BindException e) {
                if (port != 0 || attempt == EPHEMERAL_ATTEMPTS) throw e;
            }
        }
    }

    private static List<MediaSocket> tryOpenAll(SocketPlan plan, int port) throws IOException {
        int p = plan.reuseAddress() ? probe(plan.addresses().getFirst(), port) : port;
        List<MediaSocket> opened = new ArrayList<>();
        try {
            for (InetAddress a : plan.addresses()) {
                MediaSocket s = open(new InetSocketAddress(a, p), plan.reuseAddress());
                opened.add(s);
                p = s.localAddress().getPort();
            }
            return List.copyOf(opened);
        } catch (IOException | RuntimeException e) {
            closeAll(opened);
            throw e;
        }
    }

    /**
     * With SO_REUSEADDR the binds succeed even when another program holds the port with it too;
     * a bind of the wildcard without it fails when anything holds the port, as a lone socket's
     * bind would. Returns the port (the kernel's choice for 0). UDP frees a port at close.
     */
    private static int probe(InetAddress wildcard, int port) throws IOException {
        try (DatagramChannel probe = DatagramChannel.open(family(wildcard))) {
            probe.bind(new InetSocketAddress(wildcard, port));
            return ((InetSocketAddress) probe.getLocalAddress()).getPort();
        }
    }

    private static MediaSocket open(InetSocketAddress at, boolean reuseAddress) throws IOException {
        DatagramChannel channel = DatagramChannel.open(family(at.getAddress()));
        try {
            channel.setOption(StandardSocketOptions.SO_RCVBUF, BUFFER_BYTES);
            channel.setOption(StandardSocketOptions.SO_SNDBUF, BUFFER_BYTES);
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, reuseAddress);
            channel.bind(at);
            channel.configureBlocking(false);
            int fd = LinuxUdp.unavailableReason() == null ? LinuxUdp.fd(channel) : -1;
            return new MediaSocket(channel, (InetSocketAddress) channel.getLocalAddress(), fd);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** IPv6 sockets for IPv6 addresses (:: is dual-stack), IPv4 sockets for the rest. */
    private static ProtocolFamily family(InetAddress a) {
        return a instanceof Inet6Address ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET;
    }

    /** Closes every socket, ignoring errors (the port is being given up anyway). */
    static void closeAll(List<MediaSocket> sockets) {
        for (MediaSocket s : sockets) {
            try {
                s.channel().close();
            } catch (IOException e) {
                // Nothing left to do with a socket that will not close.
            }
        }
    }
}
