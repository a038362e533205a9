package parley.bench.load.janus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One message from Janus: a response to a request or an event from a long poll. The Janus core
 * wraps everything the same way:
 * <pre>{@code
 * {"janus": "event", "session_id": 1, "sender": 2, "transaction": "t1",
 *  "plugindata": {"plugin": "janus.plugin.videoroom", "data": {"videoroom": "joined", ...}},
 *  "jsep": {"type": "answer", "sdp": "v=0..."}}
 * {"janus": "success", "transaction": "t0", "data": {"id": 3}}
 * {"janus": "error", "transaction": "t2", "error": {"code": 458, "reason": "No such session"}}
 * }</pre>
 * {@code webrtcup}, {@code media}, {@code hangup} and {@code slowlink} are core events about one
 * handle ({@code sender}). A plugin's own error comes as an event whose data has {@code error_code}
 * and {@code error}.
 *
 * @param janus       the message kind: success, ack, event, error, webrtcup, keepalive, hangup...
 * @param transaction the request's transaction, or null
 * @param sender      the handle it is about, or 0
 * @param data        {@code data} of a success (e.g. the new id), or the plugin's {@code plugindata.data}; never null
 * @param jsepType    "offer" or "answer" when an SDP came with it, else null
 * @param sdp         that SDP, or null
 * @param errorCode   the core's or the plugin's error code, or 0
 * @param error       the error's reason, or null
 */
public record JanusEvent(String janus, String transaction, long sender, JsonNode data, String jsepType, String sdp,
                         int errorCode, String error) {
    static final ObjectMapper JSON = new ObjectMapper();

    public JanusEvent {
        if (janus == null || janus.isEmpty()) throw new IllegalArgumentException("Janus message without \"janus\"");
        if (data == null) data = MissingNode.getInstance();
    }

    /** Reads one message object. */
    public static JanusEvent of(JsonNode m) throws JanusException {
        if (!m.isObject()) throw new JanusException(0, "Janus message " + m + " (expected: a JSON object)");
        String janus = m.path("janus").asText("");
        if (janus.isEmpty()) throw new JanusException(0, "Janus message without \"janus\": " + m);
        JsonNode data = m.has("plugindata") ? m.path("plugindata").path("data") : m.path("data");
        int code = 0;
        String error = null;
        if (m.has("error")) {
            code = m.path("error").path("code").asInt();
            error = m.path("error").path("reason").asText();
        } else if (data.has("error_code")) {
            code = data.path("error_code").asInt();
            error = data.path("error").asText();
        }
        JsonNode jsep = m.path("jsep");
        return new JanusEvent(janus, m.path("transaction").textValue(), m.path("sender").asLong(), data,
                jsep.path("type").textValue(), jsep.path("sdp").textValue(), code, error);
    }

    /** Reads a response body or a long poll's: one object, or an array of them (GET with maxev). */
    public static List<JanusEvent> parseAll(String body) throws JanusException {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new JanusException(0, "Janus sent " + abbreviate(body) + " (expected: JSON)");
        }
        if (root == null || root.isMissingNode()) throw new JanusException(0, "Janus sent an empty body (expected: JSON)");
        List<JanusEvent> events = new ArrayList<>();
        if (root.isArray()) {
            for (JsonNode m : root) events.add(of(m));
        } else {
            events.add(of(root));
        }
        return List.copyOf(events);
    }

    /** Whether this reports an error, the core's or the plugin's. */
    public boolean isError() {
        return janus.equals("error") || errorCode != 0;
    }

    /** The videoroom's message kind ({@code data.videoroom}: joined, attached, event...), or "". */
    public String videoroom() {
        return data.path("videoroom").asText("");
    }

    /** Throws when this is an error; else returns it. */
    public JanusEvent orThrow(String what) throws JanusException {
        if (isError()) throw new JanusException(errorCode, what + ": Janus error " + errorCode + " " + error);
        return this;
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? "'" + s + "'" : "'" + s.substring(0, 80) + "...'";
    }
}
