package parley.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import parley.signal.Connection;
import parley.signal.ConnectionAcceptor;

/**
 * A running web server on loopback for integration tests, with a client folder of known
 * files, an echo acceptor, and clients that trust its generated certificate.
 */
public final class TestSite implements AutoCloseable {
    static final String INDEX = "<!doctype html><title>test client</title>";

    final Path folder;
    final WebServer server;
    final TlsIdentity tls;
    final EchoAcceptor acceptor = new EchoAcceptor();
    private final SSLContext trust;
    private WebSocketClient wsClient;

    private TestSite(Path folder, TlsIdentity tls, ConnectionAcceptor signal) throws Exception {
        this(folder, tls, signal, null);
    }

    private TestSite(Path folder, TlsIdentity tls, ConnectionAcceptor signal, ConnectionLimits limits) throws Exception {
        this.folder = folder;
        this.tls = tls;
        this.trust = tls == null ? null : trusting(tls);
        WebConfig config = limits == null
                ? new WebConfig(InetAddress.getLoopbackAddress(), 0, tls, "'none'", folder, Duration.ofSeconds(60))
                : new WebConfig(InetAddress.getLoopbackAddress(), 0, tls, "'none'", folder, Duration.ofSeconds(60),
                        limits, AllowedHosts.of(AllowedHosts.LOOPBACK));
        this.server = WebServer.start(config, signal == null ? acceptor : signal);
    }

    /** HTTPS as {@link #https(Path)}, with these limits. */
    static TestSite https(Path temp, ConnectionLimits limits) throws Exception {
        return new TestSite(clientFolder(temp), localCertificate(), null, limits);
    }

    /** A TLS socket (handshake not yet done) to the server from {@code source} (127.0.0.x), read timeout 10 s. */
    javax.net.ssl.SSLSocket tlsSocket(InetAddress source) throws IOException {
        javax.net.ssl.SSLSocket socket = (javax.net.ssl.SSLSocket) trust.getSocketFactory()
                .createSocket(InetAddress.getLoopbackAddress(), server.port(), source, 0);
        socket.setSoTimeout(10_000);
        return socket;
    }

    /** Sends {@code request} (CRLFs included) from {@code source} over TLS; returns the status line. */
    String statusLine(InetAddress source, String request) throws IOException {
        try (javax.net.ssl.SSLSocket socket = tlsSocket(source)) {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
        }
    }

    /** HTTPS with a certificate for localhost and 127.0.0.1, serving a temporary client folder; echoes. */
    static TestSite https(Path temp) throws Exception {
        return new TestSite(clientFolder(temp), localCertificate(), null);
    }

    /** Like {@link #https(Path)} with another acceptor. */
    static TestSite https(Path temp, ConnectionAcceptor signal) throws Exception {
        return new TestSite(clientFolder(temp), localCertificate(), signal);
    }

    static TestSite plainHttp(Path temp) throws Exception {
        return new TestSite(clientFolder(temp), null, null);
    }

    static TlsIdentity localCertificate() throws WebException {
        return Certificates.selfSigned(List.of("localhost"), List.of(InetAddress.getLoopbackAddress()), Instant.now());
    }

    static Path clientFolder(Path temp) throws IOException {
        Path folder = temp.resolve("web");
        Files.createDirectories(folder.resolve("views"));
        Files.writeString(folder.resolve("index.html"), INDEX);
        Files.writeString(folder.resolve("app.js"), "export const x = 1;\n");
        Files.writeString(folder.resolve("style.css"), "body { margin: 0 }\n");
        Files.writeString(folder.resolve("icon.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
        Files.write(folder.resolve("logo.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        Files.writeString(folder.resolve("views/chat.js"), "export {};\n");
        Files.writeString(folder.resolve(".secret"), "hidden");
        Files.writeString(temp.resolve("outside.txt"), "outside the client folder");
        return folder;
    }

    private static SSLContext trusting(TlsIdentity tls) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("parley", tls.leaf());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    String origin() {
        return server.scheme() + "://localhost:" + server.port();
    }

    URI uri(String path) {
        return URI.create(origin() + path);
    }

    HttpResponse<String> get(String path, String... headers) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).GET(), headers);
    }

    HttpResponse<String> send(HttpRequest.Builder request, String... headers) throws Exception {
        HttpClient.Builder client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1);
        if (trust != null) client.sslContext(trust);
        if (headers.length > 0) request.headers(headers);
        try (HttpClient c = client.build()) {
            return c.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    /** Sends one request line exactly as written (no client-side path normalization); returns the whole response. */
    String raw(String requestTarget) throws IOException {
        return raw(requestTarget.getBytes(StandardCharsets.US_ASCII));
    }

    /** As {@link #raw(String)} with the request target's bytes as they are (UTF-8, or not). */
    String raw(byte[] requestTarget) throws IOException {
        Socket socket = trust == null ? new Socket("localhost", server.port())
                : trust.getSocketFactory().createSocket("localhost", server.port());
        try (socket) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write("GET ".getBytes(StandardCharsets.US_ASCII));
            out.write(requestTarget);
            out.write((" HTTP/1.1\r\nHost: localhost:" + server.port()
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            in.transferTo(response);
            return response.toString(StandardCharsets.UTF_8);
        }
    }

    /** Opens /ws with these extra headers ("Origin", value, ...); fails with the upgrade's error. */
    ClientSocket connect(String... headers) throws Exception {
        if (wsClient == null) {
            wsClient = new WebSocketClient();
            SslContextFactory.Client ssl = new SslContextFactory.Client();
            if (trust != null) ssl.setSslContext(trust);
            wsClient.getHttpClient().setSslContextFactory(ssl);
            wsClient.setMaxTextMessageSize(4 << 20);
            wsClient.start();
        }
        String ws = (server.scheme().equals("https") ? "wss" : "ws") + "://localhost:" + server.port() + "/ws";
        ClientUpgradeRequest request = new ClientUpgradeRequest(URI.create(ws));
        for (int i = 0; i < headers.length; i += 2) request.setHeader(headers[i], headers[i + 1]);
        ClientSocket socket = new ClientSocket();
        wsClient.connect(socket, request).get(10, TimeUnit.SECONDS);
        return socket;
    }

    @Override
    public void close() {
        try {
            if (wsClient != null) wsClient.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the WebSocket client", e);
        } finally {
            server.close();
        }
    }

    /** The client end of a test WebSocket: received texts and the close code. */
    public static final class ClientSocket implements Session.Listener.AutoDemanding {
        final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        volatile Session session;

        @Override
        public void onWebSocketOpen(Session s) {
            session = s;
        }

        @Override
        public void onWebSocketText(String text) {
            texts.add(text);
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason, org.eclipse.jetty.websocket.api.Callback callback) {
            closed.complete(statusCode);
            callback.succeed();
        }

        @Override
        public void onWebSocketError(Throwable cause) {
            closed.complete(-1);
        }

        String next() throws InterruptedException {
            return texts.poll(10, TimeUnit.SECONDS);
        }

        int closeCode() throws Exception {
            return closed.get(10, TimeUnit.SECONDS);
        }
    }

    /** Echoes every text back; counts connections and their ends. */
    static final class EchoAcceptor implements ConnectionAcceptor {
        final BlockingQueue<String> events = new LinkedBlockingQueue<>();

        @Override
        public Connection accept(parley.signal.Outbound out) {
            events.add("open");
            return new Connection() {
                @Override
                public void onText(String text) {
                    out.send(text);
                }

                @Override
                public void onClose() {
                    events.add("close");
                }
            };
        }
    }
}
