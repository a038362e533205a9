package parley.media.transport;

import java.net.InetAddress;
import java.util.List;

/**
 * How a {@link MediaLoop} is set up beyond its bind address.
 *
 * @param advertised the addresses announced as ICE host candidates
 * @param ioMode     batched system calls, plain NIO, or batched where available (--media-io)
 * @param threads    --media-threads: 1, the loop does everything; more, the loop receives and
 *                   forwards and {@code threads - 1} {@link Sealer sealers} encrypt and send
 * @param tcpPort    {@link MediaLoop#TCP_OFF}, {@link MediaLoop#TCP_SAME_AS_UDP} (when the UDP port was chosen by
 *                   the kernel and that number is taken on TCP, any free one), or a port number
 */
public record LoopOptions(List<InetAddress> advertised, DatagramIo.Mode ioMode, int threads, int tcpPort) {
    public LoopOptions {
        advertised = List.copyOf(advertised);
        if (threads < 1) throw new IllegalArgumentException("media threads " + threads + " (expected: at least 1)");
    }

    /** Nothing advertised, {@code auto} I/O, one thread, no TCP. */
    public static LoopOptions defaults() {
        return new LoopOptions(List.of(), DatagramIo.Mode.AUTO, 1, MediaLoop.TCP_OFF);
    }

    public LoopOptions advertising(List<InetAddress> addresses) {
        return new LoopOptions(addresses, ioMode, threads, tcpPort);
    }

    /** {@code mode} as --media-io spells it. */
    public LoopOptions io(String mode) {
        return new LoopOptions(advertised, DatagramIo.Mode.parse(mode), threads, tcpPort);
    }

    public LoopOptions threads(int count) {
        return new LoopOptions(advertised, ioMode, count, tcpPort);
    }

    public LoopOptions tcp(int port) {
        return new LoopOptions(advertised, ioMode, threads, port);
    }
}
