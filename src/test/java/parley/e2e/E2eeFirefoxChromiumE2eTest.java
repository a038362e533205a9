package parley.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 9 (docs/e2ee.md) across browsers: Chromium opens an end-to-end encrypted meeting and
 * Firefox ESR (in a network namespace, as in {@link FirefoxChromiumE2eTest}) joins it. Each
 * sees and hears the other, every frame either sent was encrypted and every frame the SFU
 * forwarded to either carried the encryption trailer, and both show the same emoji. They
 * chat, and the chat text never leaves Chromium in clear.
 */
@Tag("e2e")
@Tag("firefox")
class E2eeFirefoxChromiumE2eTest {
    @RegisterExtension
    static final ParleyServerExtension PARLEY = ParleyServerExtension.withNetNs();

    private static final String ROOM = "sealed-fox-" + Long.toString(System.nanoTime(), 36);
    private static final String FOX_NAME = "Fenna Sealed";
    private static final String CHROME_NAME = "Chiara Sealed";
    private static final String CHAT_TEXT = "The vault code is 4711, Fenna";

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
        PARLEY.assertLogNeverHeld(ROOM, FOX_NAME, CHROME_NAME, CHAT_TEXT, "4711");
    }

    @Test
    void firefoxAndChromiumSeeAndHearEachOtherEncrypted(ServerHandle server, NetNs ns) {
        String link = server.roomUrl(ns.hostAddress(), ROOM);
        MeetingClient chiara = MeetingClient.in(chromium.page()).open(link);
        chiara.toggle("End-to-end encryption");
        E2eeProbe.recordSignaling(chiara.page());
        chiara.join(CHROME_NAME);
        MeetingClient fenna = MeetingClient.in(firefox.page()).joinMeeting(link, FOX_NAME);

        chiara.awaitSeesAndHears(fenna);
        fenna.awaitSeesAndHears(chiara);
        for (MeetingClient c : List.of(chiara, fenna)) {
            JsonNode n = E2eeProbe.counters(c.page());
            System.out.println(c + " e2ee counters: " + n);
            assertTrue(n.path("encrypted").asLong() > 0, c + " encrypted nothing: " + n);
            assertEquals(0, n.path("sentClear").asLong(), c + " sent a clear frame: " + n);
            assertTrue(n.path("decrypted").asLong() > 0, c + " decrypted nothing: " + n);
            assertEquals(0, n.path("receivedClear").asLong(), "the SFU forwarded a clear frame to " + c + ": " + n);
        }
        Duration keys = Duration.ofSeconds(15);
        assertEquals(E2eeProbe.awaitSas(chiara.page(), fenna.participantId(), keys),
                E2eeProbe.awaitSas(fenna.page(), chiara.participantId(), keys), "both see the same emoji");

        chiara.sendChat(CHAT_TEXT);
        fenna.openChat();
        System.out.println("firefox shows: " + fenna.awaitChatMessage(CHAT_TEXT));
        List<String> sent = E2eeProbe.sentFrames(chiara.page());
        assertTrue(sent.stream().noneMatch(f -> f.contains("4711")), "the chat text left Chromium in clear: " + sent);
        assertTrue(sent.stream().anyMatch(f -> f.contains("\"type\":\"chat\"") && f.contains("e2ee1:")),
                "no encrypted chat among what Chromium sent: " + sent);
    }
}
