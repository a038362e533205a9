package parley.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The web client's ICE recovery (web/ice-recovery.js), checked by
 * src/test/js/ice-recovery.test.mjs under node's test runner with mocked timers: a short
 * "disconnected" is left alone, a lasting one or "failed" restarts ICE once, a restart that
 * does not connect hands over to the rejoin. The real thing is NetworkFaultsE2eTest.
 */
class IceRecoveryScriptTest {
    @Test
    void restartsIceThenFallsBack() throws IOException, InterruptedException {
        Process node = new ProcessBuilder("node", "--test", "src/test/js/ice-recovery.test.mjs")
                .redirectErrorStream(true).start();
        String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!node.waitFor(60, TimeUnit.SECONDS)) node.destroyForcibly();
        assertEquals(0, node.exitValue(), out);
    }
}
