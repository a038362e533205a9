package parley.e2e;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.MalformedURLException;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.openqa.selenium.remote.RemoteWebDriver;

/**
 * A headless Chromium inside a {@link NetNs}, driven like any other {@link ChromiumSession}:
 * chromedriver runs in the namespace ({@code ip netns exec}), so the Chromium it starts has
 * only the namespace's network (its veth and loopback, and whatever the test does to them, such
 * as dropping UDP with iptables); it listens on every interface of the namespace and admits only
 * the root side's address, and Selenium reaches it over the veth. Thread-safe.
 */
public final class NetNsChromium {
    /** Inside a fresh namespace every port is free; each Chromium of a namespace takes the next. */
    private static final int FIRST_DRIVER_PORT = 9515;
    private static final AtomicInteger NEXT = new AtomicInteger();
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private NetNsChromium() {}

    /** Starts Chromium in {@code ns} with participant {@code mediaIndex}'s fake camera and microphone. */
    public static ChromiumSession start(NetNs ns, int mediaIndex, List<String> extraFlags) {
        String label = ChromiumSession.nextLabel() + "@" + ns.name();
        long t0 = System.nanoTime();
        Path userDataDir;
        Path driverLog;
        try {
            userDataDir = Files.createTempDirectory("parley-chromium-ns-profile");
            driverLog = Files.createTempFile("parley-chromium-ns-driver", ".log");
        } catch (IOException e) {
            throw new E2eException("cannot create a Chromium profile directory", e);
        }
        int port = FIRST_DRIVER_PORT + NEXT.getAndIncrement() % 1000;
        Process driverProcess = Processes.start(ns.exec(List.of(Browsers.CHROMEDRIVER.toString(), "--port=" + port,
                "--allowed-ips=" + ns.hostAddress())), driverLog, Map.of());
        try {
            Poll.until(label + ": chromedriver listening in the namespace", START_TIMEOUT,
                    () -> driverProcess.isAlive() && accepts(ns.nsAddress(), port));
            RemoteWebDriver driver = new RemoteWebDriver(URI.create("http://" + ns.nsAddress() + ":" + port).toURL(),
                    ChromiumSession.options(FakeMedia.y4m(mediaIndex), FakeMedia.wav(mediaIndex), userDataDir,
                            extraFlags));
            ChromiumSession.setTimeouts(driver);
            return new ChromiumSession(label, () -> Processes.kill(driverProcess), driver, userDataDir, driverLog,
                    (System.nanoTime() - t0) / 1_000_000);
        } catch (RuntimeException | AssertionError | MalformedURLException e) {
            String log = Processes.readLog(driverLog);
            Processes.kill(driverProcess);
            Processes.deleteTree(userDataDir);
            Processes.deleteTree(driverLog);
            throw new E2eException(label + " did not start: " + e.getMessage() + "; chromedriver log: "
                    + Json.abbreviate(log, 2000), e);
        }
    }

    private static boolean accepts(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
