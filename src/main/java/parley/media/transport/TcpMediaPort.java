package parley.media.transport;

import java.io.IOException;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import parley.media.tcp.FrameDecoder;
import parley.media.tcp.FramingException;

/**
 * The media plane's TCP port: passive ICE-TCP host candidates (RFC 6544) for browsers that cannot
 * reach the UDP port. One listening socket on the media bind address (a wildcard socket answers
 * every address: a TCP reply always leaves from the address the connection was made to, so the
 * one-socket-per-address plan of UDP is not needed), on the media loop's selector: the loop reads
 * every connection, so received packets enter the demultiplexer exactly as datagrams do and the
 * per-packet state keeps its one owner.
 *
 * <p>A new connection is <em>pending</em> until its first frame, which must be a STUN Binding
 * request that the transport named by its USERNAME accepts (the ICE agent checks
 * MESSAGE-INTEGRITY, as on UDP). Anything else first (an unknown ufrag, a bad integrity, a frame
 * that is not STUN or is longer than a datagram), a connection that sends nothing valid within
 * {@link Limits#pendingTimeoutMs}, and the oldest pending connection when {@link Limits#maxPending}
 * are open, are closed and counted ({@link MediaCounters#tcpRejected}): idle connects cannot hold
 * descriptors for long, and one that is honest sends its check within a round trip.
 *
 * <p>Loop thread only, except {@link #open} and {@link #close()}.
 */
final class TcpMediaPort implements AutoCloseable {
    /**
     * Limits of the port.
     *
     * @param maxPending       connections open at once before their first valid check
     * @param pendingTimeoutMs how long a connection may stay pending
     * @param sendBufferBytes  the send buffer of each matched connection; about 1.5 s of a 720p camera
     * @param maxPerTransport  connections one transport may hold (a browser opens one per local
     *                         interface and server candidate)
     */
    record Limits(int maxPending, long pendingTimeoutMs, int sendBufferBytes, int maxPerTransport) {
        static final Limits DEFAULT = new Limits(64, 5_000, 256 * 1024, 8);
    }

    private static final int ACCEPTS_PER_WAKEUP = 32;

    private final ServerSocketChannel server;
    private final Demultiplexer demux;
    private final MediaCounters counters;
    private final ArrayDeque<TcpLink> pending = new ArrayDeque<>();
    private final List<TcpLink> open = new ArrayList<>();
    /** Decodes into the demultiplexer; one instance, so that reading allocates nothing. */
    private final FrameDecoder.Sink toDemux = this::onFrame;
    private Limits limits = Limits.DEFAULT;
    /** The connection being decoded and the time of its read, for {@link #toDemux}. */
    private TcpLink reading;
    private long readingNowMs;

    private TcpMediaPort(ServerSocketChannel server, Demultiplexer demux, MediaCounters counters) {
        this.server = server;
        this.demux = demux;
        this.counters = counters;
    }

