package parley.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A headless Firefox ESR driven over WebDriver BiDi directly (no geckodriver), with a fresh
 * profile ({@link FirefoxProfile}) and fake media devices, optionally inside a {@link NetNs}.
 *
 * <p>Firefox binds its BiDi server to the loopback of its own namespace; inside a
 * namespace a small forwarder ({@code src/test/python/tcp_forward.py}) exposes it on the
 * namespace's veth address (rewriting the handshake's Host header, which Firefox checks). The BiDi session accepts insecure (self-signed) certificates.
 * Thread-safe as far as {@link BidiClient} is.
 */
public final class Firefox implements AutoCloseable {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    /** Inside a fresh namespace every port is free. */
    private static final int NS_BIDI_PORT = 9222;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final String label;
    private final Path home;
    private final Path log;
    private final Process browser;
    private final Process forwarder;
    private final BidiClient bidi;
    private final long startMs;
    private final List<Context> contexts = new ArrayList<>();

    private Firefox(String label, Path home, Path log, Process browser, Process forwarder,
                    BidiClient bidi, long startMs) {
        this.label = label;
        this.home = home;
        this.log = log;
        this.browser = browser;
        this.forwarder = forwarder;
        this.bidi = bidi;
        this.startMs = startMs;
    }

    static Firefox start(NetNs netns) {
        String label = "firefox-" + COUNTER.incrementAndGet();
        long t0 = System.nanoTime();
        Path home;
        try {
            home = Files.createTempDirectory("parley-" + label);
        } catch (IOException e) {
            throw new E2eException("cannot create a Firefox home directory", e);
        }
        Path log = home.resolve("firefox.log");
        int port = netns == null ? FreePorts.tcp() : NS_BIDI_PORT;
        Process browser = null;
        Process forwarder = null;
        try {
            browser = launch(home, log, netns, port);
            String host = "127.0.0.1";
            if (netns != null) {
                host = netns.nsAddress();
                forwarder = forward(home, netns, port);
            }
            BidiClient bidi = openSession(label, browser, log, host, port);
            Firefox firefox = new Firefox(label, home, log, browser, forwarder, bidi,
                    (System.nanoTime() - t0) / 1_000_000);
            firefox.adoptFirstContext();
            return firefox;
        } catch (RuntimeException | AssertionError e) {
            String firefoxLog = Processes.readLog(log);
            Processes.kill(browser);
            Processes.kill(forwarder);
            Processes.deleteTree(home);
            throw new E2eException(label + " did not start: " + e.getMessage() + "\nlog:\n"
                    + Json.abbreviate(firefoxLog, 3000), e);
        }
    }

    /** Starts Firefox with a fresh profile under {@code home}, BiDi on {@code port} of its loopback. */
    private static Process launch(Path home, Path log, NetNs netns, int port) {
        Path profile = home.resolve("profile");
        FirefoxProfile.write(profile);
        List<String> command = List.of(Browsers.FIREFOX.toString(), "--headless", "--no-remote",
                "--profile", profile.toString(), "--remote-debugging-port", Integer.toString(port), "about:blank");
        Map<String, String> env = Map.of("HOME", home.toString(), "MOZ_HEADLESS", "1",
                "MOZ_CRASHREPORTER_DISABLE", "1", "MOZ_DISABLE_AUTO_SAFE_MODE", "1", "MOZ_WEBGL_FORCE_EGL", "1",
                "XDG_CACHE_HOME", home.resolve("cache").toString());
        return Processes.start(netns == null ? command : netns.exec(command), log, env);
    }

    /** Exposes the namespace's loopback BiDi port on its veth address. */
    private static Process forward(Path home, NetNs netns, int port) {
        String p = Integer.toString(port);
        return Processes.start(netns.exec(Processes.python("tcp_forward.py",
                        List.of("--host", "127.0.0.1:" + p, netns.nsAddress(), p, "127.0.0.1", p))),
                home.resolve("forwarder.log"), Processes.PYTHON_ENV);
    }

