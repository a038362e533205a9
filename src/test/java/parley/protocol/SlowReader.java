package parley.protocol;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/**
 * A participant on a slow line: it takes the next frame off its socket only when a reader
 * of {@code bytesPerSecond} would have finished the previous one (demand, not sleep), with
 * a small socket receive buffer, so what the server sends faster piles up on the server.
 * Counts every byte it gets. Jetty calls the listener; the test thread the rest.
 */
public final class SlowReader implements Session.Listener, AutoCloseable {
    private final double bytesPerSecond;
    private final ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong avatarChars = new AtomicLong();
    private final CompletableFuture<String> closed = new CompletableFuture<>();
    private final java.util.concurrent.LinkedBlockingQueue<String> texts = new java.util.concurrent.LinkedBlockingQueue<>();
    private WebSocketClient client;
    private volatile Session session;
    private long readUntilNanos;

    private SlowReader(double bytesPerSecond) {
        this.bytesPerSecond = bytesPerSecond;
    }

    /** Connects to {@code server} reading at {@code bitsPerSecond}. */
    static SlowReader connect(LiveServer server, double bitsPerSecond) throws Exception {
        SlowReader reader = new SlowReader(bitsPerSecond / 8);
        ClientConnector connector = new ClientConnector();
        connector.setSslContextFactory(new SslContextFactory.Client(true)); // the server's certificate is self-signed
        connector.setReceiveBufferSize(16 * 1024);
        reader.client = new WebSocketClient(new HttpClient(new HttpClientTransportOverHTTP(connector)));
        reader.client.setMaxTextMessageSize(4 << 20);
        reader.client.start();
        int port = server.webPort();
        ClientUpgradeRequest request = new ClientUpgradeRequest(URI.create("wss://127.0.0.1:" + port + "/ws"));
        request.setHeader("Origin", "https://127.0.0.1:" + port);
        reader.client.connect(reader, request).get(10, TimeUnit.SECONDS);
        return reader;
    }

    @Override
    public void onWebSocketOpen(Session s) {
        session = s;
        s.demand();
    }

    @Override
    public void onWebSocketText(String text) {
        int size = text.getBytes(StandardCharsets.UTF_8).length;
        bytes.addAndGet(size);
        avatarChars.addAndGet(avatarCharsIn(text));
        texts.add(text);
        long now = System.nanoTime();
        readUntilNanos = Math.max(now, readUntilNanos) + (long) (size / bytesPerSecond * 1e9);
        pacer.schedule(session::demand, readUntilNanos - now, TimeUnit.NANOSECONDS);
    }

    @Override
    public void onWebSocketClose(int code, String reason, Callback callback) {
        closed.complete(code + " " + reason);
        callback.succeed();
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        closed.complete("error " + cause);
    }

    void send(String json) throws Exception {
        Callback.Completable done = new Callback.Completable();
        session.sendText(json, done);
        done.get(10, TimeUnit.SECONDS);
    }

    /** The next text whose JSON contains {@code fragment}, skipping others; fails after {@code timeoutMs}. */
    String await(String fragment, long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (System.nanoTime() < deadline) {
            String t = texts.poll(50, TimeUnit.MILLISECONDS);
            if (t != null && t.contains(fragment)) return t;
            if (closed.isDone() && texts.isEmpty()) break;
        }
        throw new AssertionError("no message with " + fragment + " within " + timeoutMs + " ms; closed: " + closed.getNow(null));
    }

    /** The characters of avatars in a message (participant-joined, avatar, joined). */
    private static long avatarCharsIn(String text) {
        if (!text.contains("data:image")) return 0;
        try {
            long n = 0;
            for (com.fasterxml.jackson.databind.JsonNode a : WsPeer.JSON.readTree(text).findValues("avatar")) {
                if (a.isTextual()) n += a.asText().length();
            }
            return n;
        } catch (java.io.IOException e) {
            throw new AssertionError("the server sent invalid JSON", e);
        }
    }

    /** Avatar characters received so far. */
    long avatarChars() {
        return avatarChars.get();
    }

    long bytes() {
        return bytes.get();
    }

    /** How the server closed the connection, or null while it is open. */
    String closedHow() {
        return closed.getNow(null);
    }

    @Override
    public void close() throws Exception {
        pacer.shutdownNow();
        client.stop();
    }
}
