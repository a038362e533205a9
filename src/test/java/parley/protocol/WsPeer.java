package parley.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * The client end of one signaling WebSocket, as a test script drives it: sends frames
 * exactly as given, and takes what the server sent one message at a time, failing on
 * anything it did not expect. Jetty calls the listener methods; the test thread the rest.
 * Messages that the media plane sends on its own schedule ({@code forwarding},
 * {@code send-layers}) can be {@link #setAside set aside}, so that a script about something
 * else reads past them and a script about them reads them on their own.
 * Public only because Jetty finds the listener methods through a public lookup.
 */
public final class WsPeer implements Session.Listener.AutoDemanding {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final long WAIT_MS = 10_000;

    /** How the server closed the connection. */
    record Closed(int code, String reason) {}

    private final BlockingQueue<JsonNode> inbox = new LinkedBlockingQueue<>();
    /** Types set aside, each with its own queue. */
    private final Map<String, BlockingQueue<JsonNode>> aside = new ConcurrentHashMap<>();
    private final CompletableFuture<Closed> closed = new CompletableFuture<>();
    private volatile Session session;
    /** The participant id from {@code joined}. */
    String id;
    /** This participant's hand, as the test last set it. */
    boolean handRaised;

    @Override
    public void onWebSocketOpen(Session s) {
        session = s;
    }

    @Override
    public void onWebSocketText(String text) {
        JsonNode m;
        try {
            m = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            m = JSON.createObjectNode().put("type", "test:unparseable").put("text", text);
        }
        BlockingQueue<JsonNode> own = aside.get(m.path("type").asText());
        (own != null ? own : inbox).add(m);
    }

    /**
     * From now on, messages of these types do not come out of {@link #next()} but of
     * {@link #nextSetAside(String)}. Call before they can arrive (before {@code join}).
     */
    WsPeer setAside(String... types) {
        for (String t : types) aside.putIfAbsent(t, new LinkedBlockingQueue<>());
        return this;
    }

    /** The next message of a type that was set aside. */
    JsonNode nextSetAside(String type) throws InterruptedException {
        BlockingQueue<JsonNode> q = aside.get(type);
        if (q == null) throw new IllegalStateException(type + " is not set aside");
        JsonNode m = q.poll(WAIT_MS, TimeUnit.MILLISECONDS);
        assertNotNull(m, "no " + type + " within " + WAIT_MS + " ms");
        return m;
    }

    /** Every message of a set-aside type that has arrived so far, taken. */
    List<JsonNode> drainSetAside(String type) {
        List<JsonNode> out = new ArrayList<>();
        aside.get(type).drainTo(out);
        return out;
    }

    @Override
    public void onWebSocketClose(int code, String reason, Callback callback) {
        closed.complete(new Closed(code, reason));
        callback.succeed();
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        closed.complete(new Closed(-1, String.valueOf(cause)));
    }

    /** Sends one text frame, as is, and waits until it is written. */
    void send(String text) throws Exception {
        Callback.Completable done = new Callback.Completable();
        session.sendText(text, done);
        done.get(WAIT_MS, TimeUnit.MILLISECONDS);
    }

    /** Sends one message built from alternating field names and values (strings, booleans, numbers, nodes). */
    void send(Object... fields) throws Exception {
        send(JSON.writeValueAsString(object(fields)));
    }

    /** Queues one text frame without waiting for it to be written (for a burst). */
    void sendNoWait(String text) {
        session.sendText(text, Callback.NOOP);
    }

    void sendBinary(byte[] bytes) throws Exception {
        Callback.Completable done = new Callback.Completable();
        session.sendBinary(ByteBuffer.wrap(bytes), done);
        done.get(WAIT_MS, TimeUnit.MILLISECONDS);
    }

    /** Joins {@code room} as {@code name} and returns {@code joined}. */
    JsonNode join(String room, String name) throws Exception {
        send("type", "join", "room", room, "name", name);
        JsonNode joined = next("joined");
        id = joined.at("/you/id").asText();
        return joined;
    }

    /** The next message, which must be of {@code type}. */
    JsonNode next(String type) throws InterruptedException {
        JsonNode m = next();
        assertEquals(type, m.path("type").asText(), "unexpected message: " + m);
        return m;
    }

    /** The next message, whatever it is. */
    JsonNode next() throws InterruptedException {
        JsonNode m = inbox.poll(WAIT_MS, TimeUnit.MILLISECONDS);
        assertNotNull(m, "no message within " + WAIT_MS + " ms");
        return m;
    }

    /** The next message, which must be {@code error} with this code and ref ({@code null}: JSON null). */
    JsonNode error(String code, String ref) throws InterruptedException {
        JsonNode e = next("error");
        assertEquals(code, e.path("code").asText(), "error " + e);
        if (ref == null) {
            assertTrue(e.path("ref").isNull() || e.path("ref").isMissingNode(), "ref of " + e + " (expected: null)");
        } else {
            assertEquals(ref, e.path("ref").asText(), "ref of " + e);
        }
        return e;
    }

    /** The next message, or null once the connection is closed and every message has been taken. */
    JsonNode nextUntilClosed() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
        while (System.nanoTime() < deadline) {
            JsonNode m = inbox.poll(50, TimeUnit.MILLISECONDS);
            if (m != null) return m;
            if (closed.isDone() && inbox.isEmpty()) return null;
        }
        throw new AssertionError("the connection stayed open and silent for " + WAIT_MS + " ms");
    }

    /** Fails if anything arrives within {@code ms}. */
    void quietFor(long ms) throws InterruptedException {
        JsonNode m = inbox.poll(ms, TimeUnit.MILLISECONDS);
        if (m != null) fail("unexpected message: " + m);
    }

    Closed closed() throws Exception {
        return closed.get(WAIT_MS, TimeUnit.MILLISECONDS);
    }

    boolean isOpen() {
        return session.isOpen() && !closed.isDone();
    }

    /** Closes from the client side (a tab closed without {@code leave}). */
    void close() {
        session.close();
    }

    static com.fasterxml.jackson.databind.node.ObjectNode object(Object... fields) {
        com.fasterxml.jackson.databind.node.ObjectNode o = JSON.createObjectNode();
        for (int i = 0; i < fields.length; i += 2) o.set((String) fields[i], JSON.valueToTree(fields[i + 1]));
        return o;
    }
}
