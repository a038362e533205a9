package parley.media.transport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The media plane's event loop: one thread owns the UDP port's sockets and every piece of
 * per-packet state (transports, SRTP contexts, routers). Other threads only
 * {@link #execute enqueue} work. Receiving, decrypting, routing, encrypting and sending
 * all happen on this thread, so the forward path needs no locks.
 *
 * <p>The port has one socket per advertised local address when bound to a wildcard address
 * (see {@link SocketPlan}), all on this loop's one selector; a client's packets leave through
 * the socket its first valid ICE check arrived on ({@link CandidatePair}). The media TCP port
 * (ICE-TCP, {@link TcpMediaPort}) is on the same selector: its connections are read here too.
 */
public final class MediaLoop implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MediaLoop.class);
    /** Largest datagram we accept; anything longer is not a WebRTC packet we forward. */
    public static final int MAX_DATAGRAM = 1500;
    /** Room left after a packet for the SRTP tag (16 for GCM) and an RTX header (2). */
    public static final int SEND_HEADROOM = 32;
    private static final long TICK_MS = 10;

    /** --media-tcp-port: none. */
    public static final int TCP_OFF = -1;
    /** --media-tcp-port: the same number as the UDP port (the default). */
    public static final int TCP_SAME_AS_UDP = 0;

    private final List<MediaSocket> sockets;
    private final Selector selector;
    /** The media TCP port, or null when off. */
    private final TcpMediaPort tcp;
    /** The ICE-TCP frames the loop itself sends (transports without a sealer). */
    private final TcpSends tcpSends;
    /** Drains each ready socket; one instance, so that selecting allocates nothing. */
    private final Consumer<SelectionKey> onReadable = this::drainSocket;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final List<Ticker> tickers = new ArrayList<>();
    private final DatagramIo io;
    private final Sealer[] sealers;
    private final AtomicInteger nextSealer = new AtomicInteger();
    /** Hands each received datagram to the demultiplexer; one instance, so that receiving allocates nothing. */
    private final DatagramIo.Sink toDemux = this::onDatagram;
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

    /** A loop with one socket on {@code bind} (a specific address in tests, or a lone wildcard). */
    public MediaLoop(InetSocketAddress bind, MediaCounters counters) throws IOException {
        this(bind, LoopOptions.defaults(), counters);
    }

    /**
     * A loop on {@code bind}'s port; when {@code bind} is a wildcard address, one socket per
     * local address of {@code options.advertised()} (plus the wildcard if some advertised address
     * is not local), as {@link SocketPlan} says. Port 0 picks one free port for all sockets.
     *
     * @throws IOException when a socket cannot be bound (then none stays open), or batched I/O
     *                     was demanded where it is unavailable
     */
    public MediaLoop(InetSocketAddress bind, LoopOptions options, MediaCounters counters) throws IOException {
        List<InetAddress> advertised = options.advertised();
        DatagramIo.Mode ioMode = options.ioMode();
        int threads = options.threads();
        int tcpPort = options.tcpPort();
        this.counters = counters;
        // Tests run the same suites over both paths by setting the system property parley.mediaIo.
        if (ioMode == DatagramIo.Mode.AUTO) ioMode = DatagramIo.Mode.fromSystemProperty();
        SocketPlan plan = SocketPlan.of(bind.getAddress(), advertised, SocketPlan::isLocalAddress);
        this.sockets = MediaSocket.openAll(plan, bind.getPort());
        StringBuilder fallback = new StringBuilder();
        try {
            this.io = DatagramIo.open(sockets, ioMode, counters, fallback);
        } catch (IOException | RuntimeException e) {
            MediaSocket.closeAll(sockets);
            throw e;
        }
        try {
            this.selector = Selector.open();
            for (MediaSocket s : sockets) s.channel().register(selector, SelectionKey.OP_READ, s);
        } catch (IOException | RuntimeException e) {
            io.close();
            MediaSocket.closeAll(sockets);
            throw e;
        }
        if (!fallback.isEmpty()) log.info("media I/O: one system call per datagram (nio), since {}", fallback);
        else log.debug("media I/O: {}", io.name());
        // A count, never the addresses (DESIGN.md: no IP addresses in logs).
        if (sockets.size() > 1) {
            log.info("media port {}: {} sockets, one per advertised local address{}", localPort(), sockets.size(),
                    plan.hasWildcard() ? " and a wildcard one for those that are not local" : "");
        }
        this.demux = new Demultiplexer(this, counters);
        this.tcpSends = new TcpSends(counters);
        TcpMediaPort tcpPortOpened = null;
        try {
            if (tcpPort != TCP_OFF) {
                int port = tcpPort == TCP_SAME_AS_UDP ? localPort() : tcpPort;
                tcpPortOpened = TcpMediaPort.open(new InetSocketAddress(bind.getAddress(), port),
                        tcpPort == TCP_SAME_AS_UDP && bind.getPort() == 0, selector, demux, counters);
            }
            this.sealers = openSealers(sockets, ioMode, threads - 1, counters);
        } catch (IOException | RuntimeException e) {
            if (tcpPortOpened != null) tcpPortOpened.close();
            try {
                selector.close();
            } catch (IOException ignored) {
                // The sockets below are what frees the port.
            }
            io.close();
            MediaSocket.closeAll(sockets);
            throw e;
        }
        this.tcp = tcpPortOpened;
        this.thread = Thread.ofPlatform().name("parley-media").daemon(true).unstarted(this::run);
        thread.start();
    }

    /**
     * Asks the kernel to favour the loop's thread and its sealers' (a nice value below 0) over
     * every other thread of the machine, as {@link ThreadNice} explains; 0 leaves them alone. Best effort: where it is
     * not permitted, the log says so once and the loop runs as before.
     *
     * @return the nice value the loop's thread has afterwards, or null where it cannot be read
     */
    public Integer requestNice(int nice) {
        if (nice == 0) return 0;
        try {
            return call(() -> {
                String refused = ThreadNice.setForCurrentThread(nice);
                // The sealers are media work too: a starved sealer would make the loop wait for it.
                for (Sealer s : sealers) {
                    if (refused == null) refused = ThreadNice.setForThread(s.tid(), nice);
                }
                if (refused == null) log.info("media threads ({}): nice {}", 1 + sealers.length, nice);
                else log.info("media threads keep their priority: {}", refused);
                return ThreadNice.ofCurrentThread();
            });
        } catch (Exception e) {
            log.info("media thread keeps its priority: {}", e.toString());
            return null;
        }
    }

    private static Sealer[] openSealers(List<MediaSocket> sockets, DatagramIo.Mode mode, int n, MediaCounters counters)
            throws IOException {
        Sealer[] sealers = new Sealer[n];
        try {
            for (int i = 0; i < n; i++) {
                // Each sealer sends through its own I/O (its own batch of sendmmsg slots) on the same sockets.
                sealers[i] = new Sealer("parley-media-seal-" + (i + 1),
                        DatagramIo.open(sockets, mode, counters, new StringBuilder()), counters);
            }
        } catch (IOException | RuntimeException e) {
            for (Sealer s : sealers) {
                if (s != null) s.close();
            }
            throw e;
        }
        return sealers;
    }

    /**
     * The sealer of a new transport (round robin), or null when the loop encrypts and sends
     * itself. Any thread: transports are prepared off the loop.
     */
    Sealer assignSealer() {
        if (sealers.length == 0) return null;
        return sealers[Math.floorMod(nextSealer.getAndIncrement(), sealers.length)];
    }

    /** The threads that do media work: the loop's, then the sealers' (benchmarks measure their CPU). */
    public List<Thread> threads() {
        List<Thread> all = new ArrayList<>();
        all.add(thread);
        for (Sealer s : sealers) all.add(s.thread());
        return all;
    }

    /** The loop's own sends go out, and the sealers see the round's packets. */
    private void flush() {
        io.flush();
        tcpSends.flush();
        for (Sealer s : sealers) s.publish();
    }

    /** The bound local port, the same for every socket (useful when started on port 0 in tests). */
    public int localPort() {
        return sockets.getFirst().localAddress().getPort();
    }

    /** The media TCP port (ICE-TCP), or 0 when off. */
    public int localTcpPort() {
        return tcp == null ? 0 : tcp.localPort();
    }

    /** The media TCP port, or null when off (tests). */
    TcpMediaPort tcpPort() {
        return tcp;
    }

    /** The ICE-TCP sends of the loop's own thread (transports without a sealer). Loop thread. */
    TcpSends tcpSends() {
        return tcpSends;
    }

    /** "batched" (recvmmsg, sendmmsg, segmentation offload) or "nio" (a system call per datagram). */
    public String ioName() {
        return io.name();
    }

    /** The address of each socket of the port, in the order they were bound. */
    public List<InetSocketAddress> localAddresses() {
        return sockets.stream().map(MediaSocket::localAddress).toList();
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
     * Sends one datagram to the pair's remote address through its local socket, at once or with
     * the rest of this round of work (the bytes are copied before it returns). Loop thread only.
     * Errors are counted, never thrown: a vanished client must not disturb the loop.
     */
    void send(byte[] buf, int off, int len, CandidatePair to) {
        send(buf, off, len, to.local(), to.remote());
    }

    /** As {@link #send(byte[], int, int, CandidatePair)}, before a pair exists (ICE responses). */
    void send(byte[] buf, int off, int len, MediaSocket via, InetSocketAddress to) {
        io.send(buf, off, len, via, to);
    }

    private void run() {
        long nextTick = nowMs();
        while (running) {
            try {
                long wait = Math.max(1, nextTick - nowMs());
                selector.select(onReadable, wait);
                runTasks();
                long now = nowMs();
                if (now >= nextTick) {
                    for (int i = 0; i < tickers.size(); i++) tickers.get(i).tick(now);
                    if (tcp != null) tcp.tick(now);
                    nextTick = now + TICK_MS;
                }
                flush();
            } catch (Throwable t) {
                // One bad packet or task must never stop the media plane.
                counters.loopErrors.increment();
                log.warn("media loop error: {}", t.toString());
            }
        }
    }

    /**
     * Receives what one ready socket holds, at most 256 datagrams so that tasks and ticks keep
     * running (or one read of a TCP connection), and sends what their forwarding queued.
     */
    private void drainSocket(SelectionKey key) {
        try {
            if (key.attachment() instanceof MediaSocket socket) io.receive(socket, 256, toDemux);
            else tcp.onReady(key, nowMs());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // counted by run(), like any loop error
        } finally {
            flush();
        }
    }

    private void onDatagram(byte[] buf, int off, int len, InetSocketAddress from, MediaSocket via) {
        try {
            demux.onDatagram(buf, off, len, from, via, nowMs());
        } catch (RuntimeException e) {
            counters.loopErrors.increment();
            log.warn("packet handling error: {}", e.toString());
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
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            selector.close();
        } catch (IOException e) {
            // The sockets below are what frees the port.
        }
        for (Sealer s : sealers) s.close();
        io.close();
        if (tcp != null) tcp.close();
        MediaSocket.closeAll(sockets);
    }
}
