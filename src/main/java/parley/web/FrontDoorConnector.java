package parley.web;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.io.AbstractConnection;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TCP listener, hardened: at most {@code perAddress} connections from one client address
 * (more are closed as soon as they are accepted, before TLS), a request-head deadline on every
 * connection ({@link HeadDeadlines}), and accept failures (the open-file limit reached) counted
 * and logged as one line a minute without a stack trace, while the connections already open are
 * served as before. The overall cap is Jetty's {@code NetworkConnectionLimit}, set up by
 * {@link WebServer}, which stops accepting before the descriptors run out.
 */
final class FrontDoorConnector extends ServerConnector {
    private static final Logger LOG = LoggerFactory.getLogger(FrontDoorConnector.class);
    private static final String GATE = "parley-gate";
    /** Pause after a failed accept: the kernel keeps the connection queued meanwhile. */
    private static final long ACCEPT_RETRY_MS = 100;
    private static final long LOG_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final int perAddress;
    private final FrontDoorCounters counters;
    private final HeadDeadlines deadlines;
    /** Admitted network endpoints and the address each counts against. */
    private final ConcurrentHashMap<EndPoint, String> admitted = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Integer> openByAddress = new ConcurrentHashMap<>();
    private final AtomicLong lastLogNanos = new AtomicLong(System.nanoTime() - LOG_EVERY_NANOS);
    private final AtomicLong failuresSinceLog = new AtomicLong();

    /**
     * {@code factories} as for {@link ServerConnector}: the first one takes each new connection,
     * once the gate has let it through.
     */
    FrontDoorConnector(Server server, ConnectionLimits limits, FrontDoorCounters counters, boolean capPerAddress,
            ConnectionFactory... factories) {
        super(server, withGate(factories));
        this.perAddress = capPerAddress ? limits.connectionsPerAddress() : 0;
        this.counters = counters;
        this.deadlines = new HeadDeadlines(limits.requestHeadTimeout(), getScheduler(), counters);
        ((Gate) getConnectionFactory(GATE)).connector = this;
    }

    private static ConnectionFactory[] withGate(ConnectionFactory[] factories) {
        ConnectionFactory[] all = new ConnectionFactory[factories.length + 1];
        all[0] = new Gate(factories[0]);
        System.arraycopy(factories, 0, all, 1, factories.length);
        return all;
    }

    HeadDeadlines deadlines() {
        return deadlines;
    }

    /** The first protocol: decides whether a new connection may stay, then hands it on. */
    private static final class Gate implements ConnectionFactory {
        private final ConnectionFactory next;
        private volatile FrontDoorConnector connector;

        Gate(ConnectionFactory next) {
            this.next = next;
        }

        @Override
        public String getProtocol() {
            return GATE;
        }

        @Override
        public List<String> getProtocols() {
            return List.of(GATE);
        }

        @Override
        public Connection newConnection(Connector c, EndPoint endPoint) {
            return connector.admit(c, endPoint, next);
        }
    }

    private Connection admit(Connector c, EndPoint endPoint, ConnectionFactory next) {
        String address = ClientAddress.of(endPoint.getRemoteSocketAddress());
        if (perAddress > 0) {
            boolean[] over = new boolean[1];
            openByAddress.compute(address, (a, n) -> {
                int open = n == null ? 0 : n;
                over[0] = open >= perAddress;
                return over[0] ? n : open + 1;
            });
            if (over[0]) {
                counters.connectionsOverAddressCap.increment();
                return new Refused(endPoint, getExecutor());
            }
        }
        admitted.put(endPoint, address);
        Connection connection = next.newConnection(c, endPoint);
        Connection http = connection instanceof SslConnection tls ? tls.getSslEndPoint().getConnection() : connection;
        deadlines.opened(endPoint, http);
        return connection;
    }

    @Override
    protected void onEndPointClosed(EndPoint endPoint) {
        super.onEndPointClosed(endPoint);
        deadlines.closed(endPoint);
        String address = admitted.remove(endPoint);
        if (address != null && perAddress > 0) openByAddress.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
    }

    /** A connection over its address's cap: closed as soon as it opens, without a word. */
    private static final class Refused extends AbstractConnection {
        Refused(EndPoint endPoint, java.util.concurrent.Executor executor) {
            super(endPoint, executor);
        }

        @Override
        public void onOpen() {
            super.onOpen();
            getEndPoint().close();
        }

        @Override
        public void onFillable() {
            getEndPoint().close();
        }
    }

    /**
     * Jetty logs each failed accept with its stack trace and sleeps a second; at the open-file
     * limit that is a wall of traces. Here: counted, one line a minute, a short pause, carry on.
     */
    @Override
    protected boolean handleAcceptFailure(Throwable failure) {
        // A closed listening socket (the server stopping, or an interrupt) is no failure to count.
        if (!isRunning() || failure instanceof InterruptedException
                || failure instanceof java.nio.channels.ClosedChannelException) {
            return super.handleAcceptFailure(failure);
        }
        counters.acceptFailures.increment();
        failuresSinceLog.incrementAndGet();
        long now = System.nanoTime();
        long last = lastLogNanos.get();
        if (now - last >= LOG_EVERY_NANOS && lastLogNanos.compareAndSet(last, now)) {
            LOG.warn("cannot accept connections: {} ({} failures in the last minute; open-file limit {}, see --max-connections)",
                    failure.getMessage(), failuresSinceLog.getAndSet(0), ConnectionLimits.openFileLimit());
        }
        try {
            Thread.sleep(ACCEPT_RETRY_MS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Open connections from {@code address} (a {@link ClientAddress} key), for tests. */
    int openFrom(String address) {
        return openByAddress.getOrDefault(address, 0);
    }
}
