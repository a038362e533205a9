package parley.e2e;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * One Parley server per test class:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final ParleyServerExtension parley = ParleyServerExtension.withNetNs();
 *
 * @Test void aliceSeesBob(ServerHandle server) { ... server.roomUrl("127.0.0.1", room) ... }
 * }</pre>
 *
 * It starts the server before the class's tests (advertising 127.0.0.1, and with
 * {@link #withNetNs()} also the root side of a fresh {@link NetNs} for Firefox), injects
 * {@link ServerHandle} (and {@link NetNs}) parameters, appends the server's last log lines
 * to a failing test's error, and stops everything after the class. Without network
 * namespaces, a {@link #withNetNs()} class is skipped with a loud message.
 */
public final class ParleyServerExtension
        implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback, ParameterResolver,
        TestExecutionExceptionHandler {
    private static final int FAILURE_LOG_LINES = 80;

    private final boolean withNetNs;
    /** Server flags by name ({@code "host-policy" -> "secret"}), see {@link ServerSpec#settings()}. */
    private final Map<String, String> settings;
    private ServerHandle server;
    private NetNs netns;
    /** Why every test of the class is skipped (per test, so that reports count them), or null. */
    private String skipReason;

    private ParleyServerExtension(boolean withNetNs, Map<String, String> settings) {
        this.withNetNs = withNetNs;
        this.settings = Map.copyOf(settings);
    }

    /** A server advertising 127.0.0.1 (Chromium and aiortc on this host). */
    public static ParleyServerExtension onLoopback() {
        return new ParleyServerExtension(false, Map.of());
    }

    /** Also a network namespace whose root-side address the server advertises (Firefox). */
    public static ParleyServerExtension withNetNs() {
        return new ParleyServerExtension(true, Map.of());
    }

    /** The same server with flag {@code --name=value} as well. */
    public ParleyServerExtension withSetting(String name, String value) {
        Map<String, String> more = new HashMap<>(settings);
        more.put(name, value);
        return new ParleyServerExtension(withNetNs, more);
    }

    public ServerHandle server() {
        return server;
    }

    /** The start page as the browsers on this host reach it. */
    public String home() {
        return server.baseUrl().toString();
    }

    /** The link to meeting {@code room} as the browsers on this host reach it. */
    public String link(String room) {
        return server.roomUrl("127.0.0.1", room);
    }

    /** Whether this class's tests are skipped (a {@code @BeforeAll} then starts no browsers). */
    public boolean skipped() {
        return skipReason != null;
    }

    /** The namespace, or null without {@link #withNetNs()}. */
    public NetNs netns() {
        return netns;
    }

    /**
     * The privacy check of a class's teardown: fails when the server's log holds any of
     * {@code secrets} (the room names, participant names and chat text the class used), the
     * loopback address, or this class's namespace addresses. Does nothing without a server.
     */
    public void assertLogNeverHeld(String... secrets) {
        if (server == null) {
            return;
        }
        List<String> all = new ArrayList<>(List.of(secrets));
        all.add("127.0.0.1");
        if (netns != null) {
            all.addAll(List.of(netns.hostAddress(), netns.nsAddress()));
        }
        server.logs().assertNoneContain(all.toArray(String[]::new));
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        List<String> publicIps = new ArrayList<>(List.of("127.0.0.1"));
        if (withNetNs) {
            var unavailable = NetNs.unavailableReason();
            if (unavailable.isPresent()) {
                skip(context, "network namespaces are unavailable: " + unavailable.get());
                return;
            }
            netns = NetNs.create();
            publicIps.add(netns.hostAddress());
        }
        try {
            ServerSpec spec = ServerSpec.onFreePorts(publicIps);
            for (Map.Entry<String, String> setting : settings.entrySet()) {
                spec = spec.withSetting(setting.getKey(), setting.getValue());
            }
            server = TestServer.start(spec);
        } catch (RuntimeException e) {
            closeNetNs();
            throw e;
        }
    }

    private void skip(ExtensionContext context, String why) {
        skipReason = "SKIPPING " + context.getDisplayName() + ": " + why;
        System.err.println("!!!!!!!! " + skipReason);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        Assumptions.assumeTrue(skipReason == null, () -> skipReason);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            server = null;
            closeNetNs();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == ServerHandle.class || (type == NetNs.class && withNetNs);
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == ServerHandle.class ? server : netns;
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        if (server != null && !(failure instanceof org.opentest4j.TestAbortedException)) {
            failure.addSuppressed(new ServerLog(server.logs().tail(FAILURE_LOG_LINES)));
        }
        throw failure;
    }

    private void closeNetNs() {
        if (netns != null) {
            netns.close();
            netns = null;
        }
    }

    /** Carries the server's log tail into a failure report. */
    private static final class ServerLog extends Exception {
        ServerLog(String tail) {
            super("last server log lines:\n" + tail, null, false, false);
        }
    }
}
