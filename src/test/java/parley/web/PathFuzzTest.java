package parley.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.eclipse.jetty.http.HttpURI;

/**
 * The request target of an HTTP request and the Origin of a WebSocket upgrade: Jetty's URI parser
 * accepts or refuses the target (a 400), the path it decodes either names an asset of the client or
 * nothing, never a file outside it, and the origin check never throws. The input is the Origin
 * header, a line feed, then the request target. Seeds in
 * src/test/resources/parley/web/PathFuzzTestInputs; fuzzed by bench/fuzz.sh.
 */
class PathFuzzTest {
    private static final Assets ASSETS = classpathAssets();

    private static Assets classpathAssets() {
        try {
            return Assets.classpath("web");
        } catch (WebException e) {
            throw new AssertionError(e);
        }
    }

    @FuzzTest
    void requestTarget(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        int newline = text.indexOf('\n');
        String origin = newline < 0 ? null : text.substring(0, newline);
        String target = text.substring(newline + 1);
        SameOrigin.allows(origin, "https", "meet.example.org", -1);
        SameOrigin.allows(origin, "http", "[::1]", 8080);
        String path;
        try {
            // What Request.getPathInContext returns: the decoded, canonical path, or null (a 400).
            path = HttpURI.from(target).getCanonicalPath();
        } catch (IllegalArgumentException refused) {
            return;
        }
        if (path == null || !path.startsWith("/")) return;
        Optional<Asset> asset = ASSETS.find(path.substring(1));
        if (asset.isPresent()) {
            String name = path.substring(1);
            assertTrue(Assets.isValidName(name), name);
            for (String segment : name.split("/")) assertFalse(segment.startsWith("."), name);
        }
    }
}