    /** Waits for Firefox to listen, connects and starts a BiDi session that accepts self-signed certificates. */
    private static BidiClient openSession(String label, Process browser, Path log, String host, int port) {
        Poll.until(label + " announcing WebDriver BiDi", START_TIMEOUT, () -> {
            if (!browser.isAlive()) {
                throw new E2eException(label + " exited " + browser.exitValue());
            }
            return Processes.readLog(log).contains("WebDriver BiDi listening on");
        });
        URI uri = URI.create("ws://" + host + ":" + port + "/session");
        BidiClient bidi = Poll.await("BiDi WebSocket of " + label, Duration.ofSeconds(10),
                () -> BidiClient.connect(uri, Duration.ofSeconds(2)), c -> true);
        ObjectNode params = Json.object();
        params.putObject("capabilities").putObject("alwaysMatch").put("acceptInsecureCerts", true);
        bidi.send("session.new", params);
        return bidi;
    }

    private void adoptFirstContext() {
        JsonNode tree = bidi.send("browsingContext.getTree", Json.object().put("maxDepth", 0));
        String id = tree.path("contexts").path(0).path("context").asText();
        contexts.add(new Context(label + "/tab-1", id));
    }

    /** The first top-level browsing context. */
    public synchronized Page page() {
        return contexts.get(0);
    }

    /** Opens another tab. */
    public synchronized Page newTab() {
        JsonNode created = bidi.send("browsingContext.create", Json.object().put("type", "tab"));
        Context context = new Context(label + "/tab-" + (contexts.size() + 1), created.path("context").asText());
        contexts.add(context);
        return context;
    }

    /** The BiDi connection, for commands {@link Page} does not cover. */
    public BidiClient bidi() {
        return bidi;
    }

    /** Milliseconds from launch to a ready BiDi session. */
    public long startMs() {
        return startMs;
    }

    /** Proportional set size in kB of this Firefox's process tree. */
    public long memoryKb() {
        return ProcessMemory.pssKbOfTree(browser.toHandle());
    }

    /** Firefox's own output (stdout and stderr), for failure messages. */
    public String log() {
        return Processes.readLog(log);
    }

    @Override
    public void close() {
        try {
            bidi.send("browser.close", Json.object());
        } catch (RuntimeException e) {
            // already gone, or closing the browser dropped the connection before the answer
        }
        bidi.close();
        try {
            browser.onExit().get(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            // still running: killed below
        }
        Processes.kill(browser);
        Processes.kill(forwarder);
        Processes.deleteTree(home);
    }

    /** A top-level browsing context of this Firefox. */
    private final class Context implements Page {
        private final String contextLabel;
        private final String id;

        Context(String contextLabel, String id) {
            this.contextLabel = contextLabel;
            this.id = id;
        }

        @Override
        public String label() {
            return contextLabel;
        }

        @Override
        public void navigate(String url) {
            bidi.send("browsingContext.navigate", Json.object().put("context", id).put("url", url).put("wait", "complete"));
        }

        @Override
        public JsonNode eval(String expression) {
            ObjectNode params = Json.object().put("expression", Page.envelope(expression))
                    .put("awaitPromise", true).put("resultOwnership", "none");
            params.putObject("target").put("context", id);
            return unwrapResult(bidi.send("script.evaluate", params));
        }

        /** Uses BiDi {@code script.callFunction}: the arguments travel as one JSON string. */
        @Override
        public JsonNode call(String functionDeclaration, Object... args) {
            String wrapper = "async (argsJson) => " + Page.envelope("(" + functionDeclaration
                    + ")(...JSON.parse(argsJson))");
            ObjectNode params = Json.object().put("functionDeclaration", wrapper)
                    .put("awaitPromise", true).put("resultOwnership", "none");
            params.putArray("arguments").addObject().put("type", "string").put("value", Json.write(args));
            params.putObject("target").put("context", id);
            return unwrapResult(bidi.send("script.callFunction", params));
        }

        private JsonNode unwrapResult(JsonNode result) {
            if ("exception".equals(result.path("type").asText())) {
                throw new E2eException("JavaScript failed in " + contextLabel + ": " + result.path("exceptionDetails"));
            }
            JsonNode value = result.path("result");
            if (!"string".equals(value.path("type").asText())) {
                throw new E2eException("script in " + contextLabel + " returned " + value + " (expected: a string)");
            }
            return Page.unwrap(contextLabel, value.path("value").asText());
        }

        @Override
        public String toString() {
            return contextLabel;
        }
    }
}
