package parley.media.transport;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;
import parley.media.srtp.SrtpContext;
import parley.media.srtp.SrtpProfile;

/**
 * The floor of forwarding on this machine: what a loop that does only the unavoidable work
 * costs per forwarded packet. It receives plain RTP on one socket through a {@link DatagramIo}
 * (the batched or the NIO path), and for each packet and each of K receivers copies it,
 * SRTP-protects it with that receiver's context, and sends it, flushing once per receive
 * round as the media loop does. No demultiplexing, no decryption, no routing, no rewriting,
 * no RTCP: everything the SFU adds to this is its overhead. Used by
 * {@link parley.bench.ForwardBench}; a bench class, never part of the server.
 */
public final class FloorLoop implements AutoCloseable {
    /** CPU and packets of one measurement, on the floor loop's own thread. */
    public record Result(long cpuNanos, long userNanos, long forwarded, long bytesAllocated) {}

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private final MediaCounters counters = new MediaCounters();
    private final List<MediaSocket> sockets;
    private final DatagramIo io;
    private final Selector selector;
    private final List<DatagramChannel> receivers = new ArrayList<>();
    private final List<InetSocketAddress> receiverAddresses = new ArrayList<>();
    private final SrtpContext[] contexts;
    private final AtomicLongArray received;
    private final byte[] scratch = new byte[MediaLoop.MAX_DATAGRAM + MediaLoop.SEND_HEADROOM];
    private final Thread thread;
    private final List<Thread> drains = new ArrayList<>();
    private volatile boolean running = true;

    /** A floor loop with {@code fanOut} receivers, on {@code mode} I/O ("batched" or "nio"). */
    public FloorLoop(String mode, int fanOut) throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        sockets = MediaSocket.openAll(new SocketPlan(List.of(loopback), false), 0);
        io = DatagramIo.open(sockets, DatagramIo.Mode.parse(mode), counters, new StringBuilder());
        selector = Selector.open();
        sockets.getFirst().channel().register(selector, SelectionKey.OP_READ);
        contexts = new SrtpContext[fanOut];
        received = new AtomicLongArray(fanOut);
        SecureRandom random = new SecureRandom();
        for (int k = 0; k < fanOut; k++) {
            byte[] key = new byte[16];
            byte[] salt = new byte[14];
            random.nextBytes(key);
            random.nextBytes(salt);
            contexts[k] = SrtpContext.create(SrtpProfile.AES_CM_128_HMAC_SHA1_80, key, salt);
            DatagramChannel r = DatagramChannel.open();
            r.setOption(java.net.StandardSocketOptions.SO_RCVBUF, 4 << 20);
            r.bind(new InetSocketAddress(loopback, 0));
            receivers.add(r);
            receiverAddresses.add((InetSocketAddress) r.getLocalAddress());
            int index = k;
            drains.add(Thread.ofPlatform().daemon().name("floor-drain-" + k).start(() -> drain(r, index)));
        }
        thread = Thread.ofPlatform().daemon().name("parley-floor").start(this::run);
    }

    public InetSocketAddress address() {
        return sockets.getFirst().localAddress();
    }

    public String ioName() {
        return io.name();
    }

    /** The fewest packets any receiver has counted. */
    public long minReceived() {
        long min = Long.MAX_VALUE;
        for (int i = 0; i < received.length(); i++) min = Math.min(min, received.get(i));
        return min;
    }

    public long totalReceived() {
        long sum = 0;
        for (int i = 0; i < received.length(); i++) sum += received.get(i);
        return sum;
    }

    /** CPU, user time and allocation of the floor thread so far. */
    public Result sample() {
        long id = thread.threadId();
        return new Result(THREADS.getThreadCpuTime(id), THREADS.getThreadUserTime(id), totalReceived(),
                THREADS.getThreadAllocatedBytes(id));
    }

    private void run() {
        DatagramIo.Sink sink = this::forward;
        MediaSocket socket = sockets.getFirst();
        while (running) {
            try {
                if (selector.select(100) > 0) {
                    selector.selectedKeys().clear();
                    io.receive(socket, 256, sink);
                    io.flush();
                }
            } catch (IOException e) {
                if (running) throw new IllegalStateException(e);
            }
        }
    }

    private void forward(byte[] buf, int off, int len, InetSocketAddress from, MediaSocket via) {
        for (int k = 0; k < contexts.length; k++) {
            System.arraycopy(buf, off, scratch, 0, len);
            int n = contexts[k].protectRtp(scratch, 0, len);
            io.send(scratch, 0, n, via, receiverAddresses.get(k));
        }
    }

    private void drain(DatagramChannel r, int index) {
        ByteBuffer b = ByteBuffer.allocateDirect(2048);
        try {
            while (running) {
                b.clear();
                if (r.receive(b) != null) received.incrementAndGet(index);
            }
        } catch (IOException e) {
            // closed at the end
        }
    }

    @Override
    public void close() throws IOException {
        running = false;
        selector.wakeup();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        selector.close();
        io.close();
        MediaSocket.closeAll(sockets);
        for (DatagramChannel r : receivers) r.close();
    }
}
