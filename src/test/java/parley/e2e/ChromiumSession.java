package parley.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.remote.RemoteWebDriver;

/**
 * One headless Chromium (through chromedriver) with its own profile and fake devices.
 * Several participants may be tabs of it ({@link #newTab()}); they then share its fake
 * camera file. Thread-safe: WebDriver drives one tab at a time, so every page operation
 * holds this session's lock and switches to its tab first.
 */
public final class ChromiumSession implements AutoCloseable {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final String label;
    /** Stops chromedriver (a service of this JVM, or a process in a network namespace). */
    private final Runnable stopDriver;
    private final RemoteWebDriver driver;
    private final Path userDataDir;
    private final Path driverLog;
    private final long startMs;
    private final List<Tab> tabs = new ArrayList<>();
    private String currentHandle;
    /** What it was started with when {@link #close()} hands it to {@link ChromiumPool}; null: quit it. */
    private ChromiumPool.Key poolKey;
    private org.openqa.selenium.Dimension firstWindowSize;
    /** The origins this browser may have stored data for (see ChromiumPool.lease). */
    private final java.util.Set<String> origins = ChromiumPool.lease();
    private boolean closed;

    ChromiumSession(String label, Runnable stopDriver, RemoteWebDriver driver,
                    Path userDataDir, Path driverLog, long startMs) {
        this.label = label;
        this.stopDriver = stopDriver;
        this.driver = driver;
        this.userDataDir = userDataDir;
        this.driverLog = driverLog;
        this.startMs = startMs;
        this.currentHandle = driver.getWindowHandle();
        tabs.add(new Tab(label + "/tab-1", currentHandle));
    }

    static ChromiumSession start(int mediaIndex, List<String> extraFlags) {
        return start(FakeMedia.y4m(mediaIndex), FakeMedia.wav(mediaIndex), extraFlags);
    }

    /** A label for a new browser: chromium-1, chromium-2, ... */
    static String nextLabel() {
        return "chromium-" + COUNTER.incrementAndGet();
    }

