package parley.e2e.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import parley.e2e.ParleyServerExtension;
import parley.e2e.Poll;
import parley.e2e.ui.Ui.Role;

/**
 * Issue 4, access control, from the host's and the guests' screens: a room password, the
 * lobby (admit, deny), kicking (with a reason, and no coming back for a while), the server
 * refusing a kick from a non-moderator, moving the meeting to a new link, and ending it for
 * everyone (its ender told so); a late visitor to an ended or moved meeting's link is told
 * so, opens no room there and may start a new meeting under a new name. Three headless
 * Chromiums (Hana the host, Gus and Olga); each test meets in a fresh room.
 */
@Tag("e2e")
class AccessControlUiTest {
    @RegisterExtension
    static final ParleyServerExtension server = ParleyServerExtension.onLoopback();

    private static Cast cast;
    private static Person hana;
    private static Person gus;
    private static Person olga;

    @BeforeAll
    static void startBrowsers() {
        cast = Cast.start("hana", "gus", "olga");
        hana = cast.person(0, "Hana Hostwright");
        gus = cast.person(1, "Gus Guestworth");
        olga = cast.person(2, "Olga Outsiderova");
    }

    @AfterEach
    void everyoneClosesThePage() {
        cast.closePages();
    }

    @AfterAll
    static void closeBrowsersAndCheckTheLog() {
        if (cast != null) {
            cast.closeAndCheckLog(server);
        }
    }

    @Test
    void aPasswordKeepsOutWhoDoesNotKnowIt() {
        String link = server.link(cast.newRoom());
        hana.joins(link);
        hana.setsPassword("correct horse battery");

        gus.opensPrejoin(link);
        gus.clicksJoin();
        gus.awaitsRefusal("This meeting needs a password.");
        gus.ui().type("Password", "wrong horse battery");
        gus.clicksJoin();
        gus.awaitsRefusal("That password is not right.");
        assertEquals("prejoin", gus.ui().state());

        gus.ui().type("Password", "correct horse battery");
        gus.clicksJoin();
        gus.ui().awaitState("joined");
        hana.awaitTiles("Gus's tile", Ui.TIMEOUT, t -> t.contains(gus.name()));
    }

    @Test
    void theHostAdmitsOneGuestFromTheLobbyAndDeniesAnother() {
        String link = server.link(cast.newRoom());
        hana.joins(link);
        hana.enablesLobby();

        gus.knocks(link);
        gus.ui().await(Role.HEADING, "Waiting for a moderator to let you in");
        hana.ui().await(Role.HEADING, "1 person is waiting");
        hana.admits(gus);
        gus.ui().awaitState("joined");
        hana.awaitTiles("Gus's tile", Ui.TIMEOUT, t -> t.contains(gus.name()));

        olga.knocks(link);
        hana.denies(olga);
        olga.ui().awaitState("denied");
        olga.ui().await(Role.HEADING, "You were not let in");
        assertFalse(hana.tiles().contains(olga.name()), "Olga got in: " + hana.tiles());
    }

    @Test
    void whoEndsTheMeetingIsToldTheyDidAndTheOthersThatAModeratorDid() {
        String link = hanaAndGusMeet();

        hana.endsMeeting();
        for (Person p : List.of(hana, gus)) {
            p.ui().awaitState("ended");
            p.ui().await(Role.HEADING, "The meeting has ended");
        }
        String hanas = hana.ui().pageText();
        assertTrue(hanas.contains("You ended the meeting for everyone."), hanas);
        assertFalse(hanas.contains("A moderator ended"), hanas);
        String guss = gus.ui().pageText();
        assertTrue(guss.contains("A moderator ended the meeting for everyone."), guss);

        olga.opensPrejoin(link);
        olga.clicksJoin();
        olga.ui().await(Role.HEADING, "This meeting has ended");
        assertEquals("gone", olga.ui().state());
        olga.ui().click("Start a new meeting");
        olga.ui().awaitState("prejoin");
        String newPath = olga.ui().path();
        cast.remember(newPath.substring(1));
        assertFalse(newPath.equals(link.substring(link.lastIndexOf('/'))), "the new meeting took the ended one's name");
        olga.ui().tick("Start with camera off");
        olga.clicksJoin();
        olga.ui().awaitState("joined");
        assertEquals("host", olga.ui().role());
    }

