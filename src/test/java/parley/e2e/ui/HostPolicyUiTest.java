package parley.e2e.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import parley.e2e.ParleyServerExtension;

/**
 * Issue 4, host policy: on a server started with {@code --host-policy secret}, only someone
 * with the host key opens a meeting; guests then join it without one. Two headless
 * Chromiums (Hana the host, Gus).
 */
@Tag("e2e")
class HostPolicyUiTest {
    private static final String HOST_KEY = "only-hosts-know-this-key-0421";

    @RegisterExtension
    static final ParleyServerExtension server = ParleyServerExtension.onLoopback()
            .withSetting("host-policy", "secret")
            .withSetting("host-secret", HOST_KEY);

    private static Cast cast;
    private static Person hana;
    private static Person gus;

    @BeforeAll
    static void startBrowsers() {
        cast = Cast.start("hana", "gus");
        hana = cast.person(0, "Hana Hostwright");
        gus = cast.person(1, "Gus Guestworth");
    }

    @AfterAll
    static void closeBrowsersAndCheckTheLog() {
        if (cast != null) {
            cast.closeAndCheckLog(server);
        }
    }

    @Test
    void onlyTheHostKeyOpensAMeetingAndGuestsThenJoinWithoutIt() {
        String link = server.link(cast.newRoom());

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
