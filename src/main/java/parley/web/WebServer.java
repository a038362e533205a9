package parley.web;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.ForwardedRequestCustomizer;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;
import org.eclipse.jetty.websocket.server.WebSocketCreator;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import parley.signal.ConnectionAcceptor;

/**
 * The HTTP(S) server: the web client, {@code /healthz}, and signaling WebSockets at
 * {@code /ws} handed to a {@link ConnectionAcceptor}. HTTP/1.1 over TLS 1.2 or 1.3, or
 * plain HTTP behind a TLS reverse proxy (then X-Forwarded-* and Forwarded headers are
 * trusted). No request log. Thread-safe; {@link #close} is idempotent.
 */
public final class WebServer implements AutoCloseable {
    /** Largest text message read: above protocol.md's 64 KiB, so that signal can answer "too-large" itself. */
    static final int MAX_TEXT_MESSAGE_BYTES = 1 << 20;
    /** How long {@link #close} waits for requests in flight. */
    private static final long STOP_TIMEOUT_MS = 2_000;

    private final Server server;
    private final FrontDoorConnector connector;
    private final boolean https;
    private final FrontDoorCounters counters;

    private WebServer(Server server, FrontDoorConnector connector, boolean https, FrontDoorCounters counters) {
        this.server = server;
        this.connector = connector;
        this.https = https;
        this.counters = counters;
    }

    /** Builds and starts the server with Parley's own branding; returns once it listens. */
    public static WebServer start(WebConfig config, ConnectionAcceptor acceptor) throws WebException {
        return start(config, acceptor, Branding.BUILT_IN);
    }

    /** Builds and starts the server; returns once it listens. */
    public static WebServer start(WebConfig config, ConnectionAcceptor acceptor, Branding branding) throws WebException {
        Assets assets = config.staticDir() == null ? Assets.classpath("web") : Assets.directory(config.staticDir());
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("web");
        Server server = new Server(threads);
        server.setStopTimeout(STOP_TIMEOUT_MS);
        FrontDoorCounters counters = new FrontDoorCounters();
        FrontDoorConnector connector = connector(server, config, counters);
        server.addConnector(connector);
        // Jetty's own cap on all connections: it stops accepting (the kernel queues new ones)
        // before the process runs out of file descriptors, and resumes below the cap.
        server.addBean(new NetworkConnectionLimit(config.limits().maxConnections(), connector));

        UpgradeLimits upgradeLimits = new UpgradeLimits(config.limits().upgradesPerSecond(),
                config.limits().upgradeBurst(), config.limits().webSocketsPerAddress());
        WebSocketUpgradeHandler upgrades = WebSocketUpgradeHandler.from(server,
                container -> configure(container, config, new Upgrades(acceptor, upgradeLimits, counters, connector.getScheduler())));
        upgrades.setHandler(new SiteHandler(assets, branding, config.frameAncestors(), acceptor.joinRules()));
        HostCheck hosts = new HostCheck(config.allowedHosts(), counters, upgrades);
        SecurityHeaders headers = new SecurityHeaders(config.frameAncestors(), config.https(), hosts);
        HeadDeadlines deadlines = connector.deadlines();
        deadlines.setHandler(headers);
        server.setHandler(deadlines);
        server.setErrorHandler(new PlainErrorHandler(headers));
        try {
            server.start();
        } catch (Exception e) {
            stopQuietly(server);
            throw new WebException("cannot listen on " + config.bind().getHostAddress() + " TCP port "
                    + config.port() + ": " + e.getMessage(), e);
        }
        return new WebServer(server, connector, config.https(), counters);
    }

    private static FrontDoorConnector connector(Server server, WebConfig config, FrontDoorCounters counters)
            throws WebException {
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        FrontDoorConnector connector;
        if (config.https()) {
            // No SNI checks: the generated certificate names only localhost and this machine.
            http.addCustomizer(new SecureRequestCustomizer(false, false, -1, false));
            SslConnectionFactory tls = new SslConnectionFactory(sslContext(config.tls()), HttpVersion.HTTP_1_1.asString());
            connector = new FrontDoorConnector(server, config.limits(), counters, true, tls, new HttpConnectionFactory(http));
        } else {
            // Plain HTTP is only for running behind a TLS proxy, whose forwarding headers give the
            // browser's scheme and host (needed by the WebSocket origin check).
            // Every connection comes from the proxy, so there is no per-address cap on them here;
            // the WebSocket limits count the forwarded client address instead.
            http.addCustomizer(new ForwardedRequestCustomizer());
            connector = new FrontDoorConnector(server, config.limits(), counters, false, new HttpConnectionFactory(http));
        }
        connector.setHost(config.bind().getHostAddress());
        connector.setPort(config.port());
        connector.setIdleTimeout(config.idleTimeout().toMillis());
        return connector;
    }

    private static SslContextFactory.Server sslContext(TlsIdentity identity) throws WebException {
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        // The key store lives only in memory; its password only keeps the JDK's API happy.
        String password = Base64.getEncoder().encodeToString(random);
        SslContextFactory.Server ssl = PerThreadRandom.serverTls();
        try {
            ssl.setKeyStore(identity.toKeyStore(password.toCharArray()));
        } catch (GeneralSecurityException e) {
            throw new WebException("cannot load the TLS key: " + e.getMessage(), e);
        }
        ssl.setKeyStorePassword(password);
        ssl.setIncludeProtocols("TLSv1.3", "TLSv1.2");
        ssl.setSniRequired(false);
        return ssl;
    }

    private static void configure(ServerWebSocketContainer container, WebConfig config, WebSocketCreator creator) {
        container.setIdleTimeout(config.idleTimeout());
        container.setMaxTextMessageSize(MAX_TEXT_MESSAGE_BYTES);
        container.setMaxFrameSize(MAX_TEXT_MESSAGE_BYTES);
        container.setMaxBinaryMessageSize(MAX_TEXT_MESSAGE_BYTES);
        container.addMapping("/ws", creator);
    }

    /** The TCP port the server listens on (the real one when the configured port was 0). */
    public int port() {
        return connector.getLocalPort();
    }

    /** "https" or "http". */
    public String scheme() {
        return https ? "https" : "http";
    }

    /** What the front door refused or cut since start, by name (README, "Limits"). */
    public java.util.Map<String, Long> refusals() {
        return counters.snapshot();
    }

    /** Blocks until the server has stopped. */
    public void join() throws InterruptedException {
        server.join();
    }

    /** Stops accepting, closes WebSockets (1001 going away) and waits briefly for requests in flight. */
    @Override
    public void close() {
        stopQuietly(server);
    }

    private static void stopQuietly(Server server) {
        try {
            server.stop();
        } catch (Exception e) {
            // Stopping is best effort at shutdown; there is nobody left to tell.
        }
    }
}
