package parley.e2e.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 4, host policy: on a server started with {@code --host-policy secret}, only someone
 * with the host key opens a meeting; guests then join it without one. Two headless
 * Chromiums (Hana the host, Gus).
 */
@Tag("e2e")
class HostPolicyUiTest {
    private static final String HOST_KEY = "only-hosts-know-this-key-0421";

    @RegisterExtension
    static final UiServer server = UiServer.onLoopback()
            .withSetting("host-policy", "secret")
            .withSetting("host-secret", HOST_KEY);

    /** Everything typed into the pages: none of it may reach the server's log. */
    private static final Set<String> typed = ConcurrentHashMap.newKeySet();

    private static List<Ui> browsers;
    private static Person hana;
    private static Person gus;

    @BeforeAll
    static void startBrowsers() {
        browsers = Ui.start(typed, "hana", "gus");
        hana = new Person(browsers.get(0), "Hana Hostwright");
        gus = new Person(browsers.get(1), "Gus Guestworth");
    }

    @AfterAll
    static void closeBrowsersAndCheckTheLog() {
        if (browsers != null) {
            Ui.closeAll(browsers);
        }
        server.assertLogsNeverHeld(typed);
    }

    @Test
    void onlyTheHostKeyOpensAMeetingAndGuestsThenJoinWithoutIt() {
        String room = UiServer.newRoom();
        typed.add(room);
        String link = server.link(room);

        hana.opensPrejoin(link);
        assertFalse(hana.ui().hasField("Host key"), "the key is asked for before the server wants it");
        hana.clicksJoin();
        hana.awaitsRefusal("This meeting has not been started by its host yet.");
        assertTrue(hana.ui().hasField("Host key"), "no Host key field after the refusal");

        hana.ui().type("Host key", HOST_KEY);
        hana.clicksJoin();
        hana.ui().awaitState("joined");
        assertEquals("host", hana.ui().role());

        gus.opensPrejoin(link);
        assertFalse(gus.ui().hasField("Host key"));
        gus.clicksJoin();
        gus.ui().awaitState("joined");
        assertEquals("participant", gus.ui().role());
        gus.awaitTiles("Hana's tile", Ui.TIMEOUT, t -> t.contains(hana.name()));
        hana.awaitTiles("Gus's tile", Ui.TIMEOUT, t -> t.contains(gus.name()));
    }
}
