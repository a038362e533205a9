package parley.e2e;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;

/**
 * Starts the Parley server under test in this JVM (a jar does not exist during
 * {@code mvn test}) on free ports, with its logs captured, and waits until its HTTPS port
 * accepts connections.
 */
public final class TestServer {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(15);

    /** Starts a server and returns something that stops it. */
    @FunctionalInterface
    public interface Launcher {
        AutoCloseable start(ServerSpec spec) throws Exception;
    }

    private TestServer() {}

    /** A server on free ports advertising 127.0.0.1. */
    public static ServerHandle start() {
        return start(ServerSpec.onFreePorts(List.of("127.0.0.1")));
    }

    /** A server as {@code spec} says. */
    public static ServerHandle start(ServerSpec spec) {
        return start(spec, TestServer::startParley);
    }

    /** A server started by {@code launcher} (the harness's own tests use a stand-in). */
    public static ServerHandle start(ServerSpec spec, Launcher launcher) {
        // A pooled browser forgets what this server's pages stored (a port may come round again).
        origins(spec).forEach(ChromiumPool::serving);
        LogCapture logs = LogCapture.start();
        AutoCloseable server;
        try {
            server = launcher.start(spec);
        } catch (Exception e) {
            logs.close();
            throw new E2eException("the server did not start; log:\n" + logs.tail(100), e);
        }
        ServerHandle handle = new ServerHandle(spec, server, logs);
        try {
            Poll.until("the server accepting connections on TCP port " + spec.httpPort(), READY_TIMEOUT,
                    () -> accepts(spec.httpPort()));
        } catch (AssertionError e) {
            handle.close();
            throw new E2eException(e.getMessage() + "; log:\n" + logs.tail(100), e);
        }
        return handle;
    }

    /**
     * Starts Parley in this JVM from {@code spec}: HTTPS + WebSocket with a generated
     * certificate, the media port bound on all addresses (so a Firefox in a network
     * namespace reaches it over its veth), the spec's ICE candidate addresses, and each
     * setting as the flag of the same name ({@code "host-policy" -> "--host-policy=..."}).
     */
    static AutoCloseable startParley(ServerSpec spec) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of(
                "--http-port=" + spec.httpPort(),
                "--media-port=" + spec.mediaPort(),
                "--public-ip=" + String.join(",", spec.publicIps())));
        spec.settings().forEach((name, value) -> args.add("--" + name + (value.isEmpty() ? "" : "=" + value)));
        parley.app.Config config = parley.app.Config.parse(args.toArray(String[]::new));
        return parley.app.Main.start(config, java.time.InstantSource.system());
    }

    /** The origins the browsers may reach the server of {@code spec} at. */
    static List<String> origins(ServerSpec spec) {
        List<String> origins = new java.util.ArrayList<>();
        spec.publicIps().forEach(ip -> origins.add("https://" + ip + ":" + spec.httpPort()));
        origins.add("https://localhost:" + spec.httpPort());
        return origins;
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
