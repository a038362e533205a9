package parley.bench.load;

import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import parley.media.dtls.DtlsCertificate;

/**
 * One load run, also for use inside a test's JVM:
 * <pre>{@code
 * try (LoadRun load = LoadRun.start(LoadOptions.of(URI.create("https://127.0.0.1:" + port), "room", 60))) {
 *     load.awaitJoined(60, Duration.ofSeconds(60));
 *     ... browsers join the same room ...
 *     Report r = load.report();
 * }
 * }</pre>
 * Participants join {@code rampMs} apart; once all have connected (or failed, or the join timeout
 * passed) and {@code warmupSeconds} more have passed, the measured window starts, and after {@code seconds} (unless 0) they leave and the run
 * ends by itself. Threads: one sender ({@link Pacer}), {@value #RECEIVER_THREADS} receivers
 * ({@link Receiver}), one timer, Jetty's WebSocket threads, a virtual thread per connecting
 * participant, and this run's own. With {@code --server janus} the participants are
 * {@link JanusParticipant}s on one Janus session ({@link JanusRoom}, with its polling thread) and
 * no WebSocket is opened. In a test's JVM the server found on the port is that JVM, so
 * its CPU includes the generator's. Thread-safe.
 */
public final class LoadRun implements AutoCloseable {
    /** Decrypting what 100 participants receive takes about a core; two threads share it. */
    static final int RECEIVER_THREADS = 2;
    private final LoadOptions options;
    private final LoadContext ctx;
    private final List<Participant> participants = new CopyOnWriteArrayList<>();
    /** Janus mode only: the session and room; else null. */
    private final JanusRoom janus;
    private final ProcStats server;
    private final ProcStats self = new ProcStats(ProcessHandle.current().pid());
    private final CountDownLatch ended = new CountDownLatch(1);
    private final long startNanos = System.nanoTime();
    private final Thread lifecycle;
    private volatile boolean stopRequested;
    private volatile boolean leaving;
    /** Where the measured window began. */
    private volatile Reading window;
    private volatile Report finalReport;
    private Reading tableBefore;

    private LoadRun(LoadOptions options, LoadContext ctx, ProcStats server, JanusRoom janus) {
        this.options = options;
        this.ctx = ctx;
        this.server = server;
        this.janus = janus;
        this.window = new Reading(ctx.stats().snapshot(startNanos), sample(server), self.sample(), 0, -1);
        this.tableBefore = window;
        this.lifecycle = Thread.ofPlatform().name("load-run").daemon().unstarted(this::run);
    }

