package parley.e2e;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The harness's one JSON mapper (thread-safe once configured) and small helpers around it. */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    public static JsonNode parse(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new E2eException("not JSON: " + abbreviate(text, 300), e);
        }
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new E2eException("cannot write JSON for " + value.getClass().getSimpleName(), e);
        }
    }

    /** A JavaScript string literal for {@code text}: JSON strings are valid JS literals. */
    public static String jsString(String text) {
        return write(text);
    }

    static String abbreviate(String text, int maxChars) {
        return text == null || text.length() <= maxChars ? text : text.substring(0, maxChars) + "...";
    }
}
