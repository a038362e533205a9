package parley.signal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the fields of one JSON object with exact types: a number where a string is
 * expected is refused, not converted. Absent and null are the same for optional fields.
 * Unknown fields are ignored. Not thread-safe; one per message.
 */
final class JsonFields {
    private final JsonNode object;
    private final String type;

    /** {@code type} is the message type, for error references (null while unknown). */
    JsonFields(JsonNode object, String type) {
        this.object = object;
        this.type = type;
    }

    String type() {
        return type;
    }

    /** A required string. */
    String string(String field) throws SignalException {
        JsonNode n = object.get(field);
        if (n == null || !n.isTextual()) throw wrongType(field, n, "string");
        return wellFormed(field, n.textValue());
    }

    /** A string or null; absent means null. */
    String optString(String field) throws SignalException {
        JsonNode n = object.get(field);
        if (n == null || n.isNull()) return null;
        if (!n.isTextual()) throw wrongType(field, n, "string or null");
        return wellFormed(field, n.textValue());
    }

    /**
     * {@code s} unless it holds a lone UTF-16 surrogate (JSON allows "\ud800" alone). Such
     * a string is not Unicode text: the web layer would send it on as "?" and a name
     * would read differently to everyone than it was checked.
     */
    private String wellFormed(String field, String s) throws SignalException {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw bad("field '" + field + "' has a lone UTF-16 surrogate at index " + i
                        + " (expected: Unicode text, surrogates only in pairs)");
            }
        }
        return s;
    }

    /** A required boolean. */
    boolean bool(String field) throws SignalException {
        JsonNode n = object.get(field);
        if (n == null || !n.isBoolean()) throw wrongType(field, n, "boolean");
        return n.booleanValue();
    }

    /** A boolean; absent means false. */
    boolean optBool(String field) throws SignalException {
        Boolean b = maybeBool(field);
        return b != null && b;
    }

    /** A boolean, or null when absent. */
    Boolean maybeBool(String field) throws SignalException {
        JsonNode n = object.get(field);
        if (n == null) return null;
        if (!n.isBoolean()) throw wrongType(field, n, "boolean");
        return n.booleanValue();
    }

    /** A required integer in [min, max] (a JSON number without fraction). */
    int integer(String field, int min, int max) throws SignalException {
        JsonNode n = object.get(field);
        if (n == null || !n.isIntegralNumber()) throw wrongType(field, n, "integer");
        if (!n.canConvertToInt() || n.intValue() < min || n.intValue() > max) {
            throw bad("field '" + field + "' is " + n.asText() + " (expected: " + min + " to " + max + ")");
        }
        return n.intValue();
    }

    /** An integer in [min, max]; absent means {@code absent}. */
    int optInteger(String field, int min, int max, int absent) throws SignalException {
        return object.has(field) ? integer(field, min, max) : absent;
    }

    boolean has(String field) {
        return object.has(field);
    }

    /** A required array of objects, each read through its own {@link JsonFields}. */
    List<JsonFields> objects(String field, int max) throws SignalException {
        JsonNode n = object.get(field);
        if (n == null || !n.isArray()) throw wrongType(field, n, "array");
        if (n.size() > max) throw bad("field '" + field + "' has " + n.size() + " elements (expected: at most " + max + ")");
        List<JsonFields> out = new ArrayList<>(n.size());
        for (int i = 0; i < n.size(); i++) {
            JsonNode e = n.get(i);
            if (!e.isObject()) throw wrongType(field + "[" + i + "]", e, "object");
            out.add(new JsonFields(e, type));
        }
        return out;
    }

    /** A required array of at most {@code max} strings. */
    List<String> strings(String field, int max) throws SignalException {
        JsonNode n = object.get(field);
        if (n == null || !n.isArray()) throw wrongType(field, n, "array");
        if (n.size() > max) throw bad("field '" + field + "' has " + n.size() + " elements (expected: at most " + max + ")");
        List<String> out = new ArrayList<>(n.size());
        for (int i = 0; i < n.size(); i++) {
            JsonNode e = n.get(i);
            if (!e.isTextual()) throw wrongType(field + "[" + i + "]", e, "string");
            out.add(wellFormed(field + "[" + i + "]", e.textValue()));
        }
        return out;
    }

    SignalException bad(String message) {
        return new SignalException(ErrorCode.BAD_REQUEST, message, type);
    }

    private SignalException wrongType(String field, JsonNode n, String expected) {
        return bad("field '" + field + "' is " + kind(n) + " (expected: " + expected + ")");
    }

    static String kind(JsonNode n) {
        if (n == null || n.isMissingNode()) return "missing";
        JsonNodeType t = n.getNodeType();
        return t == JsonNodeType.POJO || t == JsonNodeType.BINARY ? "binary" : t.name().toLowerCase(Locale.ROOT);
    }
}
