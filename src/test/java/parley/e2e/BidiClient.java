package parley.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A minimal WebDriver BiDi client (W3C WebDriver BiDi over one WebSocket): commands are
 * {@code {"id", "method", "params"}}, answered by {@code {"type": "success"|"error", "id", ...}};
 * everything else is an event, of which the last {@value #MAX_EVENTS} are kept.
 * Thread-safe: commands may be sent from several threads.
 */
public final class BidiClient implements AutoCloseable {
    static final int MAX_EVENTS = 500;
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(40);

    private final WebSocket socket;
    private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final Deque<JsonNode> events = new ArrayDeque<>();
    private final AtomicLong nextId = new AtomicLong(1);
    private final CompletableFuture<String> closed = new CompletableFuture<>();

    private BidiClient(WebSocket socket) {
        this.socket = socket;
    }

    /** Opens the BiDi WebSocket, e.g. {@code ws://127.0.0.1:9222/session}. */
    public static BidiClient connect(URI uri, Duration timeout) {
        Listener listener = new Listener();
        try {
            WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                    .connectTimeout(timeout)
                    .buildAsync(uri, listener)
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            BidiClient client = new BidiClient(socket);
            listener.client.complete(client);
            return client;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new E2eException("interrupted connecting to " + uri, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new E2eException("cannot open BiDi WebSocket " + uri + ": " + e.getMessage(), e);
        }
    }

    /** Sends a command and returns its {@code result}; throws with the browser's error otherwise. */
    public JsonNode send(String method, ObjectNode params) {
        long id = nextId.getAndIncrement();
        ObjectNode command = Json.object().put("id", id).put("method", method);
        command.set("params", params);
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        try {
            socket.sendText(Json.write(command), true).get(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            JsonNode response = CompletableFuture.anyOf(reply, closed)
                    .get(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS) instanceof JsonNode node ? node : null;
            if (response == null) {
                throw new E2eException("BiDi connection closed during " + method + ": " + closed.getNow(""));
            }
            if (!"success".equals(response.path("type").asText())) {
                throw new E2eException("BiDi " + method + " failed: " + response.path("error").asText()
                        + ": " + response.path("message").asText());
            }
            return response.path("result");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new E2eException("interrupted during BiDi " + method, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new E2eException("no answer to BiDi " + method + " within " + COMMAND_TIMEOUT.toSeconds() + " s", e);
        } finally {
            pending.remove(id);
        }
    }

    /** The events received so far (oldest first), at most {@value #MAX_EVENTS}. */
    public List<JsonNode> events() {
        synchronized (events) {
            return new ArrayList<>(events);
        }
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "");
        }
        socket.abort();
        closed.complete("closed by client");
    }

    private void onMessage(String text) {
        JsonNode message;
        try {
            message = Json.parse(text);
        } catch (E2eException e) {
            return; // not ours to judge: a browser bug would show as a command timeout
        }
        if (message.has("id") && !"event".equals(message.path("type").asText())) {
            CompletableFuture<JsonNode> reply = pending.get(message.get("id").asLong());
            if (reply != null) {
                reply.complete(message);
            }
            return;
        }
        synchronized (events) {
            events.addLast(message);
            while (events.size() > MAX_EVENTS) {
                events.removeFirst();
            }
        }
    }

    /** Joins text fragments and hands whole messages to the client once it exists. */
    private static final class Listener implements WebSocket.Listener {
        final CompletableFuture<BidiClient> client = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                client.thenAccept(c -> c.onMessage(text));
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            client.thenAccept(c -> c.closed.complete("close " + statusCode + " " + reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            client.thenAccept(c -> c.closed.complete("error " + error));
        }
    }
}