    /** The options of a test Chromium: the binary, the flags of {@link Browsers#chromiumFlags}, then {@code extraFlags}. */
    static ChromeOptions options(Path camera, Path microphone, Path userDataDir, List<String> extraFlags) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(Browsers.CHROMIUM.toFile());
        options.addArguments(Browsers.chromiumFlags(camera, microphone, userDataDir));
        options.addArguments(extraFlags);
        return options;
    }

    /** Like {@link #options} without --ignore-certificate-errors. */
    private static ChromeOptions verifyingOptions(Path camera, Path microphone, Path userDataDir, List<String> extraFlags) {
        List<String> flags = new ArrayList<>(Browsers.chromiumFlags(camera, microphone, userDataDir));
        flags.remove("--ignore-certificate-errors");
        flags.addAll(extraFlags);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(Browsers.CHROMIUM.toFile());
        options.addArguments(flags);
        return options;
    }

    /** The timeouts every test Chromium gets. */
    static void setTimeouts(WebDriver driver) {
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    /**
     * A browser of {@link ChromiumPool} started with the same camera, microphone and flags when
     * one is idle (reset, see there), else a new one; either goes back to the pool on {@link #close()}.
     */
    static ChromiumSession start(Path camera, Path microphone, List<String> extraFlags) {
        ChromiumPool.Key key = new ChromiumPool.Key(camera, microphone, extraFlags);
        long t0 = System.nanoTime();
        ChromiumPool.Idle idle = ChromiumPool.take(key);
        ChromiumSession session;
        if (idle != null) {
            session = new ChromiumSession(nextLabel(), idle.stopDriver(), idle.driver(), idle.userDataDir(),
                    idle.driverLog(), (System.nanoTime() - t0) / 1_000_000);
            session.firstWindowSize = idle.windowSize();
        } else {
            session = start(camera, microphone, extraFlags, null);
            try {
                session.firstWindowSize = session.driver.manage().window().getSize();
            } catch (RuntimeException e) {
                session.close(); // not pooled yet: quit, or the browser outlives the test
                throw new E2eException(session.label + " started but did not answer", e);
            }
        }
        session.poolKey = key;
        return session;
    }

    /**
     * With {@code trustHome} not null, Chromium runs with that HOME (whose NSS database says
     * which CAs it trusts, see {@link TestCa}) and checks every certificate: no
     * --ignore-certificate-errors.
     */
    static ChromiumSession start(Path camera, Path microphone, List<String> extraFlags, Path trustHome) {
        String label = nextLabel();
        long t0 = System.nanoTime();
        Path userDataDir;
        Path driverLog;
        try {
            userDataDir = Files.createTempDirectory("parley-" + label + "-profile");
            driverLog = Files.createTempFile("parley-" + label + "-driver", ".log");
        } catch (IOException e) {
            throw new E2eException("cannot create a Chromium profile directory", e);
        }
        ChromeOptions options = trustHome == null ? options(camera, microphone, userDataDir, extraFlags)
                : verifyingOptions(camera, microphone, userDataDir, extraFlags);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Browsers.CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogFile(driverLog.toFile())
                .withEnvironment(trustHome == null ? java.util.Map.of() : java.util.Map.of("HOME", trustHome.toString()))
                .build();
        ChromeDriver driver;
        try {
            driver = new ChromeDriver(service, options);
        } catch (RuntimeException e) {
            service.stop();
            Processes.deleteTree(userDataDir);
            throw new E2eException("Chromium did not start; chromedriver log: "
                    + Json.abbreviate(Processes.readLog(driverLog), 2000), e);
        }
        setTimeouts(driver);
        long startMs = (System.nanoTime() - t0) / 1_000_000;
        return new ChromiumSession(label, service::stop, driver, userDataDir, driverLog, startMs);
    }

    /** The first tab. */
    public Page page() {
        synchronized (this) {
            return tabs.get(0);
        }
    }

    /** Opens another tab (another participant sharing this browser's fake devices). */
    public synchronized Page newTab() {
        driver.switchTo().newWindow(WindowType.TAB);
        currentHandle = driver.getWindowHandle();
        Tab tab = new Tab(label + "/tab-" + (tabs.size() + 1), currentHandle);
        tabs.add(tab);
        return tab;
    }

    /** The underlying driver, for what {@link Page} does not cover (switch tabs through {@link Page} first). */
    public WebDriver driver() {
        return driver;
    }

    /** Milliseconds from asking for this browser to a driver ready to use it. */
    public long startMs() {
        return startMs;
    }

    /** Proportional set size in kB of this Chromium's process tree, or -1 when unknown. */
    public long memoryKb() {
        return ProcessMemory.pssKbOfTreeMatching(userDataDir.toString());
    }

    public Path userDataDir() {
        return userDataDir;
    }

    public String label() {
        return label;
    }

    /** The chromedriver log, for failure messages. */
    public String driverLog() {
        return Processes.readLog(driverLog);
    }

    /**
     * Ends this session: a pooled browser goes back to {@link ChromiumPool} for a later class,
     * any other is quit. A second call does nothing.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (poolKey != null) {
            ChromiumPool.give(new ChromiumPool.Idle(poolKey, stopDriver, driver, userDataDir, driverLog, firstWindowSize,
                    origins));
            return;
        }
        ChromiumPool.endLease(origins);
        new ChromiumPool.Idle(null, stopDriver, driver, userDataDir, driverLog, null, origins).quit();
    }

    private synchronized Object execute(String handle, String script) {
        if (!handle.equals(currentHandle)) {
            driver.switchTo().window(handle);
            currentHandle = handle;
        }
        return ((JavascriptExecutor) driver).executeAsyncScript(script);
    }

    /** Runs {@code finderFunction(...args)} in the tab and applies {@code action} to the element it returns. */
    private synchronized String onElement(String handle, String finderFunction, Object[] args,
                                          java.util.function.Consumer<WebElement> action) {
        if (!handle.equals(currentHandle)) {
            driver.switchTo().window(handle);
            currentHandle = handle;
        }
        Object found = ((JavascriptExecutor) driver).executeScript(
                "return (" + finderFunction + ").apply(null, arguments);", args);
        if (found == null) {
            return null;
        }
        if (!(found instanceof WebElement element)) {
            throw new E2eException("finder returned " + found + " (expected: an element or null)");
        }
        String name = element.getAccessibleName();
        action.accept(element);
        return name;
    }

    private synchronized void load(String handle, String url) {
        if (!handle.equals(currentHandle)) {
            driver.switchTo().window(handle);
            currentHandle = handle;
        }
        driver.get(url);
    }

    /** A tab of this browser. */
    private final class Tab implements Page, NativeInput {
        private final String tabLabel;
        private final String handle;

        Tab(String tabLabel, String handle) {
            this.tabLabel = tabLabel;
            this.handle = handle;
        }

        @Override
        public String label() {
            return tabLabel;
        }

        @Override
        public void navigate(String url) {
            load(handle, url);
        }

        @Override
        public JsonNode eval(String expression) {
            String script = "const done = arguments[arguments.length - 1];\n"
                    + Page.envelope(expression) + ".then(done);";
            Object result = execute(handle, script);
            if (!(result instanceof String json)) {
                throw new E2eException("script in " + tabLabel + " returned " + result + " (expected: a JSON string)");
            }
            return Page.unwrap(tabLabel, json);
        }

        @Override
        public String click(String finderFunction, Object... args) {
            return onElement(handle, finderFunction, args, WebElement::click);
        }

        @Override
        public String type(String text, String finderFunction, Object... args) {
            return onElement(handle, finderFunction, args, element -> {
                element.clear();
                element.sendKeys(text);
            });
        }

        @Override
        public String toString() {
            return tabLabel;
        }
    }
}
