package parley.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The web client's poll book (web/polls.js), checked by src/test/js/polls.test.mjs under
 * node's test runner: counts, names only when not anonymous, our own vote, a rejoin, garbage
 * ignored. The real thing is SocialUiTest.
 */
class PollsScriptTest {
    @Test
    void keepsPollsAsTheServerSays() throws IOException, InterruptedException {
        Process node = new ProcessBuilder("node", "--test", "src/test/js/polls.test.mjs")
                .redirectErrorStream(true).start();
        String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!node.waitFor(60, TimeUnit.SECONDS)) node.destroyForcibly();
        assertEquals(0, node.exitValue(), out);
    }
}
