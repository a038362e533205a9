package parley.media.transport;

import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import parley.media.tcp.FrameDecoder;
import parley.media.tcp.FrameSendBuffer;

/**
 * One ICE-TCP connection (RFC 6544) accepted on the media TCP port: the server's passive end of
 * a TCP candidate pair. Until its first frame, a valid ICE check, names its {@link Transport} it
 * is <em>pending</em>; then it belongs to that transport for good and carries STUN, DTLS and
 * SRTP in RFC 4571 frames, exactly what a datagram would carry on UDP.
 *
 * <p>Threads: the media loop reads it, decodes it and closes it. Exactly one <em>writer</em>
 * thread writes it: its transport's {@link Sealer} when the transport has one (so that packets
 * the sealer encrypts leave from the thread that encrypted them, as on UDP), else the loop. The
 * writer and the send buffer are set by the loop when the connection is matched, before the
 * first frame goes out, and handed to a sealer through its ring (which publishes them).
 */
final class TcpLink {
    private final TcpMediaPort port;
    private final SocketChannel channel;
    private final InetSocketAddress remote;
    private final long acceptedMs;
    private final FrameDecoder decoder = new FrameDecoder(MediaLoop.MAX_DATAGRAM);
    private SelectionKey key;
    private Transport transport;
    private TcpSends writer;
    private FrameSendBuffer out;
    /** Writer thread: whether the link is on its writer's list of links with bytes to write. */
    boolean queuedForWrite;
    private volatile boolean closed;

    TcpLink(TcpMediaPort port, SocketChannel channel, InetSocketAddress remote, long acceptedMs) {
        this.port = port;
        this.channel = channel;
        this.remote = remote;
        this.acceptedMs = acceptedMs;
    }

    TcpMediaPort port() {
        return port;
    }

    SocketChannel channel() {
        return channel;
    }

    /** The browser's end of the connection: the remote candidate (its port is ephemeral). */
    InetSocketAddress remote() {
        return remote;
    }

    long acceptedMs() {
        return acceptedMs;
    }

    FrameDecoder decoder() {
        return decoder;
    }

    void setKey(SelectionKey key) {
        this.key = key;
    }

    SelectionKey key() {
        return key;
    }

    /** The transport whose check this connection passed, or null while pending. Loop thread. */
    Transport transport() {
        return transport;
    }

    /**
     * Loop thread, once: the connection is {@code t}'s; {@code writer} sends its frames through a
     * send buffer of {@code sendBufferBytes}.
     */
    void attach(Transport t, TcpSends writer) {
        if (transport != null) throw new IllegalStateException("TCP connection already matched");
        this.transport = t;
        this.writer = writer;
        this.out = new FrameSendBuffer(port.sendBufferBytes());
        port.matched(this);
    }

    /** Writer thread: queues one frame (dropped and counted when the send buffer cannot take it whole). */
    void send(byte[] buf, int off, int len) {
        writer.send(this, buf, off, len);
    }

    /** Writer thread. */
    FrameSendBuffer out() {
        return out;
    }

    boolean isClosed() {
        return closed;
    }

    /** Loop thread: closes the socket (a writer that writes after this gets an error, counted). */
    void close() {
        port.close(this);
    }

    /** Called by the port when it closes the socket. */
    void markClosed() {
        closed = true;
    }
}
