package parley.e2e.ui;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import parley.e2e.ServerHandle;
import parley.e2e.ServerSpec;
import parley.e2e.TestServer;

/**
 * One in-process Parley server (advertising 127.0.0.1) per test class, with optional server
 * flags:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final UiServer server = UiServer.onLoopback().withSetting("host-policy", "secret");
 * }</pre>
 *
 * Like {@code ParleyServerExtension}, but configurable, which the host-policy test needs.
 * A failing test's error gets the server's last log lines.
 */
final class UiServer implements BeforeAllCallback, AfterAllCallback, TestExecutionExceptionHandler {
    private static final int FAILURE_LOG_LINES = 60;
    private static final String ROOM_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, String> settings;
    private ServerHandle server;

    private UiServer(Map<String, String> settings) {
        this.settings = Map.copyOf(settings);
    }

    static UiServer onLoopback() {
        return new UiServer(Map.of());
    }

    /** The same server with flag {@code --name=value} as well. */
    UiServer withSetting(String name, String value) {
        Map<String, String> more = new HashMap<>(settings);
        more.put(name, value);
        return new UiServer(more);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        ServerSpec spec = ServerSpec.onFreePorts(List.of("127.0.0.1"));
        for (Map.Entry<String, String> setting : settings.entrySet()) {
            spec = spec.withSetting(setting.getKey(), setting.getValue());
        }
        long t0 = System.nanoTime();
        server = TestServer.start(spec);
        System.out.printf("server started in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        if (server != null) {
            failure.addSuppressed(new ServerLog(server.logs().tail(FAILURE_LOG_LINES)));
        }
        throw failure;
    }

    /** The start page. */
    String home() {
        return server.baseUrl().toString();
    }

    /** The link to meeting {@code room}. */
    String link(String room) {
        return server.roomUrl("127.0.0.1", room);
    }

    /** A meeting name nobody has used: "ui-" and 12 random letters and digits. */
    static String newRoom() {
        StringBuilder name = new StringBuilder("ui-");
        for (int i = 0; i < 12; i++) {
            name.append(ROOM_ALPHABET.charAt(RANDOM.nextInt(ROOM_ALPHABET.length())));
        }
        return name.toString();
    }

    /**
     * The privacy rule, checked at a class's end: no captured log line holds any of
     * {@code secrets} (room names, names, chat text, passwords the class used) or the
     * loopback address the browsers came from.
     */
    void assertLogsNeverHeld(Collection<String> secrets) {
        List<String> all = new ArrayList<>(secrets);
        all.add("127.0.0.1");
        server.logs().assertNoneContain(all.toArray(String[]::new));
    }

    /** Carries the server's log tail into a failure report. */
    private static final class ServerLog extends Exception {
        ServerLog(String tail) {
            super("last server log lines:\n" + tail, null, false, false);
        }
    }
}
