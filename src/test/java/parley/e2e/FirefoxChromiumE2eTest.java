package parley.e2e;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Firefox ESR (in a network namespace: it gathers no loopback candidates) and Chromium
 * (in the root namespace) meet through Parley, both on the server's veth address; each
 * sees and hears the other.
 */
@Tag("e2e")
@Tag("firefox")
class FirefoxChromiumE2eTest {
    @RegisterExtension
    static final ParleyServerExtension PARLEY = ParleyServerExtension.withNetNs();

    private static final String ROOM = "fox-and-chrome-" + Long.toString(System.nanoTime(), 36);
    private static final String FOX_NAME = "Fenna Firefox";
    private static final String CHROME_NAME = "Chiara Chromium";
    private static final String CHAT_TEXT = "Can you hear me, Fenna?";

    private static Firefox firefox;
    private static ChromiumSession chromium;

    @BeforeAll
    static void startBrowsers() {
        if (PARLEY.skipped()) {
            return; // the extension skips each test, loudly
        }
        firefox = Browsers.firefox(PARLEY.netns());
        chromium = Browsers.chromium(1);
    }

    @AfterAll
    static void stopBrowsersAndCheckTheLog() {
        if (firefox != null) {
            firefox.close();
        }
        if (chromium != null) {
            chromium.close();
        }
        PARLEY.assertLogNeverHeld(ROOM, FOX_NAME, CHROME_NAME, CHAT_TEXT);
    }

    @Test
    void firefoxAndChromiumSeeAndHearEachOther(ServerHandle server, NetNs ns) {
        // The veth's root end is a local address of the root namespace: Chromium reaches it too.
        String link = server.roomUrl(ns.hostAddress(), ROOM);
        MeetingClient fenna = MeetingClient.in(firefox.page()).joinMeeting(link, FOX_NAME);
        MeetingClient chiara = MeetingClient.in(chromium.page()).joinMeeting(link, CHROME_NAME);

        chiara.awaitSeesAndHears(fenna);
        fenna.awaitSeesAndHears(chiara);
    }

    @Test
    void firefoxMutesAndChromiumSeesItThenTheyChat(ServerHandle server, NetNs ns) {
        String link = server.roomUrl(ns.hostAddress(), ROOM + "-chat");
        MeetingClient fenna = MeetingClient.in(firefox.page()).joinMeeting(link, FOX_NAME);
        MeetingClient chiara = MeetingClient.in(chromium.page()).joinMeeting(link, CHROME_NAME);
        chiara.awaitSeesAndHears(fenna);

        fenna.muteMicrophone();
        chiara.awaitTileStatus(FOX_NAME, "Microphone off");
        StatsProbe.awaitSilenceFrom(chiara.page(), fenna.participantId(), Duration.ofSeconds(5));

        chiara.sendChat(CHAT_TEXT);
        fenna.openChat();
        System.out.println("firefox shows: " + fenna.awaitChatMessage(CHAT_TEXT));
    }
}
