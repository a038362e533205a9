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
 *
 * <p>Until the server exists, {@link #startParley} is a stub: tests that need a server
 * are then skipped, loudly, instead of failing.
 */
public final class TestServer {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(15);

    /** Starts a server and returns something that stops it. */
    @FunctionalInterface
    public interface Launcher {
        AutoCloseable start(ServerSpec spec) throws Exception;
    }

    /** Thrown by the stub {@link #startParley} while the real server is not wired in. */
    static final class NotWiredException extends UnsupportedOperationException {
        NotWiredException() {
            super("TestServer.startParley is not wired to the Parley server yet");
        }
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
        LogCapture logs = LogCapture.start();
        AutoCloseable server;
        try {
            server = launcher.start(spec);
        } catch (NotWiredException e) {
            logs.close();
            throw e;
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

    /*
     * >>> LEAD: fill in at merge. <<<
     * Start Parley in this JVM from `spec` and return what stops it, e.g.:
     *
     *     Config config = Config.defaults()
     *             .withHttpPort(spec.httpPort())          // HTTPS + WebSocket, self-signed
     *             .withMediaPort(spec.mediaPort())        // the one UDP port
     *             .withPublicIps(spec.publicIps())        // ICE host candidates
     *             .with(spec.settings());                 // e.g. hostToken, lobby defaults
     *     return parley.app.Parley.start(config);        // must be AutoCloseable
     *
     * It must bind the media port on all addresses (0.0.0.0), so that a Firefox in a
     * network namespace reaches it over the veth.
     */
    static AutoCloseable startParley(ServerSpec spec) throws Exception {
        throw new NotWiredException();
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