    @Test
    void aKickedParticipantSeesTheReasonAndCannotComeStraightBack() {
        String link = hanaAndGusMeet();

        hana.kicks(gus, "Please stop sharing cat videos");
        gus.ui().awaitState("kicked");
        gus.ui().await(Role.HEADING, "You were removed from the meeting");
        assertTrue(gus.ui().pageText().contains("Please stop sharing cat videos"), gus.ui().pageText());
        hana.awaitTiles("Gus gone", Ui.TIMEOUT, t -> !t.contains(gus.name()));

        gus.opensPrejoin(link);
        gus.clicksJoin();
        gus.awaitsRefusal("You were removed from this meeting a short while ago");
        assertEquals(List.of(hana.name() + " (you)"), hana.participantList(), "Gus came back");
    }

    @Test
    void theServerRefusesAKickFromSomeoneWhoIsNotAModerator() {
        String link = server.link(cast.newRoom());
        hana.joins(link);
        gus.opensPrejoin(link);
        gus.ui().tapSignaling();
        gus.clicksJoin();
        gus.ui().awaitState("joined");
        olga.joins(link);
        gus.awaitParticipantList("all three", Ui.TIMEOUT, l -> l.size() == 3);
        gus.ui().click("More actions for " + olga.name());
        gus.ui().await(Role.BUTTON, "Message privately"); // the menu is open
        assertTrue(gus.ui().find(Role.BUTTON, "Remove from meeting").isEmpty(), "Gus, a participant, is offered Remove");
        gus.ui().click("More actions for " + olga.name());

        gus.ui().sendRaw("{\"type\":\"kick\",\"participantId\":\"" + olga.ui().participantId() + "\",\"reason\":null}");

        String errors = Poll.await("Gus's connection receiving an error", Ui.TIMEOUT,
                gus.ui()::tappedErrors, e -> !e.equals("[]"));
        assertTrue(errors.contains("\"code\":\"forbidden\"") && errors.contains("\"ref\":\"kick\""), errors);
        Poll.until("Gus shown \"Only moderators can do that.\"", Ui.TIMEOUT,
                () -> gus.ui().pageText().contains("Only moderators can do that."));
        assertEquals("joined", olga.ui().state());
        assertTrue(hana.participantList().contains(olga.name()), "Olga is gone: " + hana.participantList());
    }

    @Test
    void aNewMeetingLinkMovesEveryoneAndTheOldLinkSaysSoWithoutTellingTheNewOne() {
        String oldRoom = cast.newRoom();
        String link = server.link(oldRoom);
        hana.joins(link);
        gus.joins(link);
        hana.awaitTiles("Gus's tile", Ui.TIMEOUT, t -> t.contains(gus.name()));

        hana.rotatesLink();
        String newPath = Poll.await("Hana's address bar showing a new link", Ui.TIMEOUT,
                hana.ui()::path, p -> !p.equals("/" + oldRoom));
        String newRoom = cast.remember(newPath.substring(1));
        Poll.await("Gus's address bar showing the same new link", Ui.TIMEOUT, gus.ui()::path, newPath::equals);
        gus.ui().await(Role.HEADING, newRoom);
        gus.opensPanel("Participants");
        assertTrue(gus.ui().pageText().contains(server.link(newRoom)), "Gus's invitation still shows the old link");
        assertEquals("joined", hana.ui().state());
        assertEquals("joined", gus.ui().state());
        assertEquals(List.of(hana.name() + " (you)", gus.name()), hana.participantList());
        assertTrue(gus.tiles().contains(hana.name()), "Gus's tiles: " + gus.tiles());

        olga.opensPrejoin(link);
        olga.clicksJoin();
        olga.ui().await(Role.HEADING, "This meeting's link has changed");
        String olgas = olga.ui().pageText();
        assertTrue(olgas.contains("Ask the host for the new link."), olgas);
        assertFalse(olgas.contains(newRoom) || olga.ui().path().contains(newRoom), "Olga was shown the new link");
        assertEquals("/" + oldRoom, olga.ui().path());
        assertTrue(olga.ui().find(Role.BUTTON, "Start a new meeting").size() == 1, "no way to start a new meeting");
        assertFalse(hana.participantList().contains(olga.name()), "Olga reached the moved meeting");
    }

    /** Hana (the host) and Gus meet in a fresh room, Hana seeing Gus's tile; returns its link. */
    private static String hanaAndGusMeet() {
        String link = server.link(cast.newRoom());
        hana.joins(link);
        gus.joins(link);
        hana.awaitTiles("Gus's tile", Ui.TIMEOUT, t -> t.contains(gus.name()));
        return link;
    }
}
