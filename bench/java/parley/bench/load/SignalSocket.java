package parley.bench.load;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.function.Consumer;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * One participant's signaling WebSocket: parses each text frame as JSON and hands it on; sends
 * objects as JSON text frames without waiting. Jetty calls the listener methods, one at a time
 * per connection. Public only because Jetty looks the listener methods up publicly.
 */
public final class SignalSocket implements Session.Listener.AutoDemanding {
    static final ObjectMapper JSON = new ObjectMapper();

    private final Consumer<JsonNode> onMessage;
    private final Consumer<String> onClose;
    private volatile Session session;

    SignalSocket(Consumer<JsonNode> onMessage, Consumer<String> onClose) {
        this.onMessage = onMessage;
        this.onClose = onClose;
    }

    @Override
    public void onWebSocketOpen(Session s) {
        session = s;
    }

    @Override
    public void onWebSocketText(String text) {
        try {
            onMessage.accept(JSON.readTree(text));
        } catch (JsonProcessingException e) {
            onMessage.accept(JSON.createObjectNode().put("type", "load:unparseable"));
        }
    }

    @Override
    public void onWebSocketClose(int code, String reason, Callback callback) {
        onClose.accept(code + " " + reason);
        callback.succeed();
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        onClose.accept(String.valueOf(cause));
    }

    /** Queues one message (a Map, record or JsonNode) as a text frame; false when not open. */
    boolean send(Object message) {
        Session s = session;
        if (s == null || !s.isOpen()) return false;
        try {
            s.sendText(JSON.writeValueAsString(message), Callback.NOOP);
            return true;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + message + " as JSON", e);
        }
    }

    void close() {
        Session s = session;
        if (s != null) s.close();
    }
}
