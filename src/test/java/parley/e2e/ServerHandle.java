package parley.e2e;

import java.net.URI;

/**
 * A running Parley server as an end-to-end test sees it: where to point browsers and
 * aiortc, and what it logged. Closing stops the server and the log capture.
 */
public final class ServerHandle implements AutoCloseable {
    private final ServerSpec spec;
    private final AutoCloseable server;
    private final LogCapture logs;

    ServerHandle(ServerSpec spec, AutoCloseable server, LogCapture logs) {
        this.spec = spec;
        this.server = server;
        this.logs = logs;
    }

    public ServerSpec spec() {
        return spec;
    }

    /** {@code https://127.0.0.1:<port>/}: the web client. */
    public URI baseUrl() {
        return URI.create("https://127.0.0.1:" + spec.httpPort() + "/");
    }

    /** The meeting page of {@code room} as seen from {@code host} (e.g. a {@link NetNs#hostAddress()}). */
    public String roomUrl(String host, String room) {
        return "https://" + host + ":" + spec.httpPort() + "/" + room;
    }

    /** {@code wss://127.0.0.1:<port>/ws}: signaling (for aiortc). */
    public String wsUrl() {
        return wsUrl("127.0.0.1");
    }

    /** Signaling as reached from {@code host}. */
    public String wsUrl(String host) {
        return "wss://" + host + ":" + spec.httpPort() + "/ws";
    }

    public int httpPort() {
        return spec.httpPort();
    }

    public int mediaPort() {
        return spec.mediaPort();
    }

    /**
     * The running Parley server (for test hooks such as
     * {@code running().media().setOutgoingLossForTests(...)} and {@code media().counters()}).
     *
     * @throws E2eException when this handle runs a stand-in (the harness's own tests)
     */
    public parley.app.Main.Running running() {
        if (server instanceof parley.app.Main.Running running) {
            return running;
        }
        throw new E2eException("the server under test is a " + server.getClass().getName()
                + " (expected: parley.app.Main.Running)");
    }

    /** Everything the server logged since it started. */
    public LogCapture logs() {
        return logs;
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (Exception e) {
            throw new E2eException("stopping the server failed; last log lines:\n" + logs.tail(50), e);
        } finally {
            logs.close();
            TestServer.origins(spec).forEach(ChromiumPool::stopped);
        }
    }
}
