package parley.media.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;

/**
 * How the media loop moves datagrams through its sockets: {@link BatchedDatagramIo} (Linux:
 * recvmmsg, sendmmsg and UDP segmentation offload, a few system calls per forwarding round) or
 * {@link NioDatagramIo} (portable: one NIO call per datagram). Loop thread only.
 */
interface DatagramIo extends AutoCloseable {
    /** Where received datagrams go; {@code buf} is reused after the call returns. */
    interface Sink {
        void onDatagram(byte[] buf, int off, int len, InetSocketAddress from, MediaSocket via);
    }

    /**
     * Receives what waits on {@code socket}, at most about {@code max} datagrams, handing each to
     * {@code sink}. Returns how many were received (oversized ones are counted malformed and skipped).
     */
    int receive(MediaSocket socket, int max, Sink sink) throws IOException;

    /**
     * Sends a datagram, now or at the next {@link #flush} (the bytes are copied before this returns).
     * Failures are counted, never thrown: one vanished client must not disturb the others.
     */
    void send(byte[] buf, int off, int len, MediaSocket via, InetSocketAddress to);

    /** Sends everything queued; the loop calls it after each round of work. */
    void flush();

    /** "batched" or "nio", for logs and tests. */
    String name();

    @Override
    void close();

    /** Which implementation: {@code auto} picks batched where it works. */
    enum Mode {
        AUTO, BATCHED, NIO;

        /** The --media-io value, or the default: the system property parley.mediaIo (tests), else auto. */
        static Mode parse(String s) {
            try {
                return valueOf(s.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("media io " + s + " (expected: auto, batched or nio)");
            }
        }

        static Mode fromSystemProperty() {
            String s = System.getProperty("parley.mediaIo");
            return s == null || s.isBlank() ? AUTO : parse(s);
        }
    }

    /**
     * Opens the I/O for {@code sockets}. {@link Mode#AUTO} falls back to NIO (and says why in
     * {@code fallbackReason}) where batched UDP is unavailable; {@link Mode#BATCHED} then throws.
     */
    static DatagramIo open(List<MediaSocket> sockets, Mode mode, MediaCounters counters, StringBuilder fallbackReason)
            throws IOException {
        if (mode == Mode.NIO) return new NioDatagramIo(counters);
        String why = LinuxUdp.unavailableReason();
        if (why == null) return new BatchedDatagramIo(sockets, counters);
        if (mode == Mode.BATCHED) throw new IOException("batched media I/O is unavailable: " + why);
        fallbackReason.append(why);
        return new NioDatagramIo(counters);
    }
}
