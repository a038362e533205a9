package parley.e2e;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A real coturn (Debian's {@code turnserver}) on loopback for one test class, with the TURN
 * REST API ({@code use-auth-secret}) and nothing reachable from or sent to any other
 * address: it listens on 127.0.0.1 only, relays from 127.0.0.1, and may relay only to
 * 127.0.0.1 (the Parley server under test). Its verbose log, in a temporary folder, is how
 * tests see what it did.
 */
public final class Coturn implements AutoCloseable {
    public static final Path TURNSERVER = Path.of("/usr/bin/turnserver");
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(15);

    private final Path dir;
    private final Path log;
    private final Process process;
    private final int port;

    private Coturn(Path dir, Path log, Process process, int port) {
        this.dir = dir;
        this.log = log;
        this.process = process;
        this.port = port;
    }

    /**
     * Starts coturn on {@code port} (UDP and TCP, see {@link #freePort()}) with {@code secret}
     * as its static-auth-secret and waits until it listens.
     */
    public static Coturn start(int port, String secret) {
        return start(port, secret, null);
    }

    /**
     * TURN over TLS (the README's {@code turns:} on TCP 443): a TLS listener on {@code port}
     * with {@code cert} (PEM chain) and {@code key} (PEM), TLS 1.2 and later only.
     */
    public record Tls(int port, Path cert, Path key) {}

    /** Like {@link #start(int, String)}, and with {@code tls} not null also listening for TURN over TLS. */
    public static Coturn start(int port, String secret, Tls tls) {
        if (!Files.isExecutable(TURNSERVER)) {
            throw new E2eException(TURNSERVER + " is missing: install Debian's coturn (scripts/install-test-deps.sh)");
        }
        Path dir;
        try {
            dir = Files.createTempDirectory("parley-coturn-");
            Path log = dir.resolve("turn.log");
            Path conf = Files.writeString(dir.resolve("turnserver.conf"), String.join("\n",
                    "listening-ip=127.0.0.1",
                    "listening-port=" + port,
                    "relay-ip=127.0.0.1",
                    "use-auth-secret",
                    "static-auth-secret=" + secret,
                    "realm=parley.test",
                    "fingerprint",
                    // As the README advises, with loopback for the server's address: every peer is
                    // denied but the Parley server under test (allowed-peer-ip wins over denied-peer-ip).
                    "allow-loopback-peers",
                    "no-multicast-peers",
                    "denied-peer-ip=0.0.0.0-255.255.255.255",
                    "denied-peer-ip=::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
                    "allowed-peer-ip=127.0.0.1",
                    "no-cli", "no-dtls", "no-software-attribute",
                    tls == null ? "no-tls" : String.join("\n", "tls-listening-port=" + tls.port(),
                            "cert=" + tls.cert(), "pkey=" + tls.key(), "no-tlsv1", "no-tlsv1_1"),
                    "verbose", "simple-log", "log-file=" + log,
                    "pidfile=" + dir.resolve("turn.pid"),
                    "userdb=" + dir.resolve("turndb"), ""));
            Process process = Processes.start(List.of(TURNSERVER.toString(), "-c", conf.toString()),
                    dir.resolve("stdout.log"), Map.of());
            Coturn coturn = new Coturn(dir, log, process, port);
            try {
                Poll.until("coturn listening on UDP 127.0.0.1:" + port, READY_TIMEOUT,
                        () -> coturn.log().contains("UDP listener opened on: 127.0.0.1:" + port) || !process.isAlive());
                if (tls != null) {
                    Poll.until("coturn listening for TLS on 127.0.0.1:" + tls.port(), READY_TIMEOUT,
                            () -> coturn.log().contains("listener opened on : 127.0.0.1:" + tls.port()) || !process.isAlive());
                }
                if (!process.isAlive()) throw new E2eException("coturn exited: " + coturn.log());
            } catch (AssertionError | RuntimeException e) {
                coturn.close();
                throw e;
            }
            return coturn;
        } catch (IOException e) {
            throw new E2eException("cannot write coturn's configuration", e);
        }
    }

    /** A port free for UDP and TCP: coturn listens on both. */
    public static int freePort() {
        for (int attempt = 0; attempt < 20; attempt++) {
            int port = FreePorts.udp();
            try (ServerSocket tcp = new ServerSocket()) {
                tcp.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                return port;
            } catch (IOException e) {
                // taken for TCP: try another
            }
        }
        throw new E2eException("no port free for both UDP and TCP");
    }

    public int port() {
        return port;
    }

    /** Everything coturn logged so far. */
    public String log() {
        return Processes.readLog(log);
    }

    /** The last {@code lines} lines of coturn's log, for a failure report. */
    public String tail(int lines) {
        List<String> all = log().lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /** How many Allocate requests from {@code username} coturn accepted. */
    public long allocations(String username) {
        return count(Pattern.quote("user <" + username + ">: incoming packet ALLOCATE processed, success"));
    }

    /** How many of {@code username}'s requests coturn refused as unauthorized (wrong credential, expired). */
    public long refusals(String username) {
        return count(Pattern.quote("user <" + username + ">: ") + "incoming packet \\S+ processed, error 401");
    }

    /** How many TURN sessions of {@code username} came over TLS (coturn logs each session's cipher and method). */
    public long tlsSessions(String username) {
        return count(Pattern.quote("username=<" + username + ">") + ", lifetime=\\d+, cipher=\\S+, method=TLS");
    }

    private long count(String regex) {
        return Pattern.compile(regex).matcher(log()).results().count();
    }

    @Override
    public void close() {
        Processes.kill(process);
        Processes.deleteTree(dir);
    }
}