    /** Loads (or makes) the media, starts the threads, and starts joining participants; returns at once. */
    public static LoadRun start(LoadOptions options) throws IOException {
        MediaFixtures fixtures = MediaFixtures.load(options.fixtures());
        List<InetAddress> hosts = List.of(InetAddress.getAllByName(options.url().getHost()));
        WebSocketClient webSockets = new WebSocketClient();
        webSockets.getHttpClient().setSslContextFactory(new SslContextFactory.Client(true)); // the server's certificate is self-signed
        webSockets.setMaxTextMessageSize(4 << 20);
        try {
            webSockets.start();
        } catch (Exception e) {
            throw new IOException("cannot start the WebSocket client", e);
        }
        JanusRoom janus = null;
        try {
            if (options.server() == LoadOptions.Server.JANUS) janus = JanusRoom.open(options, hosts.get(0));
            else warmUp(webSockets, options);
        } catch (IOException e) {
            try {
                webSockets.stop();
            } catch (Exception stopping) {
                e.addSuppressed(stopping);
            }
            throw e;
        }
        Pacer pacer = new Pacer();
        Thread.ofPlatform().name("load-sender").daemon().start(pacer);
        List<Receiver> receivers = new ArrayList<>();
        for (int i = 0; i < RECEIVER_THREADS; i++) {
            Receiver receiver = new Receiver();
            receivers.add(receiver);
            Thread.ofPlatform().name("load-receiver-" + i).daemon().start(receiver);
        }
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().name("load-timer").daemon().unstarted(r));
        Publisher.SpeakerTurns turns = new Publisher.SpeakerTurns(options.speakers(), 3000, TimeUnit.NANOSECONDS.toMillis(System.nanoTime()));
        LoadContext ctx = new LoadContext(options, new Stats(), fixtures, DtlsCertificate.generate(), pacer, receivers, timer,
                webSockets, hosts, turns);
        LoadRun run = new LoadRun(options, ctx, serverProcess(options, hosts.get(0)), janus);
        run.lifecycle.start();
        return run;
    }

    /**
     * Opens one WebSocket, pings and closes it, so that the first participants' join times do not
     * include this JVM's first TLS handshake and class loading (a browser's TLS stack is warm too).
     */
    private static void warmUp(WebSocketClient webSockets, LoadOptions options) throws IOException {
        CountDownLatch pong = new CountDownLatch(1);
        SignalSocket socket = new SignalSocket(m -> pong.countDown(), why -> pong.countDown());
        ClientUpgradeRequest request = new ClientUpgradeRequest(options.webSocketUri());
        request.setHeader("Origin", options.origin());
        try {
            webSockets.connect(socket, request).get(options.joinTimeoutMs(), TimeUnit.MILLISECONDS);
            socket.send(Map.of("type", "ping"));
            pong.await(options.joinTimeoutMs(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("cannot open a WebSocket to " + options.webSocketUri() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            socket.close();
        }
    }

    private static ProcStats serverProcess(LoadOptions options, InetAddress host) {
        if (options.serverPid() > 0) return new ProcStats(options.serverPid());
        try {
            if (!host.isLoopbackAddress() && NetworkInterface.getByInetAddress(host) == null) return null; // not this machine
        } catch (IOException e) {
            return null;
        }
        return ProcStats.listenerOf(options.url().getPort()).stream().mapToObj(ProcStats::new).findFirst().orElse(null);
    }

    private void run() {
        try {
            for (int i = 0; i < options.participants() && !stopRequested; i++) {
                sleepUntil(startNanos + TimeUnit.MILLISECONDS.toNanos((long) i * options.rampMs()));
                if (stopRequested) break;
                Participant p = janus != null ? new JanusParticipant(i, ctx, janus) : new SyntheticParticipant(i, ctx);
                participants.add(p);
                p.start();
            }
            long joinDeadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(options.joinTimeoutMs());
            while (!stopRequested && System.nanoTime() < joinDeadline && !allSettled()) sleepUntil(System.nanoTime() + 50_000_000);
            sleepUntil(System.nanoTime() + TimeUnit.SECONDS.toNanos(options.warmupSeconds()));
            window = read();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(options.seconds());
            while (!stopRequested && (options.seconds() == 0 || System.nanoTime() < end)) sleepUntil(Math.min(end, System.nanoTime() + 100_000_000));
        } catch (IOException | RuntimeException e) {
            System.err.println("load: run failed: " + e);
        } finally {
            finish();
        }
    }

    private boolean allSettled() {
        for (Participant p : participants) if (!p.isConnected() && p.failure() == null) return false;
        return true;
    }

    private void finish() {
        finalReport = report();
        leaving = true;
        List<Thread> leaving = new ArrayList<>();
        for (Participant p : participants) leaving.add(Thread.ofVirtual().start(p::leave));
        for (Thread t : leaving) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (janus != null) janus.close();
        ctx.pacer().stop();
        for (Receiver r : ctx.receivers()) r.stop();
        ctx.timer().shutdownNow();
        try {
            ctx.webSockets().stop();
        } catch (Exception e) {
            System.err.println("load: stopping the WebSocket client: " + e);
        }
        ended.countDown();
    }

    /** Sleeps until {@code nanos} (System.nanoTime) or until stopped. */
    private void sleepUntil(long nanos) {
        for (long left = nanos - System.nanoTime(); left > 0 && !stopRequested; left = nanos - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }

    private static ProcStats.Sample sample(ProcStats p) {
        return p == null ? null : p.sample();
    }

    /** Datagrams the kernel dropped on the participants' sockets (their receive buffers full), or -1. */
    private long generatorDrops() {
        Set<Integer> ports = new HashSet<>();
        for (Participant p : participants) ports.add(p.peer().localPort());
        ports.remove(0);
        return ports.isEmpty() ? 0 : ProcStats.udpDrops(ports::contains);
    }

    /** Datagrams the kernel dropped on the server's media ports (Janus has one per transport), if on this machine, or -1. */
    private long serverDrops() {
        if (server == null) return -1;
        Set<Integer> ports = new HashSet<>();
        for (Participant p : participants) ports.add(p.peer().serverPort());
        ports.remove(0);
        return ports.isEmpty() ? -1 : ProcStats.udpDrops(ports::contains);
    }

    /** Participants whose media is connected (ICE and DTLS done). */
    public int joinedCount() {
        int n = 0;
        for (Participant p : participants) if (p.isConnected()) n++;
        return n;
    }

    /** Participants that have received at least one RTP packet. */
    public int receivingCount() {
        int n = 0;
        for (Participant p : participants) if (p.isReceiving()) n++;
        return n;
    }

    /** Waits until {@code n} participants are connected; false on timeout or when the run ended first. */
    public boolean awaitJoined(int n, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (joinedCount() < n) {
            if (System.nanoTime() > deadline || ended.getCount() == 0) return false;
            Thread.sleep(50);
        }
        return true;
    }

    /** Makes everyone leave and stops the threads; idempotent; returns the final report. */
    public Report stop() {
        stopRequested = true;
        LockSupport.unpark(lifecycle);
        return awaitEnd();
    }

    @Override
    public void close() {
        stop();
    }

    /** Waits for the run to end (by itself after --seconds, or by {@link #stop}); the final report. */
    public Report awaitEnd() {
        try {
            ended.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return finalReport;
    }

    boolean isEnded() {
        return ended.getCount() == 0;
    }

    /** True once the measured window is over and the participants are leaving. */
    boolean isLeaving() {
        return leaving;
    }

    /** The report: final once ended; else over the window so far (or since the start, before the window). */
    public Report report() {
        Report done = finalReport;
        if (done != null) return done;
        return ReportBuilder.build(options.participants(), server == null ? null : server.pid(), participants, window, read());
    }

    private Reading read() {
        return new Reading(ctx.stats().snapshot(System.nanoTime()), sample(server), self.sample(), generatorDrops(), serverDrops());
    }

    /** A table row for the time since the previous call (for one caller at a time, e.g. {@link LoadMain}). */
    synchronized String tableRow() {
        Reading now = read();
        String row = Report.row((now.stats().nanos() - startNanos) / 1e9, joinedCount(), options.participants(),
                receivingCount(), tableBefore, now);
        tableBefore = now;
        return row;
    }
}
