package parley.e2e;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.remote.RemoteWebDriver;

/**
 * Chromiums a test class closed, kept for the next class of this JVM that asks for one with the
 * same fake camera, microphone and flags: starting a Chromium costs 3 to 9 s on two cores, and
 * some 40 classes start about 80 of them. A browser comes back as new as a fresh one for what
 * the tests can see: one new tab on about:blank (the old tabs, with their page state, scripts
 * and emulation overrides, are closed), the window at its first size, no cookies, and no
 * storage for any origin a test server served while the browser was in use ({@link #serving})
 * or a tab was last on. At most {@value #MAX_IDLE} wait, the oldest is quit beyond that; the rest are quit
 * when the JVM exits. Browsers that check certificates (a per-class CA) or run in a network
 * namespace are never pooled. Thread-safe.
 */
final class ChromiumPool {
    /** Idle browsers kept: each holds 150 to 250 MB while it waits. */
    private static final int MAX_IDLE = 4;

    /** What a browser was started with: a pooled one is only handed out for the same. */
    record Key(Path camera, Path microphone, List<String> extraFlags) {
        Key {
            extraFlags = List.copyOf(extraFlags);
        }
    }

    /** A running Chromium between two sessions (key and windowSize null: one that is only ever quit). */
    record Idle(Key key, Runnable stopDriver, RemoteWebDriver driver, Path userDataDir, Path driverLog,
                Dimension windowSize, Set<String> origins) {
        void quit() {
            try {
                driver.quit();
            } catch (RuntimeException e) {
                // the browser may already be gone; stopping the driver below ends it
            } finally {
                stopDriver.run();
                Processes.deleteTree(userDataDir);
                Processes.deleteTree(driverLog);
            }
        }
    }

    /** A browser given back: ready when its reset ended (null when it failed and the browser was quit). */
    private record Waiting(Key key, CompletableFuture<Idle> ready) {}

    private static final Deque<Waiting> IDLE = new ArrayDeque<>();
    /** Resets and evictions run here, beside the tests; daemon threads, so they never hold the JVM up. */
    private static final Executor RESETS = Executors.newThreadPerTaskExecutor(
            Thread.ofPlatform().daemon().name("chromium-pool-", 0).factory());
    /** The origins test servers serve now. */
    private static final Set<String> SERVING = ConcurrentHashMap.newKeySet();
    /** Per browser in use: the origins served while it was (all it may have stored data for). */
    private static final Set<Set<String>> LEASES = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ChromiumPool::quitAll, "chromium-pool-exit"));
    }

    private ChromiumPool() {}

    /** A test server serves {@code origin} ({@code https://127.0.0.1:8443}) from now on. */
    static void serving(String origin) {
        SERVING.add(origin);
        for (Set<String> lease : LEASES) {
            lease.add(origin);
        }
    }

    /** The server of {@code origin} stopped. */
    static void stopped(String origin) {
        SERVING.remove(origin);
    }

    /**
     * A browser is in use from now until {@link #give}: the set collects the origins it may
     * store data for (those served now, and those served later).
     */
    static Set<String> lease() {
        Set<String> origins = ConcurrentHashMap.newKeySet();
        LEASES.add(origins);
        origins.addAll(SERVING);
        return origins;
    }

    /** A browser that is quit, not given back. */
    static void endLease(Set<String> origins) {
        LEASES.remove(origins);
    }

    /**
     * An idle browser started with {@code key} (waiting for its reset to end, which is quicker
     * than starting one), or null: then the caller starts one.
     */
    static Idle take(Key key) {
        while (true) {
            Waiting found = null;
            synchronized (IDLE) {
                for (Iterator<Waiting> it = IDLE.iterator(); it.hasNext(); ) {
                    Waiting waiting = it.next();
                    if (waiting.key().equals(key)) {
                        it.remove();
                        found = waiting;
                        break;
                    }
                }
            }
            if (found == null) {
                return null;
            }
            Idle idle = found.ready().join();
            if (idle != null) {
                return idle;
            }
            // its reset failed and it was quit: look again
        }
    }

    /**
     * Keeps {@code browser} once it is made as new, which happens on a thread of its own while the
     * tests go on; quits it instead when that fails (a crashed browser, say), or the oldest
     * waiting one beyond {@link #MAX_IDLE}.
     */
    static void give(Idle browser) {
        LEASES.remove(browser.origins());
        CompletableFuture<Idle> ready = CompletableFuture.supplyAsync(() -> {
            try {
                long t0 = System.nanoTime();
                reset(browser);
                System.out.printf("chromium pool: reset in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
                return browser;
            } catch (RuntimeException e) {
                System.err.println("chromium pool: quitting a browser that could not be reset: " + e);
                browser.quit();
                return null;
            }
        }, RESETS);
        Waiting evicted = null;
        synchronized (IDLE) {
            IDLE.addLast(new Waiting(browser.key(), ready));
            if (IDLE.size() > MAX_IDLE) {
                evicted = IDLE.removeFirst();
            }
        }
        if (evicted != null) {
            evicted.ready().thenAcceptAsync(idle -> {
                if (idle != null) {
                    idle.quit();
                }
            }, RESETS);
        }
    }

    /** One fresh tab, the others closed, the window at its first size, no cookies and no stored data. */
    private static void reset(Idle browser) {
        RemoteWebDriver driver = browser.driver();
        Set<String> origins = new java.util.HashSet<>(browser.origins());
        List<String> old = new ArrayList<>(driver.getWindowHandles());
        for (String handle : old) {
            driver.switchTo().window(handle);
            Object origin = driver.executeScript("return location.origin");
            if (origin instanceof String o && o.startsWith("http")) {
                origins.add(o);
            }
        }
        driver.switchTo().newWindow(WindowType.TAB);
        String fresh = driver.getWindowHandle();
        for (String handle : old) {
            driver.switchTo().window(handle);
            driver.close();
        }
        driver.switchTo().window(fresh);
        ChromeDriver chrome = (ChromeDriver) driver;
        chrome.executeCdpCommand("Network.clearBrowserCookies", Map.of());
        chrome.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "default"));
        for (String origin : origins) {
            chrome.executeCdpCommand("Storage.clearDataForOrigin", Map.of("origin", origin, "storageTypes", "all"));
        }
        if (!driver.manage().window().getSize().equals(browser.windowSize())) {
            driver.manage().window().setSize(browser.windowSize());
        }
    }

    private static void quitAll() {
        List<Waiting> all;
        synchronized (IDLE) {
            all = new ArrayList<>(IDLE);
            IDLE.clear();
        }
        all.parallelStream().map(w -> w.ready().join()).filter(java.util.Objects::nonNull).forEach(Idle::quit);
    }
}
