package parley.sip;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * SIP over TCP (RFC 3261 section 18): a listener on the same port number as the UDP socket and
 * the trunks' connections, each framed by {@link StreamFramer}. A response goes back on the
 * connection its request came on (section 18.2.2), and so do Parley's own requests in a dialog
 * that began on it (a BYE), as long as it is open: connections are keyed by the trunk's address
 * and port. Limits: {@value #MAX_PER_ADDRESS} connections per address, {@value #MAX_CONNECTIONS}
 * in all, {@value #MAX_QUEUED_BYTES} bytes waiting to be written, {@value #IDLE_MS} ms without a
 * byte. A connection from an address not allowed is closed at once; bad framing gets a 400 or 513
 * when its headers can be read, then the connection is closed. Both are counted. SIP thread only.
 */
final class TcpLinks implements AutoCloseable {
    static final int MAX_PER_ADDRESS = 8, MAX_CONNECTIONS = 256, MAX_QUEUED_BYTES = 64 * 1024;
    static final long IDLE_MS = 10 * 60_000;
    private static final byte[] PONG = {'\r', '\n'};

    /** Where framed messages go: the same entry point as a datagram's. */
    interface Receiver {
        void receive(byte[] message, int len, InetSocketAddress from, long nowMs);

        /** Bad framing: answer what can be answered from these bytes (they are not a whole message). */
        void badFraming(SipException e, byte[] pending, InetSocketAddress from);
    }

    /** One trunk connection: its framer, bytes waiting to be written, and when it last spoke. */
    final class Link {
        final SocketChannel channel;
        final InetSocketAddress peer;
        final StreamFramer framer = new StreamFramer();
        final ArrayDeque<ByteBuffer> out = new ArrayDeque<>();
        int queued;
        long lastMs;

        Link(SocketChannel channel, InetSocketAddress peer, long nowMs) {
            this.channel = channel;
            this.peer = peer;
            this.lastMs = nowMs;
        }
    }

    private final ServerSocketChannel listener;
    private final Selector selector;
    private final TrunkAllowList allow;
    private final Receiver receiver;
    private final Map<InetSocketAddress, Link> links = new HashMap<>();
    private final Map<InetAddress, Integer> perAddress = new HashMap<>();
    private final byte[] chunk = new byte[4096];
    final AtomicLong forbidden = new AtomicLong(), refused = new AtomicLong(), badFraming = new AtomicLong();

    TcpLinks(InetSocketAddress bind, Selector selector, TrunkAllowList allow, Receiver receiver) throws IOException {
        this.selector = selector;
        this.allow = allow;
        this.receiver = receiver;
        this.listener = ServerSocketChannel.open();
        listener.setOption(java.net.StandardSocketOptions.SO_REUSEADDR, true); // a restart while old connections linger in TIME_WAIT
        try {
            listener.bind(bind, 64);
        } catch (IOException e) {
            listener.close();
            throw e;
        }
        listener.configureBlocking(false);
        listener.register(selector, SelectionKey.OP_ACCEPT, this);
    }

    int port() throws IOException {
        return ((InetSocketAddress) listener.getLocalAddress()).getPort();
    }

    int size() {
        return links.size();
    }

    /** The listener is ready: takes every waiting connection, within the limits. */
    void accept(long nowMs) throws IOException {
        for (SocketChannel c; (c = listener.accept()) != null; ) {
            InetSocketAddress peer = (InetSocketAddress) c.getRemoteAddress();
            if (!allow.allows(peer.getAddress())) {
                forbidden.incrementAndGet();
                c.close();
                continue;
            }
            if (links.size() >= MAX_CONNECTIONS || perAddress.getOrDefault(peer.getAddress(), 0) >= MAX_PER_ADDRESS) {
                refused.incrementAndGet();
                c.close();
                continue;
            }
            c.configureBlocking(false);
            c.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
            Link link = new Link(c, peer, nowMs);
            c.register(selector, SelectionKey.OP_READ, link);
            links.put(peer, link);
            perAddress.merge(peer.getAddress(), 1, Integer::sum);
        }
    }

    /** A connection is readable or writable. */
    void ready(SelectionKey key, Link link, long nowMs) {
        try {
            if (key.isValid() && key.isWritable()) flush(link);
            if (key.isValid() && key.isReadable()) read(link, nowMs);
        } catch (IOException e) {
            close(link);
        }
    }

    private void read(Link link, long nowMs) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(chunk);
        while (true) {
            b.clear().limit(Math.min(chunk.length, Math.max(1, link.framer.space())));
            int n = link.channel.read(b);
            if (n < 0) {
                close(link);
                return;
            }
            if (n == 0) return;
            link.lastMs = nowMs;
            if (n > link.framer.space()) {
                fail(link, new SipException(513, "message over " + SipParser.MAX_MESSAGE + " bytes"));
                return;
            }
            link.framer.append(chunk, 0, n);
            try {
                for (byte[] m; (m = link.framer.next()) != null; ) {
                    receiver.receive(m, m.length, link.peer, nowMs);
                    if (!link.channel.isOpen()) return;
                }
            } catch (SipException e) {
                fail(link, e);
                return;
            }
            for (int p = link.framer.takePings(); p > 0; p--) send(link, PONG);
        }
    }

    private void fail(Link link, SipException e) {
        badFraming.incrementAndGet();
        receiver.badFraming(e, link.framer.pending(), link.peer);
        flushQuietly(link);
        close(link);
    }

    /** Sends on the connection from {@code to}, if there is one; false when there is none (use UDP). */
    boolean send(byte[] data, InetSocketAddress to) {
        Link link = links.get(to);
        if (link == null) return false;
        send(link, data);
        return true;
    }

    boolean isLink(InetSocketAddress peer) {
        return links.containsKey(peer);
    }

    private void send(Link link, byte[] data) {
        if (link.queued + data.length > MAX_QUEUED_BYTES) {
            close(link); // the trunk stopped reading
            return;
        }
        link.out.add(ByteBuffer.wrap(data));
        link.queued += data.length;
        flushQuietly(link);
    }

    private void flushQuietly(Link link) {
        try {
            flush(link);
        } catch (IOException e) {
            close(link);
        }
    }

    private void flush(Link link) throws IOException {
        while (!link.out.isEmpty()) {
            ByteBuffer b = link.out.peek();
            int n = link.channel.write(b);
            link.queued -= n;
            if (b.hasRemaining()) break;
            link.out.poll();
        }
        SelectionKey key = link.channel.keyFor(selector);
        if (key != null && key.isValid()) {
            key.interestOps(link.out.isEmpty() ? SelectionKey.OP_READ : SelectionKey.OP_READ | SelectionKey.OP_WRITE);
        }
    }

    /** Every frame: closes connections idle for {@value #IDLE_MS} ms. */
    void tick(long nowMs) {
        for (Link l : new ArrayList<>(links.values())) {
            if (nowMs - l.lastMs > IDLE_MS) close(l);
        }
    }

    private void close(Link link) {
        if (links.remove(link.peer, link)) perAddress.computeIfPresent(link.peer.getAddress(), (a, n) -> n > 1 ? n - 1 : null);
        try {
            link.channel.close();
        } catch (IOException e) {
            // closing a socket at the end of its use
        }
    }

    @Override
    public void close() {
        for (Link l : new ArrayList<>(links.values())) close(l);
        try {
            listener.close();
        } catch (IOException e) {
            // closing at shutdown
        }
    }
}
