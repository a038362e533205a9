package parley.e2e.ux;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import parley.e2e.MeetingClient;
import parley.e2e.Poll;

/**
 * The "Background and effects" dialog (views/effects.js) as the effects tests use it, in any
 * browser: a switch is applied when its checkbox is enabled again (the dialog disables its
 * switches while an effect starts) and shows what took effect.
 */
final class EffectsDialog {
    static final String NAME = "Background and effects";

    private EffectsDialog() {}

    /** Waits until the open dialog's checkbox {@code name} is enabled again, then asserts it shows {@code checked}. */
    static void awaitApplied(MeetingClient client, String name, boolean checked, Duration timeout) {
        JsonNode state = Poll.await(client + "'s \"" + name + "\" applied", timeout, () -> client.state("checkbox", name),
                s -> s != null && s.path("enabled").asBoolean(), String::valueOf);
        String status = client.page().eval("document.querySelector('dialog[open] [role=status]')?.textContent ?? ''").asText();
        assertEquals(checked, state.path("checked").asBoolean(), name + " (status: " + status + ")");
    }

    /** Opens the dialog from the control bar, sets switch {@code name} to {@code on} and waits until it took effect. */
    static void set(MeetingClient client, String name, boolean on, Duration timeout) {
        client.click(NAME);
        client.awaitControl("checkbox", name);
        if (client.state("checkbox", name).path("checked").asBoolean() != on) {
            client.toggle(name);
        }
        awaitApplied(client, name, on, timeout);
    }
}
