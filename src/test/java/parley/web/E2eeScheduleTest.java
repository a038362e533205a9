package parley.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The web client's key schedule and frame format (docs/e2ee.md), checked by
 * src/test/js/e2ee.test.mjs with node's WebCrypto: the clear VP8 header and nothing more, a
 * late joiner cannot read earlier frames, a leaver cannot read later ones, substituted
 * public keys make the emoji differ. Node is installed by scripts/install-test-deps.sh.
 */
class E2eeScheduleTest {
    @Test
    void keyScheduleAndFrameFormat() throws IOException, InterruptedException {
        Process node = new ProcessBuilder("node", "src/test/js/e2ee.test.mjs").redirectErrorStream(true).start();
        String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!node.waitFor(60, TimeUnit.SECONDS)) node.destroyForcibly();
        assertEquals(0, node.exitValue(), out);
    }
}
