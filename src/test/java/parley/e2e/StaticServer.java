package parley.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.Executors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A tiny web server for harness self-tests: fixed pages (path to HTML) over HTTP or over
 * HTTPS with a self-signed certificate, like the one Parley generates. Binds to one
 * address (loopback, or a veth address for a browser in a network namespace).
 */
public final class StaticServer implements AutoCloseable {
    private final HttpServer server;
    private final String origin;

    private StaticServer(HttpServer server, String origin) {
        this.server = server;
        this.origin = origin;
    }

    /** Serves {@code pages} (path such as "/gum" to HTML) on an ephemeral port of {@code bind}. */
    public static StaticServer start(InetAddress bind, boolean https, Map<String, String> pages) {
        try {
            InetSocketAddress address = new InetSocketAddress(bind, 0);
            HttpServer server;
            if (https) {
                HttpsServer tls = HttpsServer.create(address, 16);
                tls.setHttpsConfigurator(new HttpsConfigurator(selfSignedContext()));
                server = tls;
            } else {
                server = HttpServer.create(address, 16);
            }
            pages.forEach((path, html) -> server.createContext(path, exchange -> serve(exchange, path, html)));
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            String origin = (https ? "https://" : "http://") + bind.getHostAddress() + ":" + server.getAddress().getPort();
            ChromiumPool.serving(origin); // a pooled browser forgets what its pages stored
            return new StaticServer(server, origin);
        } catch (IOException | java.security.GeneralSecurityException
                 | org.bouncycastle.operator.OperatorCreationException e) {
            throw new E2eException("cannot start the static test server", e);
        }
    }

    /** The absolute URL of {@code path} on this server. */
    public String url(String path) {
        return origin + path;
    }

    @Override
    public void close() {
        server.stop(0);
        ChromiumPool.stopped(origin);
    }

    private static void serve(HttpExchange exchange, String path, String html) throws IOException {
        byte[] body = html.getBytes(StandardCharsets.UTF_8);
        boolean exact = exchange.getRequestURI().getPath().equals(path);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(exact ? 200 : 404, exact ? body.length : -1);
        try (OutputStream out = exchange.getResponseBody()) {
            if (exact) {
                out.write(body);
            }
        }
    }

    private static SSLContext selfSignedContext() throws java.security.GeneralSecurityException,
            IOException, org.bouncycastle.operator.OperatorCreationException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        KeyPair keys = generator.generateKeyPair();
        X500Name name = new X500Name("CN=parley-e2e");
        Instant now = Instant.now();
        var builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(7))), name, keys.getPublic());
        X509Certificate cert = new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        char[] password = "e2e".toCharArray();
        store.setKeyEntry("e2e", keys.getPrivate(), password, new X509Certificate[] {cert});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        return context;
    }
}
