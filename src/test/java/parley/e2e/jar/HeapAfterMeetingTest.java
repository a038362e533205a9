package parley.e2e.jar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.Test;
import parley.e2e.FreePorts;
import parley.e2e.Poll;
import parley.e2e.Processes;

/**
 * docs/design.md, "Privacy by construction": once a meeting has ended, the server's live
 * heap holds nothing of it. The server runs as its own process from a jar of its classes
 * (so the web client is served from inside a jar, as in the release), two participants
 * open the meeting's page, join over WebSocket, chat and leave; then a live-object heap
 * dump ({@code jcmd <pid> GC.heap_dump}, which collects first) is searched for the room
 * name, the names and the chat text in Latin-1/UTF-8 (compact strings, byte buffers) and
 * UTF-16 (both byte orders). The dump is deleted afterwards.
 */
class HeapAfterMeetingTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROOM = "Zephyr-Quokka-Marmalade-" + Long.toString(System.nanoTime() % 1_000_000, 36);
    private static final String ADA = "Ottilie Brambleworth";
    private static final String BO = "Casimir Vantongeren";
    private static final String CHAT = "the marmalade ledger lies under the third flagstone";

    @Test
    void nothingOfAnEndedMeetingStaysInTheHeap() throws Exception {
        Path scratch = Files.createTempDirectory("parley-heap-");
        Process server = null;
        try {
            int port = FreePorts.tcp();
            server = startServer(scratch, port);
            meet(port);
            Path dump = scratch.resolve("live.hprof");
            Processes.run(List.of(jcmd(), Long.toString(server.pid()), "GC.heap_dump", dump.toString()), 60);
            byte[] heap = Files.readAllBytes(dump);
            Files.delete(dump);
            assertTrue(heap.length > 1_000_000, "a heap dump of " + heap.length + " bytes");
            assertTrue(find(heap, "parley.signal".getBytes(StandardCharsets.ISO_8859_1)),
                    "the search works: the logger's name is in the heap");
            List<String> found = new ArrayList<>();
            for (String secret : List.of(ROOM, ROOM.toLowerCase(), ADA, BO, CHAT, ROOM + "-a", ROOM + "-b")) {
                for (var cs : List.of(StandardCharsets.ISO_8859_1, StandardCharsets.UTF_16BE, StandardCharsets.UTF_16LE)) {
                    if (find(heap, secret.getBytes(cs))) found.add(secret + " (" + cs + ")");
                }
            }
            assertEquals(List.of(), found, "left in the live heap after the meeting ended");
        } finally {
            if (server != null) Processes.kill(server);
            Processes.deleteTree(scratch);
        }
    }

    /** The server from a jar of target/classes, with the test's own dependencies. */
    private static Process startServer(Path scratch, int port) throws IOException {
        List<String> classpath = new ArrayList<>();
        Path classes = null;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.endsWith("test-classes")) continue;
            if (entry.endsWith("classes")) classes = Path.of(entry);
            else classpath.add(entry);
        }
        assertTrue(classes != null, "target/classes on the class path");
        Path jar = scratch.resolve("parley-classes.jar");
        jar(classes, jar);
        classpath.addFirst(jar.toString());
        Path log = scratch.resolve("server.log");
        Process p = Processes.start(List.of(ReleaseServer.javaCommand(), "-Xmx256m", "-XX:+UseSerialGC",
                "-cp", String.join(File.pathSeparator, classpath), "parley.app.Main",
                "--bind=127.0.0.1", "--http-port=" + port, "--media-bind=127.0.0.1", "--media-port=0",
                "--public-ip=127.0.0.1"), log, Map.of());
        Poll.until("the server up", Duration.ofSeconds(30), () -> read(log).contains(ReleaseServer.UP_LINE));
        return p;
    }

    private static String read(Path log) {
        try {
            return Files.readString(log, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "";
        }
    }

    private static void jar(Path classes, Path jar) throws IOException {
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out);
             Stream<Path> files = Files.walk(classes)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                j.putNextEntry(new JarEntry(classes.relativize(f).toString().replace(File.separatorChar, '/')));
                Files.copy(f, j);
                j.closeEntry();
            }
        }
    }

    private static String jcmd() {
        return Path.of(ReleaseServer.javaCommand()).resolveSibling("jcmd").toString();
    }

    /** Both open the page, join, chat and leave; returns when the server has closed both. */
    private static void meet(int port) throws Exception {
        ClientConnector connector = new ClientConnector();
        connector.setSslContextFactory(new SslContextFactory.Client(true)); // the server's certificate is self-signed
        HttpClient http = new HttpClient(new HttpClientTransportOverHTTP(connector));
        WebSocketClient ws = new WebSocketClient(http);
        ws.start();
        try {
            String origin = "https://127.0.0.1:" + port;
            for (String page : List.of(ROOM + "-a", ROOM + "-b", ROOM)) { // pages of other meetings too
                assertEquals(200, http.GET(origin + "/" + page).getStatus(), "the meeting's page");
            }
            Peer ada = Peer.connect(ws, origin);
            ada.send("{\"type\":\"join\",\"room\":\"" + ROOM + "\",\"name\":\"" + ADA + "\"}");
            ada.next("joined");
            Peer bo = Peer.connect(ws, origin);
            bo.send("{\"type\":\"join\",\"room\":\"" + ROOM + "\",\"name\":\"" + BO + "\"}");
            bo.next("joined");
            ada.send("{\"type\":\"chat\",\"text\":\"" + CHAT + "\"}");
            assertEquals(CHAT, bo.next("chat").get("text").asText());
            for (Peer p : List.of(bo, ada)) {
                p.send("{\"type\":\"leave\"}");
                p.awaitClose();
            }
        } finally {
            ws.stop();
        }
    }

    /** One WebSocket participant. Jetty calls the listener; the test thread the rest. */
    public static final class Peer implements Session.Listener.AutoDemanding {
        private final BlockingQueue<JsonNode> inbox = new LinkedBlockingQueue<>();
        private final java.util.concurrent.CompletableFuture<Integer> closed = new java.util.concurrent.CompletableFuture<>();
        private volatile Session session;

        static Peer connect(WebSocketClient ws, String origin) throws Exception {
            ClientUpgradeRequest request = new ClientUpgradeRequest(URI.create(origin.replace("https", "wss") + "/ws"));
            request.setHeader("Origin", origin);
            Peer p = new Peer();
            ws.connect(p, request).get(10, TimeUnit.SECONDS);
            return p;
        }

        @Override
        public void onWebSocketOpen(Session s) {
            session = s;
        }

        @Override
        public void onWebSocketText(String text) {
            try {
                inbox.add(JSON.readTree(text));
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }

        @Override
        public void onWebSocketClose(int code, String reason, Callback callback) {
            closed.complete(code);
            callback.succeed();
        }

        void send(String text) throws Exception {
            Callback.Completable done = new Callback.Completable();
            session.sendText(text, done);
            done.get(10, TimeUnit.SECONDS);
        }

        JsonNode next(String type) throws InterruptedException {
            while (true) {
                JsonNode m = inbox.poll(10, TimeUnit.SECONDS);
                assertTrue(m != null, "no " + type + " within 10 s");
                if (type.equals(m.path("type").asText())) return m;
            }
        }

        void awaitClose() throws Exception {
            closed.get(10, TimeUnit.SECONDS);
        }
    }

    private static boolean find(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) if (haystack[i + j] != needle[j]) continue outer;
            return true;
        }
        return false;
    }
}
