package parley.web;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.ForwardedRequestCustomizer;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
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
    private final ServerConnector connector;
    private final boolean https;

    private WebServer(Server server, ServerConnector connector, boolean https) {
        this.server = server;
        this.connector = connector;
        this.https = https;
    }

    /** Builds and starts the server; returns once it listens. */
    public static WebServer start(WebConfig config, ConnectionAcceptor acceptor) throws WebException {
        Assets assets = config.staticDir() == null ? Assets.classpath("web") : Assets.directory(config.staticDir());
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("web");
        Server server = new Server(threads);
        server.setStopTimeout(STOP_TIMEOUT_MS);
        ServerConnector connector = connector(server, config);
        server.addConnector(connector);

        WebSocketUpgradeHandler upgrades = WebSocketUpgradeHandler.from(server,
                container -> configure(container, config, acceptor));
        upgrades.setHandler(new SiteHandler(assets));
        SecurityHeaders headers = new SecurityHeaders(config.frameAncestors(), config.https(), upgrades);
        server.setHandler(headers);
        server.setErrorHandler(new PlainErrorHandler(headers));
        try {
            server.start();
        } catch (Exception e) {
            stopQuietly(server);
            throw new WebException("cannot listen on " + config.bind().getHostAddress() + " TCP port "
                    + config.port() + ": " + e.getMessage(), e);
        }
        return new WebServer(server, connector, config.https());
    }

    private static ServerConnector connector(Server server, WebConfig config) throws WebException {
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        ServerConnector connector;
        if (config.https()) {
            // No SNI checks: the generated certificate names only localhost and this machine.
            http.addCustomizer(new SecureRequestCustomizer(false, false, -1, false));
            SslConnectionFactory tls = new SslConnectionFactory(sslContext(config.tls()), HttpVersion.HTTP_1_1.asString());
            connector = new ServerConnector(server, tls, new HttpConnectionFactory(http));
        } else {
            // Plain HTTP is only for running behind a TLS proxy, whose forwarding headers give the
            // browser's scheme and host (needed by the WebSocket origin check).
            http.addCustomizer(new ForwardedRequestCustomizer());
            connector = new ServerConnector(server, new HttpConnectionFactory(http));
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
        SslContextFactory.Server ssl = new SslContextFactory.Server();
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

    private static void configure(ServerWebSocketContainer container, WebConfig config, ConnectionAcceptor acceptor) {
        container.setIdleTimeout(config.idleTimeout());
        container.setMaxTextMessageSize(MAX_TEXT_MESSAGE_BYTES);
        container.setMaxFrameSize(MAX_TEXT_MESSAGE_BYTES);
        container.setMaxBinaryMessageSize(MAX_TEXT_MESSAGE_BYTES);
        container.addMapping("/ws", creator(acceptor));
    }

    /** Refuses cross-site upgrades with 403; otherwise one {@link SignalSocket} per connection. */
    private static WebSocketCreator creator(ConnectionAcceptor acceptor) {
        return (request, response, callback) -> {
            HttpURI uri = request.getHttpURI();
            String origin = request.getHeaders().get(HttpHeader.ORIGIN);
            if (!SameOrigin.allows(origin, uri.getScheme(), uri.getHost(), uri.getPort())) {
                Response.writeError(request, response, callback, HttpStatus.FORBIDDEN_403);
                return null;
            }
            return new SignalSocket(acceptor);
        };
    }

    /** The TCP port the server listens on (the real one when the configured port was 0). */
    public int port() {
        return connector.getLocalPort();
    }

    /** "https" or "http". */
    public String scheme() {
        return https ? "https" : "http";
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
