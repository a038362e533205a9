package parley.media.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The media plane's event loop: one thread owns the UDP socket and every piece of
 * per-packet state (transports, SRTP contexts, routers). Other threads only
 * {@link #execute enqueue} work. Receiving, decrypting, routing, encrypting and sending
 * all happen on this thread, so the forward path needs no locks.
 */
public final class MediaLoop implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MediaLoop.class);
    /** Largest datagram we accept; anything longer is not a WebRTC packet we forward. */
    public static final int MAX_DATAGRAM = 1500;
    /** Room left after a packet for the SRTP tag (16 for GCM) and an RTX header (2). */
    public static final int SEND_HEADROOM = 32;
    private static final long TICK_MS = 10;

    private final DatagramChannel channel;
    private final Selector selector;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final List<Ticker> tickers = new ArrayList<>();
    private final ByteBuffer receiveBuffer = ByteBuffer.allocateDirect(MAX_DATAGRAM + 1);
    private final byte[] receiveArray = new byte[MAX_DATAGRAM + SEND_HEADROOM];
    private final ByteBuffer sendBuffer = ByteBuffer.allocateDirect(MAX_DATAGRAM + SEND_HEADROOM);
    private final Demultiplexer demux;
    private final MediaCounters counters;
    private final Thread thread;
    private final long startNanos = System.nanoTime();
    /** Wall-clock time at {@link #startNanos}: only for NTP timestamps in sender reports. */
    private final long startEpochMs = System.currentTimeMillis();
    private volatile boolean running = true;

    /** Called on the loop thread once per tick (about every 10 ms) with the loop's clock. */
    public interface Ticker {
        void tick(long nowMs);
    }

    public MediaLoop(InetSocketAddress bind, MediaCounters counters) throws IOException {
        this.counters = counters;
        this.channel = DatagramChannel.open(bind.getAddress() instanceof java.net.Inet6Address
                ? java.net.StandardProtocolFamily.INET6 : java.net.StandardProtocolFamily.INET);
        channel.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
        channel.setOption(StandardSocketOptions.SO_SNDBUF, 4 << 20);
        channel.bind(bind);
        channel.configureBlocking(false);
        this.selector = Selector.open();
        channel.register(selector, SelectionKey.OP_READ);
        this.demux = new Demultiplexer(this, counters);
        this.thread = Thread.ofPlatform().name("parley-media").daemon(true).unstarted(this::run);
        thread.start();
    }

    /** The bound local port (useful when started on port 0 in tests). */
    public int localPort() {
        try {
            return ((InetSocketAddress) channel.getLocalAddress()).getPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public Demultiplexer demux() {
        return demux;
    }

    public MediaCounters counters() {
        return counters;
    }

    /** Milliseconds on the loop's monotonic clock. */
    public long nowMs() {
        return (System.nanoTime() - startNanos) / 1_000_000L;
    }

    /** Wall-clock milliseconds since 1970 at loop time {@code nowMs} (for RTCP NTP timestamps). */
    public long wallClockMs(long nowMs) {
        return startEpochMs + nowMs;
    }

    public boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /** Runs a task on the loop thread soon. Safe from any thread. */
    public void execute(Runnable task) {
        tasks.add(task);
        selector.wakeup();
    }

    /** Runs a task on the loop and waits for its result (at most 5 s). Never call on the loop itself. */
    public <T> T call(Callable<T> task) throws Exception {
        if (inLoop()) return task.call();
        CompletableFuture<T> f = new CompletableFuture<>();
        execute(() -> {
            try {
                f.complete(task.call());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        try {
            return f.get(5, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception ex) throw ex;
            throw e;
        } catch (TimeoutException e) {
            throw new IllegalStateException("media loop did not answer within 5 s", e);
        }
    }

    /** Adds a ticker; call from the loop thread (or before traffic starts). */
    public void addTicker(Ticker t) {
        execute(() -> tickers.add(t));
    }

    public void removeTicker(Ticker t) {
        execute(() -> tickers.remove(t));
    }

    /**
     * Sends one datagram now. Loop thread only (the send buffer is the loop's).
     * Errors are counted, never thrown: a vanished client must not disturb the loop.
     */
    public void send(byte[] buf, int off, int len, SocketAddress to) {
        sendBuffer.clear();
        sendBuffer.put(buf, off, len).flip();
        try {
            if (channel.send(sendBuffer, to) == 0) counters.sendDropped.increment();
            else counters.packetsSent.increment();
        } catch (IOException | RuntimeException e) {
            counters.sendErrors.increment();
        }
    }

    /** Sends from any thread (DTLS handshake threads): copies and hands over to the loop. */
    public void sendFromAnyThread(byte[] buf, int off, int len, SocketAddress to) {
        if (inLoop()) {
            send(buf, off, len, to);
            return;
        }
        byte[] copy = java.util.Arrays.copyOfRange(buf, off, off + len);
        execute(() -> send(copy, 0, copy.length, to));
    }

    private void run() {
        long nextTick = nowMs();
        while (running) {
            try {
                long wait = Math.max(1, nextTick - nowMs());
                selector.select(wait);
                selector.selectedKeys().clear();
                drainSocket();
                runTasks();
                long now = nowMs();
                if (now >= nextTick) {
                    for (int i = 0; i < tickers.size(); i++) tickers.get(i).tick(now);
                    nextTick = now + TICK_MS;
                }
            } catch (Throwable t) {
                // One bad packet or task must never stop the media plane.
                counters.loopErrors.increment();
                log.warn("media loop error: {}", t.toString());
            }
        }
    }

    private void drainSocket() throws IOException {
        for (int i = 0; i < 256; i++) {
            receiveBuffer.clear();
            SocketAddress from = channel.receive(receiveBuffer);
            if (from == null) return;
            receiveBuffer.flip();
            int len = receiveBuffer.remaining();
            counters.packetsReceived.increment();
            if (len > MAX_DATAGRAM) {
                counters.malformed.increment();
                continue;
            }
            receiveBuffer.get(receiveArray, 0, len);
            try {
                demux.onDatagram(receiveArray, 0, len, (InetSocketAddress) from, nowMs());
            } catch (RuntimeException e) {
                counters.loopErrors.increment();
                log.warn("packet handling error: {}", e.toString());
            }
        }
    }

    private void runTasks() {
        Runnable r;
        while ((r = tasks.poll()) != null) {
            try {
                r.run();
            } catch (RuntimeException e) {
                counters.loopErrors.increment();
                log.warn("media task error: {}", e.toString());
            }
        }
    }

    @Override
    public void close() {
        running = false;
        selector.wakeup();
        try {
            thread.join(2000);
            selector.close();
            channel.close();
        } catch (IOException | InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
