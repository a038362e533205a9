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
import parley.e2e.Poll;
import parley.e2e.ui.Ui.Role;

/**
 * Issue 4, host policy: on a server started with {@code --host-policy secret}, only someone
 * with the host key opens a meeting; guests then join it without one. The start page asks
 * for the key instead of offering anyone to start, and a wrong key is told apart from none.
 * Two headless Chromiums (Hana the host, Gus).
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
    void theStartPageAsksForTheHostKeyAndAWrongKeyIsToldApartFromNone() {
        gus.ui().open(server.home());
        gus.ui().awaitState("welcome");
        gus.ui().await(Role.HEADING, "Video meetings without accounts");
        assertTrue(gus.ui().hasField("Host key"), "the start page offers to start a meeting without a host key");
        assertTrue(gus.ui().pageText().contains("Only hosts can start meetings here."), gus.ui().pageText());
        gus.ui().click("Start meeting");
        Poll.until("Gus asked for the host key", Ui.TIMEOUT,
                () -> gus.ui().pageText().contains("Please enter your host key."));
        assertEquals("welcome", gus.ui().state());

        gus.ui().type("Host key", "not-the-host-key-at-all-0000");
        gus.ui().click("Start meeting");
        gus.ui().awaitState("prejoin");
        cast.remember(gus.ui().path().substring(1));
        gus.ui().type("Your name", gus.name());
        gus.ui().tick("Start with camera off");
        gus.clicksJoin();
        String refusal = gus.awaitsRefusal("That host key is not right.");
        assertFalse(refusal.contains("not been started by its host"), refusal);
        assertTrue(gus.ui().hasField("Host key"), "no Host key field to try again");
        gus.ui().type("Host key", HOST_KEY);
        gus.clicksJoin();
        gus.ui().awaitState("joined");
        assertEquals("host", gus.ui().role());
        gus.ui().js("sessionStorage.clear()"); // the key this tab keeps would make Gus a host in the other test
        gus.ui().open("about:blank");
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
