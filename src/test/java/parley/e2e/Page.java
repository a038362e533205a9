package parley.e2e;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One browsing context (a Chromium tab or a Firefox top-level context) that a test drives
 * by navigating and evaluating JavaScript. Values cross as JSON, so Chromium (WebDriver
 * classic) and Firefox (WebDriver BiDi) look the same to {@link StatsProbe} and to tests.
 */
public interface Page {
    /** A short label for failure messages, e.g. {@code "chromium-1/tab-2"}. */
    String label();

    /** Loads {@code url} and returns when the document has loaded. */
    void navigate(String url);

    /**
     * Evaluates a JavaScript expression (no trailing semicolon), awaits it when it is a
     * promise and returns its value as JSON ({@code undefined} becomes JSON null).
     *
     * @throws E2eException when the expression throws or its promise rejects
     */
    JsonNode eval(String expression);

    /** Runs the body of an async function ({@code "const x = ...; return x;"}) like {@link #eval}. */
    default JsonNode run(String asyncFunctionBody) {
        return eval("(async () => {\n" + asyncFunctionBody + "\n})()");
    }

    /**
     * Wraps an expression so that its awaited value, or its error, comes back as one JSON
     * string {@code {"ok": value}} or {@code {"error": "stack"}}; see {@link #unwrap}.
     */
    static String envelope(String expression) {
        String expr = expression.strip();
        while (expr.endsWith(";")) {
            expr = expr.substring(0, expr.length() - 1).strip();
        }
        return "(async () => { try { const v = await (\n" + expr + "\n);"
                + " return JSON.stringify({ok: v === undefined ? null : v}); }"
                + " catch (e) { return JSON.stringify({error: String((e && e.stack) || e)}); } })()";
    }

    /** Opens an envelope made by {@link #envelope}: its value, or an exception naming the page. */
    static JsonNode unwrap(String label, String envelopeJson) {
        JsonNode node = Json.parse(envelopeJson);
        if (node.has("error")) {
            throw new E2eException("JavaScript failed in " + label + ": " + node.get("error").asText());
        }
        if (!node.has("ok")) {
            throw new E2eException("JavaScript result from " + label + " was " + envelopeJson
                    + " (expected: {\"ok\": value} or {\"error\": text})");
        }
        return node.get("ok");
    }
}
