package parley.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;

/** The composition root on loopback: starts with the built-in client, answers, stops. */
class MainTest {
    static Config config(String... args) {
        return Config.parse(args, Map.of(), () -> List.of(ConfigTest.ip("127.0.0.1")));
    }

    static HttpResponse<String> get(String url, SSLContext ssl) throws Exception {
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1);
        if (ssl != null) builder.sslContext(ssl);
        try (HttpClient client = builder.build()) {
            return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }

    /** Accepts any certificate: this test checks what the server presents instead. */
    static SSLContext trustAll() throws Exception {
        X509TrustManager all = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, new TrustManager[] {all}, null);
        return ssl;
    }

    @Test
    void httpsWithGeneratedCertificate() throws Exception {
        Config config = config("--http-port", "0", "--bind", "127.0.0.1");
        try (Main.Running running = Main.start(config, InstantSource.system())) {
            List<String> urls = Main.urls(config, running.web());
            assertEquals(List.of("https://127.0.0.1:" + running.web().port() + "/"), urls);
            HttpResponse<String> r = get(urls.get(0) + "healthz", trustAll());
            assertEquals("ok", r.body());
            X509Certificate cert = (X509Certificate) r.sslSession().orElseThrow().getPeerCertificates()[0];
            List<String> names = cert.getSubjectAlternativeNames().stream().map(n -> n.get(1).toString()).toList();
            assertTrue(names.contains("localhost") && names.contains("127.0.0.1"), names.toString());
            assertEquals("TLSv1.3", r.sslSession().orElseThrow().getProtocol());
            assertTrue(get(urls.get(0), trustAll()).body().contains("<html"), "the built-in client");
        }
    }

    @Test
    void plainHttpAndCleanStop() throws Exception {
        Config config = config("--http-port", "0", "--bind", "127.0.0.1", "--plain-http");
        Main.Running running = Main.start(config, InstantSource.system());
        int port = running.web().port();
        assertEquals(200, get("http://127.0.0.1:" + port + "/healthz", null).statusCode());
        running.close();
        assertTrue(running.timers().isShutdown());
        assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", port).close());
    }

    @Test
    void wildcardBindShowsLocalhostFirst() throws Exception {
        Config config = config("--http-port", "0", "--bind", "0.0.0.0", "--plain-http");
        try (Main.Running running = Main.start(config, InstantSource.system())) {
            assertEquals("http://localhost:" + running.web().port() + "/", Main.urls(config, running.web()).get(0));
        }
    }
}
