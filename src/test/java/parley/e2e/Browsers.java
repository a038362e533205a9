package parley.e2e;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the browsers are and how they are started: explicit paths only, so that Selenium
 * Manager never looks for (or downloads) a driver, and flags that keep them from making
 * any request to the outside.
 */
public final class Browsers {
    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    public static final Path FIREFOX = Path.of("/usr/bin/firefox-esr");
    /** The system Python that has aiortc (the first python3 on PATH may be another one). */
    public static final Path PYTHON = Path.of("/usr/bin/python3");

    /** Held so that its level sticks: Selenium warns on every start that it has no CDP for this version. */
    private static final java.util.logging.Logger CDP_LOGGER =
            java.util.logging.Logger.getLogger("org.openqa.selenium.devtools");

    static {
        CDP_LOGGER.setLevel(java.util.logging.Level.SEVERE);
        // Belt and braces: with the driver given to the service Selenium skips its manager;
        // these make any other code path use the same binaries and stay offline.
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        System.setProperty("SE_OFFLINE", "true");
        System.setProperty("selenium.manager.offline", "true");
    }

    private Browsers() {}

    /** Starts a headless Chromium whose fake camera and microphone are participant {@code mediaIndex}'s. */
    public static ChromiumSession chromium(int mediaIndex) {
        return ChromiumSession.start(mediaIndex, List.of());
    }

    /** Chromiums 0 to {@code n - 1}, started side by side. */
    public static List<ChromiumSession> chromiums(int n) {
        List<java.util.concurrent.CompletableFuture<ChromiumSession>> starting = java.util.stream.IntStream.range(0, n)
                .mapToObj(i -> java.util.concurrent.CompletableFuture.supplyAsync(() -> chromium(i))).toList();
        return starting.stream().map(java.util.concurrent.CompletableFuture::join).toList();
    }

    /**
     * Chromiums 0 to {@code n - 1} that verify certificates and trust {@code ca}'s (and the
     * public CAs'), as a user's browser trusts a real server's: for TLS that must be proven
     * checked, e.g. TURN over TLS.
     */
    public static List<ChromiumSession> trustingChromiums(int n, TestCa ca) {
        List<java.util.concurrent.CompletableFuture<ChromiumSession>> starting = java.util.stream.IntStream.range(0, n)
                .mapToObj(i -> java.util.concurrent.CompletableFuture.supplyAsync(() -> ChromiumSession.start(
                        FakeMedia.y4m(i), FakeMedia.wav(i), List.of(), ca.home()))).toList();
        return starting.stream().map(java.util.concurrent.CompletableFuture::join).toList();
    }

    /** Like {@link #chromium(int)} with extra command-line flags. */
    public static ChromiumSession chromium(int mediaIndex, List<String> extraFlags) {
        return ChromiumSession.start(mediaIndex, extraFlags);
    }

    /**
     * Like {@link #chromium(int)} with a fake camera of {@code width}x{@code height} (960x540
     * and more: three simulcast layers).
     */
    public static ChromiumSession chromium(int mediaIndex, int width, int height) {
        return ChromiumSession.start(FakeMedia.y4m(mediaIndex, width, height), FakeMedia.wav(mediaIndex), List.of());
    }

    /** A headless Chromium whose fake camera and microphone play these files (a .y4m and a .wav). */
    public static ChromiumSession chromium(Path camera, Path microphone) {
        return ChromiumSession.start(camera, microphone, List.of());
    }

    /** Starts a headless Firefox ESR driven over WebDriver BiDi, inside {@code netns} when it is not null. */
    public static Firefox firefox(NetNs netns) {
        return Firefox.start(netns);
    }

    /** The Chromium command-line flags of a test browser. */
    public static List<String> chromiumFlags(Path camera, Path microphone, Path userDataDir) {
        List<String> flags = new ArrayList<>(List.of(
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-default-apps",
                "--disable-breakpad", "--disable-domain-reliability",
                "--disable-client-side-phishing-detection", "--metrics-recording-only",
                "--password-store=basic", "--mute-audio", "--ignore-certificate-errors",
                // Tabs behind other tabs keep running timers and media at full rate.
                "--disable-background-timer-throttling", "--disable-backgrounding-occluded-windows",
                "--disable-renderer-backgrounding",
                "--disable-features=Translate,OptimizationHints,MediaRouter,DialMediaRouteProvider",
                "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
                "--allow-loopback-in-peer-connection", "--autoplay-policy=no-user-gesture-required",
                // The client speaks the browser's language (web/i18n.js): tests read English
                // whatever the machine's locale; an extra --accept-lang (given later) wins.
                "--accept-lang=en-US,en"));
        flags.add("--use-file-for-fake-video-capture=" + camera);
        flags.add("--use-file-for-fake-audio-capture=" + microphone);
        flags.add("--user-data-dir=" + userDataDir);
        return flags;
    }
}
