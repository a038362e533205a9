package parley.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Why someone left ({@code participant-left.reason}) and who a resumed participant replaces
 * ({@code participant-joined.replaces}), so that clients can say "Bo reconnected." instead
 * of "Bo left." and "Bo joined." (protocol.md, "Departures and returns").
 */
class DeparturesTest {
    private final Harness h = new Harness();
    private final TestClient hana = h.joined("team", "Hana");
    private final TestClient bo = h.joined("team", "Bo");
    private final TestClient cy = h.joined("team", "Cy");

    private void clearAll() {
        hana.clear();
        bo.clear();
        cy.clear();
    }

    /** The one participant-left in {@code c}'s inbox: its id and reason. */
    private static String left(TestClient c) {
        JsonNode m = c.take("participant-left");
        c.assertNo("participant-left");
        return m.get("participantId").asText() + " " + m.get("reason").asText();
    }

    @Test
    void aNewcomerReplacesNobody() {
        clearAll();
        TestClient dee = h.joined("team", "Dee");
        JsonNode m = hana.take("participant-joined");
        assertEquals(dee.id, m.at("/participant/id").asText());
        assertTrue(m.get("replaces").isNull(), "replaces is always there, null for a newcomer: " + m);
    }

    @Test
    void leavingIsLeft() {
        clearAll();
        bo.say("{'type':'leave'}");
        assertEquals(bo.id + " left", left(hana));
        assertEquals(bo.id + " left", left(cy));
    }

    @Test
    void aKickIsKicked() {
        clearAll();
        hana.say("{'type':'kick','participantId':'" + bo.id + "','reason':null}");
        assertEquals(bo.id + " kicked", left(cy));
        assertEquals(bo.id + " kicked", left(hana), "the moderator who kicked is told too");
    }

    @Test
    void aClosedOrSilentConnectionIsDisconnected() {
        clearAll();
        bo.connection.onClose(); // the tab closed, or the network went
        assertEquals(bo.id + " disconnected", left(hana));
        cy.answersPings = false; // vanished without a word
        for (int i = 0; i < 6; i++) {
            h.advance(Duration.ofSeconds(10));
            hana.say("{'type':'ping'}");
        }
        cy.assertClosed(1000, "idle");
        assertEquals(cy.id + " disconnected", left(hana));
    }

    @Test
    void aResumeAfterADisconnectNamesTheIdItReplaces() {
        bo.connection.onClose();
        h.advance(Duration.ofSeconds(3)); // the page reconnects a few seconds later
        clearAll();
        TestClient back = h.client();
        back.join("team", "Bo", "'resume':'" + bo.resume + "'");
        assertNotEquals(bo.id, back.id, "a new id on every join");
        for (TestClient c : new TestClient[] {hana, cy}) {
            JsonNode m = c.take("participant-joined");
            assertEquals(back.id, m.at("/participant/id").asText());
            assertEquals(bo.id, m.get("replaces").asText(), "the same person back: " + m);
            c.assertNo("participant-left");
        }
    }

    @Test
    void aResumeWhileStillConnectedIsReplacedThenJoinedInOneGo() {
        clearAll();
        TestClient back = h.client();
        back.join("team", "Bo", "'resume':'" + bo.resume + "'");
        bo.assertClosed(1000, "replaced");
        for (TestClient c : new TestClient[] {hana, cy}) {
            assertEquals(bo.id + " replaced", left(c));
            assertEquals(back.id + " replaces " + bo.id, joinedReplacing(c));
        }
    }

    @Test
    void theReplacedHostComesBackAsHostAndNobodyIsPromotedMeanwhile() {
        clearAll();
        TestClient back = h.client();
        assertEquals("host", back.join("team", "Hana", "'resume':'" + hana.resume + "'").at("/you/role").asText());
        assertEquals(hana.id + " replaced", left(bo));
        assertEquals(back.id + " replaces " + hana.id, joinedReplacing(bo));
        bo.assertNo("role");
        bo.assertNo("participant-updated");
        cy.assertNo("role");
    }

    @Test
    void aSecretUsedOnceReplacesNoMore() {
        bo.connection.onClose();
        TestClient back = h.client();
        back.join("team", "Bo", "'resume':'" + bo.resume + "'");
        back.connection.onClose();
        clearAll();
        TestClient again = h.client();
        again.join("team", "Bo", "'resume':'" + bo.resume + "'"); // the old secret: a newcomer
        assertTrue(hana.take("participant-joined").get("replaces").isNull());
    }

    @Test
    void aResumeAfterTheTtlIsANewcomer() {
        bo.connection.onClose();
        for (int i = 0; i < 31; i++) { // 10 minutes 20 s, the others pinging as real clients do
            h.advance(Duration.ofSeconds(20));
            hana.say("{'type':'ping'}");
            cy.say("{'type':'ping'}");
        }
        clearAll();
        h.client().join("team", "Bo", "'resume':'" + bo.resume + "'");
        assertTrue(hana.take("participant-joined").get("replaces").isNull());
    }

    /** The one participant-joined in {@code c}'s inbox, as "newId replaces oldId". */
    private static String joinedReplacing(TestClient c) {
        JsonNode m = c.take("participant-joined");
        c.assertNo("participant-joined");
        return m.at("/participant/id").asText() + " replaces " + m.get("replaces").asText();
    }
}