    /**
     * Listens on {@code at} and registers with the loop's selector. With {@code anyPortIfTaken}
     * (the port follows an ephemeral UDP port), a taken port falls back to any free one.
     */
    static TcpMediaPort open(InetSocketAddress at, boolean anyPortIfTaken, Selector selector, Demultiplexer demux,
            MediaCounters counters) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open(at.getAddress() instanceof Inet6Address
                ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        try {
            server.setOption(StandardSocketOptions.SO_REUSEADDR, true); // restart while old connections linger in TIME_WAIT
            try {
                server.bind(at, 128);
            } catch (BindException e) {
                if (!anyPortIfTaken) throw e;
                server.bind(new InetSocketAddress(at.getAddress(), 0), 128);
            }
            server.configureBlocking(false);
            TcpMediaPort port = new TcpMediaPort(server, demux, counters);
            server.register(selector, SelectionKey.OP_ACCEPT, port);
            return port;
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    int localPort() {
        return server.socket().getLocalPort();
    }

    int sendBufferBytes() {
        return limits.sendBufferBytes();
    }

    /** Tests: other limits (loop thread, before connections arrive). */
    void setLimits(Limits limits) {
        this.limits = limits;
    }

    /** Connections open (pending and matched); tests. */
    int openCount() {
        return open.size();
    }

    /** The selector found the listening socket or a connection ready. */
    void onReady(SelectionKey key, long nowMs) {
        if (!key.isValid()) return;
        if (key.attachment() == this) accept(key.selector(), nowMs);
        else read((TcpLink) key.attachment(), nowMs);
    }

    private void accept(Selector selector, long nowMs) {
        for (int i = 0; i < ACCEPTS_PER_WAKEUP; i++) {
            SocketChannel channel;
            try {
                channel = server.accept();
            } catch (IOException e) {
                // Out of descriptors, or the client gave up: nothing to do but count it.
                counters.tcpRejected.increment();
                return;
            }
            if (channel == null) return;
            if (pending.size() >= limits.maxPending()) {
                counters.tcpRejected.increment();
                pending.peekFirst().close(); // the oldest: an honest client has sent its check by now
            }
            try {
                channel.configureBlocking(false);
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true); // media frames, not a byte stream
                TcpLink link = new TcpLink(this, channel, (InetSocketAddress) channel.getRemoteAddress(), nowMs);
                link.setKey(channel.register(selector, SelectionKey.OP_READ, link));
                pending.addLast(link);
                open.add(link);
                counters.tcpAccepted.increment();
            } catch (IOException | RuntimeException e) {
                counters.tcpRejected.increment();
                closeQuietly(channel);
            }
        }
    }

    private void read(TcpLink link, long nowMs) {
        int n;
        try {
            n = link.channel().read(link.decoder().readBuffer());
        } catch (IOException e) {
            n = -1;
        }
        if (n < 0) {
            if (link.transport() == null) counters.tcpRejected.increment();
            link.close(); // the browser closed it (mid-frame or not: an unfinished frame is lost, like a datagram)
            return;
        }
        reading = link;
        readingNowMs = nowMs;
        try {
            link.decoder().decode(toDemux);
        } catch (FramingException e) {
            counters.tcpRejected.increment();
            link.close();
        } finally {
            reading = null;
        }
    }

    /** One frame of {@link #reading}; false stops decoding because the connection was closed. */
    private boolean onFrame(byte[] buf, int off, int len) {
        TcpLink link = reading;
        if (link.isClosed()) return false;
        if (demux.onTcpFrame(buf, off, len, link, readingNowMs)) return !link.isClosed();
        counters.tcpRejected.increment();
        link.close();
        return false;
    }

    /** Loop thread: a pending connection passed its first check (see {@link TcpLink#attach}). */
    void matched(TcpLink link) {
        pending.remove(link);
    }

    /** Whether {@code t} may take one more connection. */
    boolean mayMatch(int connectionsOfTransport) {
        return connectionsOfTransport < limits.maxPerTransport();
    }

    /** Loop thread, each tick: closes connections pending for longer than the limit. */
    void tick(long nowMs) {
        for (Iterator<TcpLink> it = pending.iterator(); it.hasNext(); ) {
            TcpLink link = it.next();
            if (nowMs - link.acceptedMs() < limits.pendingTimeoutMs()) return; // the rest are younger
            it.remove();
            counters.tcpRejected.increment();
            link.close();
        }
    }

    /** Loop thread: closes one connection and tells its transport (idempotent). */
    void close(TcpLink link) {
        if (link.isClosed()) return;
        link.markClosed();
        if (link.key() != null) link.key().cancel();
        closeQuietly(link.channel());
        pending.remove(link);
        open.remove(link);
        if (link.transport() != null) link.transport().forgetTcp(link);
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // Closing is all we wanted.
        }
    }

    /** Closes the listening socket and every connection (the loop has stopped, or never ran). */
    @Override
    public void close() {
        for (TcpLink link : List.copyOf(open)) {
            link.markClosed();
            closeQuietly(link.channel());
        }
        open.clear();
        pending.clear();
        try {
            server.close();
        } catch (IOException e) {
            // The port is being given up anyway.
        }
    }
}
