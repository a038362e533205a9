package parley.e2e.ux;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.openqa.selenium.JavascriptExecutor;
import parley.e2e.E2eException;
import parley.e2e.Json;
import parley.e2e.Project;

/**
 * Accessibility audits with axe-core (installed from npm into src/test/js by
 * scripts/install-test-deps.sh). The page's Content-Security-Policy allows only its own
 * scripts, but WebDriver's executeScript evaluates axe's source text as the automation,
 * which CSP does not govern; nothing is loaded from anywhere.
 */
public final class Axe {
    static final String SOURCE_PATH = "src/test/js/node_modules/axe-core/axe.min.js";
    /** The impacts that fail a test: axe's two highest. */
    static final Set<String> BLOCKING = Set.of("serious", "critical");

    private static volatile String source;

    private Axe() {}

    /** One failed rule on one page: its id, impact, help text and the CSS paths of the nodes. */
    public record Violation(String rule, String impact, String help, List<String> nodes) {
        public Violation {
            nodes = List.copyOf(nodes);
        }

        public boolean blocking() {
            return BLOCKING.contains(impact);
        }

        @Override
        public String toString() {
            return impact + " " + rule + " (" + help + "): " + String.join(" | ", nodes);
        }
    }

    /** Runs every axe rule (WCAG 2.x A and AA, and best practices) on the attendee's page as it is now. */
    static List<Violation> audit(Attendee attendee) {
        return audit(attendee, "document");
    }

    /** As {@link #audit(Attendee)}, on the part of the page a script expression gives (a dialog, say). */
    static List<Violation> audit(Attendee attendee, String context) {
        return audit((JavascriptExecutor) attendee.driver(), context);
    }

    /** As {@link #audit(Attendee, String)}, in the current tab of any test browser (the ui package's). */
    public static List<Violation> audit(JavascriptExecutor page, String context) {
        inject(page);
        JsonNode result = Json.parse((String) page.executeScript("""
                return axe.run(%s, {resultTypes: ['violations']}).then(r => JSON.stringify(r.violations.map(v => ({
                  rule: v.id, impact: v.impact, help: v.help,
                  nodes: v.nodes.map(n => n.target.join(' ') + (n.failureSummary ? ' :: ' + n.failureSummary.replace(/\\s+/g, ' ') : ''))
                }))))""".formatted(context)));
        List<Violation> out = new ArrayList<>();
        for (JsonNode v : result) {
            List<String> nodes = new ArrayList<>();
            v.path("nodes").forEach(n -> nodes.add(n.asText()));
            out.add(new Violation(v.path("rule").asText(), v.path("impact").asText(), v.path("help").asText(), nodes));
        }
        return out;
    }

    private static void inject(JavascriptExecutor page) {
        if (Boolean.TRUE.equals(page.executeScript("return typeof window.axe === 'object'"))) {
            return;
        }
        page.executeScript(source());
        if (!Boolean.TRUE.equals(page.executeScript("return typeof window.axe?.run === 'function'"))) {
            throw new E2eException("axe-core did not load into " + page + " (expected: window.axe.run)");
        }
    }

    private static String source() {
        String s = source;
        if (s == null) {
            try {
                s = Files.readString(Project.file(SOURCE_PATH));
            } catch (IOException | E2eException e) {
                throw new E2eException("cannot read " + SOURCE_PATH + " (expected: installed by scripts/install-test-deps.sh)", e);
            }
            source = s;
        }
        return s;
    }
}
