package parley.protocol;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.net.URI;
import java.time.InstantSource;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.slf4j.LoggerFactory;
import parley.app.Config;
import parley.app.Main;
import parley.e2e.LogCapture;
import parley.signal.SignalServer;

/**
 * The whole product as {@code parley} runs it (web, signaling, SFU) in this JVM on loopback:
 * HTTPS with a generated self-signed certificate on a free TCP port, the media plane on a
 * free UDP port, logs at the shipped levels (root INFO, Jetty WARN, as logback.xml and
 * {@code --log-level}'s default) captured unredacted, and a WebSocket client that trusts any
 * certificate (the server's is self-signed; the test is not about TLS).
 */
final class LiveServer implements AutoCloseable {
    private final LogCapture logs;
    private final Main.Running running;
    private final WebSocketClient client;
    private final Level rootLevel;
    private final Level jettyLevel;

    private LiveServer(LogCapture logs, Main.Running running, WebSocketClient client, Level rootLevel, Level jettyLevel) {
        this.logs = logs;
        this.running = running;
        this.client = client;
        this.rootLevel = rootLevel;
        this.jettyLevel = jettyLevel;
    }

    static LiveServer start(String... extraArgs) throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Logger jetty = (Logger) LoggerFactory.getLogger("org.eclipse.jetty");
        Level rootLevel = root.getLevel();
        Level jettyLevel = jetty.getLevel();
        root.setLevel(Level.INFO);
        jetty.setLevel(Level.WARN);
        LogCapture logs = LogCapture.start();
        String[] base = {"--bind=127.0.0.1", "--http-port=0", "--media-bind=127.0.0.1", "--media-port=0", "--public-ip=127.0.0.1"};
        String[] args = java.util.Arrays.copyOf(base, base.length + extraArgs.length);
        System.arraycopy(extraArgs, 0, args, base.length, extraArgs.length);
        Config config = Config.parse(args);
        Main.Running running = Main.start(config, InstantSource.system());
        WebSocketClient client = new WebSocketClient();
        client.getHttpClient().setSslContextFactory(new SslContextFactory.Client(true)); // trusts any certificate
        client.setMaxTextMessageSize(4 << 20);
        client.start();
        return new LiveServer(logs, running, client, rootLevel, jettyLevel);
    }

    /** Opens {@code wss://127.0.0.1:<port>/ws} with the server's own Origin, as a browser on the page would. */
    WsPeer connect() throws Exception {
        int port = running.web().port();
        ClientUpgradeRequest request = new ClientUpgradeRequest(URI.create("wss://127.0.0.1:" + port + "/ws"));
        request.setHeader("Origin", "https://127.0.0.1:" + port);
        WsPeer peer = new WsPeer();
        client.connect(peer, request).get(10, TimeUnit.SECONDS);
        return peer;
    }

    /** The HTTPS port. */
    int webPort() {
        return running.web().port();
    }

    /** Everything the front door refused or cut so far. */
    long refusalsTotal() {
        return refusals().values().stream().mapToLong(Long::longValue).sum();
    }

    java.util.Map<String, Long> refusals() {
        return running.web().refusals();
    }

    SignalServer signal() {
        return running.signal();
    }

    /** The UDP port of the media plane, which every answer's candidates must name. */
    int mediaPort() {
        return running.media().port();
    }

    /** The UDP port of phone dial-in (started with --sip-port). */
    int sipPort() {
        return running.sip().port();
    }

    LogCapture logs() {
        return logs;
    }

    @Override
    public void close() {
        try {
            client.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the WebSocket client", e);
        } finally {
            running.close();
            logs.close();
            ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(rootLevel);
            ((Logger) LoggerFactory.getLogger("org.eclipse.jetty")).setLevel(jettyLevel);
        }
    }
}
