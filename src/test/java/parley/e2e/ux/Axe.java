package parley.e2e.ux;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.openqa.selenium.JavascriptExecutor;
import parley.e2e.E2eException;
import parley.e2e.Project;

/**
 * Accessibility audits with axe-core (installed from npm into src/test/js by
 * scripts/install-test-deps.sh). The page's Content-Security-Policy allows only its own
 * scripts, but WebDriver's executeScript evaluates axe's source text as the automation,
 * which CSP does not govern; nothing is loaded from anywhere.
 */
final class Axe {
    static final String SOURCE_PATH = "src/test/js/node_modules/axe-core/axe.min.js";
    /** The impacts that fail a test: axe's two highest. */
    static final Set<String> BLOCKING = Set.of("serious", "critical");

    private static volatile String source;

    private Axe() {}

    /** One failed rule on one page: its id, impact, help text and the CSS paths of the nodes. */
    record Violation(String rule, String impact, String help, List<String> nodes) {
        Violation {
            nodes = List.copyOf(nodes);
        }

        boolean blocking() {
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
        inject(attendee);
        JsonNode result = attendee.eval("""
                axe.run(%s, {resultTypes: ['violations']}).then(r => r.violations.map(v => ({
                  rule: v.id, impact: v.impact, help: v.help,
                  nodes: v.nodes.map(n => n.target.join(' ') + (n.failureSummary ? ' :: ' + n.failureSummary.replace(/\\s+/g, ' ') : ''))
                })))""".formatted(context));
        List<Violation> out = new ArrayList<>();
        for (JsonNode v : result) {
            List<String> nodes = new ArrayList<>();
            v.path("nodes").forEach(n -> nodes.add(n.asText()));
            out.add(new Violation(v.path("rule").asText(), v.path("impact").asText(), v.path("help").asText(), nodes));
        }
        return out;
    }

    private static void inject(Attendee attendee) {
        if (attendee.eval("typeof window.axe === 'object'").asBoolean()) {
            return;
        }
        ((JavascriptExecutor) attendee.driver()).executeScript(source());
        if (!attendee.eval("typeof window.axe?.run === 'function'").asBoolean()) {
            throw new E2eException("axe-core did not load into " + attendee + " (expected: window.axe.run)");
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
