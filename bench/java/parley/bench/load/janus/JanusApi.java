package parley.bench.load.janus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Janus's REST API (the HTTP transport, {@code http://HOST:8088/janus}): every request is a JSON
 * object POSTed to the base path (create), to {@code /SESSION} (attach, keepalive, destroy) or to
 * {@code /SESSION/HANDLE} (message, trickle, detach), with a {@code transaction} of our choosing.
 * A plugin message is answered {@code ack} at once and its result comes later as an event on the
 * session's long poll ({@link #poll}); synchronous plugin requests (a room's {@code create}) are
 * answered {@code success} with the plugin's data. Thread-safe.
 */
public final class JanusApi {
    /** Janus answers a long poll after 30 s with a keepalive when nothing happened. */
    static final Duration POLL_TIMEOUT = Duration.ofSeconds(40);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicLong transactions = new AtomicLong();

    /** @param base the HTTP transport's base path, e.g. {@code http://127.0.0.1:8088/janus} */
    public JanusApi(URI base) {
        String s = base.toString();
        this.base = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
    }

    /** A new session; returns its id. */
    public long createSession() throws IOException {
        return post(base, request("create")).orThrow("create session").data().path("id").asLong();
    }

    /** Attaches a handle to {@code plugin} (e.g. janus.plugin.videoroom); returns its id. */
    public long attach(long session, String plugin) throws IOException {
        ObjectNode r = request("attach").put("plugin", plugin);
        return post(session(session), r).orThrow("attach " + plugin).data().path("id").asLong();
    }

    /**
     * Sends a plugin message with an optional JSEP ({@code type} and {@code sdp}, plus extra keys
     * such as {@code rid_order}); returns Janus's immediate answer ({@code ack}, or {@code success}
     * with the plugin's data for a synchronous request).
     */
    public JanusEvent message(long session, long handle, Map<String, ?> body, Map<String, ?> jsep) throws IOException {
        ObjectNode r = request("message");
        r.set("body", JanusEvent.JSON.valueToTree(body));
        if (jsep != null) r.set("jsep", JanusEvent.JSON.valueToTree(jsep));
        return post(handle(session, handle), r).orThrow("message " + body.get("request"));
    }

    /** Trickles one candidate ({@code candidate}, {@code sdpMid}, {@code sdpMLineIndex}) or, with null, "completed". */
    public void trickle(long session, long handle, Map<String, ?> candidate) throws IOException {
        ObjectNode r = request("trickle");
        r.set("candidate", JanusEvent.JSON.valueToTree(candidate == null ? Map.of("completed", true) : candidate));
        post(handle(session, handle), r).orThrow("trickle");
    }

    public void detach(long session, long handle) throws IOException {
        post(handle(session, handle), request("detach")).orThrow("detach");
    }

    public void keepalive(long session) throws IOException {
        post(session(session), request("keepalive")).orThrow("keepalive");
    }

    public void destroy(long session) throws IOException {
        post(session(session), request("destroy")).orThrow("destroy session");
    }

    /** Long-polls the session's events: up to {@code maxEvents}, or a keepalive after 30 s of nothing. */
    public List<JanusEvent> poll(long session, int maxEvents) throws IOException {
        URI uri = URI.create(base + "/" + session + "?maxev=" + maxEvents + "&rid=" + System.nanoTime());
        return send(HttpRequest.newBuilder(uri).timeout(POLL_TIMEOUT).GET().build());
    }

    private URI session(long session) {
        return URI.create(base + "/" + session);
    }

    private URI handle(long session, long handle) {
        return URI.create(base + "/" + session + "/" + handle);
    }

    private ObjectNode request(String janus) {
        return JanusEvent.JSON.createObjectNode().put("janus", janus).put("transaction", "t" + transactions.incrementAndGet());
    }

    private JanusEvent post(URI uri, ObjectNode request) throws IOException {
        String body;
        try {
            body = JanusEvent.JSON.writeValueAsString(request);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + request, e);
        }
        HttpRequest r = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        List<JanusEvent> events = send(r);
        if (events.size() != 1) throw new JanusException(0, events.size() + " answers to " + request.path("janus") + " (expected: 1)");
        return events.get(0);
    }

    private List<JanusEvent> send(HttpRequest r) throws IOException {
        HttpResponse<String> response;
        try {
            response = http.send(r, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted: " + r.uri());
        }
        if (response.statusCode() != 200) {
            throw new JanusException(0, r.method() + " " + r.uri().getPath() + ": HTTP " + response.statusCode() + " (expected: 200)");
        }
        return JanusEvent.parseAll(response.body());
    }
}
