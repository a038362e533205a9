package parley.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A scripted client: what it sends goes to its {@link Connection}, what the server sends
 * lands in its inbox. JSON in tests is written with single quotes, turned into double
 * quotes here, so that scripts stay readable. Not thread-safe.
 */
final class TestClient implements Outbound {
    private static final ObjectMapper JSON = new ObjectMapper();

    final Connection connection;
    /** Where this client connects from, as the web layer would say (null: unknown). */
    private final java.net.InetAddress address;
    final List<JsonNode> inbox = new ArrayList<>();
    Integer closeCode;
    String closeReason;
    String id;
    String resume;

    TestClient(ConnectionAcceptor server) {
        this(server, null);
    }

    TestClient(ConnectionAcceptor server, java.net.InetAddress address) {
        this.address = address;
        this.connection = server.accept(this);
    }

    public java.net.InetAddress remoteAddress() {
        return address;
    }

    @Override
    public void send(String json) {
        try {
            inbox.add(JSON.readTree(json));
        } catch (Exception e) {
            throw new AssertionError("server sent invalid JSON: " + json, e);
        }
    }

    @Override
    public void close(int statusCode, String reason) {
        if (closeCode == null) {
            closeCode = statusCode;
            closeReason = reason;
        }
    }

    /** Sends a message written with single quotes. */
    TestClient say(String singleQuoted) {
        connection.onText(singleQuoted.replace('\'', '"'));
        return this;
    }

    /** Joins {@code room} as {@code name} with extra fields (single-quoted JSON members, may be empty). */
    JsonNode join(String room, String name, String extra) {
        say("{'type':'join','room':'" + room + "','name':'" + name + "'" + (extra.isEmpty() ? "" : "," + extra) + "}");
        JsonNode joined = take("joined");
        id = joined.at("/you/id").asText();
        resume = joined.get("resume").asText();
        return joined;
    }

    /** Removes and returns the first message of {@code type}; fails if there is none. */
    JsonNode take(String type) {
        for (Iterator<JsonNode> it = inbox.iterator(); it.hasNext(); ) {
            JsonNode m = it.next();
            if (type.equals(m.path("type").asText())) {
                it.remove();
                return m;
            }
        }
        return fail("no '" + type + "' message; inbox: " + inbox);
    }

    /** Removes and returns the first error, checking its code. */
    JsonNode error(String code) {
        JsonNode e = take("error");
        assertEquals(code, e.get("code").asText(), "error: " + e);
        assertNotNull(e.get("message").asText());
        return e;
    }

    boolean has(String type) {
        return inbox.stream().anyMatch(m -> type.equals(m.path("type").asText()));
    }

    void assertNo(String type) {
        assertTrue(!has(type), "unexpected '" + type + "' in " + inbox);
    }

    void clear() {
        inbox.clear();
    }

    void assertClosed(int code, String reason) {
        assertEquals(code, closeCode, "close code");
        assertEquals(reason, closeReason, "close reason");
    }
}
