package parley.e2e.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.WebElement;
import parley.e2e.ParleyServerExtension;
import parley.e2e.Poll;
import parley.e2e.ui.Ui.Role;

/**
 * Issue 3, meetings: start one from the welcome page, join by link, see each other, chat
 * to everyone and privately, leave, and names that look like HTML stay text. Three
 * headless Chromiums (Ada, Bruno, Chiara) serve every test; each test meets in a fresh room.
 */
@Tag("e2e")
class MeetingsUiTest {
    @RegisterExtension
    static final ParleyServerExtension server = ParleyServerExtension.onLoopback();

    private static final Duration FEW_SECONDS = Duration.ofSeconds(5);

    private static Cast cast;
    private static Person ada;
    private static Person bruno;
    private static Person chiara;

    @BeforeAll
    static void startBrowsers() {
        cast = Cast.start("ada", "bruno", "chiara");
        ada = cast.person(0, "Ada Quintessa");
        bruno = cast.person(1, "Bruno Vantablack");
        chiara = cast.person(2, "Chiara Obsidiana");
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
    void welcomePageSuggestsAHardNameStartsThereAndWarnsAboutAnEasyOne() {
        Ui page = ada.ui();
        page.open(server.home());
        page.awaitState("welcome");
        String suggested = cast.remember(page.value("Meeting name"));
        assertTrue(suggested.matches("([a-z]+-){4}[a-z2-7]{7}"), "suggested name " + suggested);
        assertFalse(page.description(page.field("Meeting name")).contains("easy to guess"));

        page.click("Start meeting");
        page.awaitState("prejoin");
        assertEquals("/" + suggested, page.path());
        page.await(Role.HEADING, "Ready to join?");
        assertTrue(page.pageText().contains(suggested), "the pre-join screen names the meeting");

        page.open(server.home());
        page.type("Meeting name", "team");
        WebElement field = page.field("Meeting name");
        String warning = Poll.await("a warning about the easy name", Ui.TIMEOUT,
                () -> page.description(field), d -> d.contains("easy to guess"));
        assertTrue(page.pageText().contains("This name is easy to guess"), "warning not visible; described as: " + warning);
    }

    @Test
    void twoPeopleJoinByLinkAndSeeEachOther() {
        meetingOf(ada, bruno);

        ada.awaitTiles("Bruno's tile", Ui.TIMEOUT, t -> t.contains(bruno.name()));
        bruno.awaitTiles("Ada's tile", Ui.TIMEOUT, t -> t.contains(ada.name()));
        assertEquals(List.of(ada.name() + " (you)", bruno.name()),
                ada.awaitParticipantList("both", Ui.TIMEOUT, l -> l.size() == 2));
        assertEquals(List.of(bruno.name() + " (you)", ada.name()),
                bruno.awaitParticipantList("both", Ui.TIMEOUT, l -> l.size() == 2));
    }

    @Test
    void chatReachesEveryoneAndPrivateMessagesOnlyTheirRecipient() {
        meetingOf(ada, bruno, chiara);
        ada.awaitTiles("everyone", Ui.TIMEOUT, t -> t.size() == 3);
        bruno.awaitTiles("everyone", Ui.TIMEOUT, t -> t.size() == 3);
        chiara.awaitTiles("everyone", Ui.TIMEOUT, t -> t.size() == 3);

        ada.says("Agenda item seven: the quarterly otters");
        String unread = Poll.await("Bruno's Chat button telling of an unread message", Ui.TIMEOUT,
                bruno::chatButtonDescription, d -> !d.isEmpty());
        assertEquals("1 unread message", unread);
        String seen = bruno.awaitsMessage(ada.name(), "Agenda item seven: the quarterly otters");
        assertFalse(seen.contains("(private)"), seen);
        assertEquals("", bruno.chatButtonDescription(), "the count clears once the chat is open");

        bruno.saysPrivately(ada, "Psst: the otters are secretly beavers");
        String secret = ada.awaitsMessage(bruno.name(), "Psst: the otters are secretly beavers");
        assertTrue(secret.contains("(private)"), "not marked private: " + secret);
        bruno.says("Thanks Ada, next item please");

        Poll.await("Chiara's Chat button counting the two messages to everyone", Ui.TIMEOUT,
                chiara::chatButtonDescription, "2 unread messages"::equals);
        chiara.awaitsMessage(bruno.name(), "Thanks Ada, next item please");
        List<String> chiarasLog = chiara.chatLog();
        assertEquals(2, chiarasLog.size(), "Chiara's log: " + chiarasLog);
        assertTrue(chiarasLog.stream().noneMatch(m -> m.contains("beavers")), "Chiara read the private message: " + chiarasLog);
    }

    @Test
    void whoLeavesDropsOutOfEveryonesTilesAndLists() {
        meetingOf(ada, bruno, chiara);
        ada.awaitParticipantList("all three", Ui.TIMEOUT, l -> l.size() == 3);
        bruno.awaitParticipantList("all three", Ui.TIMEOUT, l -> l.size() == 3);

        chiara.leaves();

        for (Person stayer : List.of(ada, bruno)) {
            stayer.awaitTiles("Chiara's tile gone", FEW_SECONDS, t -> !t.contains(chiara.name()) && t.size() == 2);
            stayer.awaitParticipantList("Chiara gone", FEW_SECONDS, l -> l.size() == 2 && !l.contains(chiara.name()));
        }
    }

    @Test
    void namesAndMessagesThatLookLikeHtmlStayText() {
        Person mallory = new Person(chiara.ui(), "<img src=x onerror=alert(1)>");
        meetingOf(ada, mallory);
        mallory.says("<img src=x onerror=alert(2)> <b>bold?</b>");

        ada.awaitTiles("a tile with the literal name", Ui.TIMEOUT, t -> t.contains(mallory.name()));
        assertTrue(ada.participantList().contains(mallory.name()), "participant list: " + ada.participantList());
        ada.awaitsMessage(mallory.name(), "<img src=x onerror=alert(2)> <b>bold?</b>");
        assertEquals(0, ada.ui().imagesWithSrc("x"), "an <img src=x> made it into Ada's page");
        assertEquals(0, mallory.ui().imagesWithSrc("x"), "an <img src=x> made it into Mallory's page");
        assertEquals("joined", ada.ui().state(), "no alert interrupted the page");
    }

    /** Everyone named joins a fresh meeting, one after the other. */
    private static void meetingOf(Person... people) {
        String link = server.link(cast.newRoom());
        for (Person person : people) {
            person.joins(link);
        }
    }
}
