package parley.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.util.Optional;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.http.HttpVersion;

/**
 * The head of an HTTP request as it arrives on the web port: Jetty's parser reads the request line
 * and headers (or refuses them: a 400), the server builds the URI the way Jetty's connection does,
 * and then our code takes over: the decoded path either names an asset of the client, a room (the
 * client's index.html) or nothing, never a file outside the client, and the Origin check of the
 * WebSocket upgrade never throws. Seeds are real request heads
 * (src/test/resources/parley/web/PathFuzzTestInputs); fuzzed by bench/fuzz.sh.
 *
 * <p>Jetty's {@code HttpURI} throws ArrayIndexOutOfBoundsException for a character from U+0080 on
 * in some request targets its parser lets through ({@code GET h\u0080}); Jetty's connection turns
 * that into a 400 and goes on (WebServerTest checks it on the real server), so here any exception
 * from {@code HttpURI.build} counts as Jetty's refusal. What we check starts after it.
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
    void requestHead(byte[] input) {
        Head head = new Head();
        HttpParser parser = new HttpParser(head);
        ByteBuffer bytes = ByteBuffer.wrap(input);
        while (!head.done && bytes.hasRemaining() && parser.parseNext(bytes)) {
            // parseNext returns true when the handler asked it to stop (the head is complete).
        }
        if (head.target == null || head.refused) return;
        if (head.origin != null && head.host != null) {
            SameOrigin.allows(head.origin, "https", head.host, -1);
        }
        String path;
        try {
            path = HttpURI.build(head.method, head.target).getCanonicalPath(); // what Request.getPathInContext gives
        } catch (RuntimeException refused) {
            return; // Jetty answers 400 (see the class comment)
        }
        if (path == null || !path.startsWith("/")) return;
        String name = path.substring(1);
        Optional<Asset> asset = ASSETS.find(name);
        if (asset.isPresent()) {
            assertTrue(Assets.isValidName(name), name);
            for (String segment : name.split("/")) assertFalse(segment.startsWith("."), name);
        }
    }

    /** Collects what the server's request handler would see of the head. */
    private static final class Head implements HttpParser.RequestHandler {
        String method;
        String target;
        String origin;
        String host;
        boolean done;
        boolean refused;

        @Override
        public void startRequest(String method, String uri, HttpVersion version) {
            this.method = method;
            this.target = uri;
        }

        @Override
        public void parsedHeader(HttpField field) {
            if (field.getHeader() == HttpHeader.ORIGIN) origin = field.getValue();
            if (field.getHeader() == HttpHeader.HOST) host = field.getValue();
        }

        @Override
        public boolean headerComplete() {
            done = true;
            return true;
        }

        @Override
        public boolean content(ByteBuffer content) {
            return true;
        }

        @Override
        public boolean contentComplete() {
            return true;
        }

        @Override
        public boolean messageComplete() {
            done = true;
            return true;
        }

        @Override
        public void earlyEOF() {
            refused = true;
        }

        @Override
        public void badMessage(HttpException failure) {
            refused = true;
            done = true;
        }
    }
}
