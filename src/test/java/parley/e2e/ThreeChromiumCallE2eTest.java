package parley.e2e;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue "media plane": three people in three Chromium browsers (each with its own fake
 * camera colour and microphone tone) meet; each sees and hears the other two. When one
 * leaves, the other two stop receiving from them within seconds and keep receiving from
 * each other.
 */
@Tag("e2e")
class ThreeChromiumCallE2eTest {
    @RegisterExtension
    static final ParleyServerExtension PARLEY = ParleyServerExtension.onLoopback();

    private static final String ROOM = "three-chromium-" + Long.toString(System.nanoTime(), 36);
    private static final List<String> NAMES = List.of("Ada Lovelace", "Bea Brunhilde", "Cy Cyrano");
    /** How soon after someone leaves the others stop receiving from them. */
    private static final Duration LEAVE_TIMEOUT = Duration.ofSeconds(5);
    /** Frames that stop rising for this long count as stopped (when the track is still listed). */
    private static final Duration QUIET = Duration.ofSeconds(1);

    private static List<ChromiumSession> browsers = List.of();

    @BeforeAll
    static void startThreeBrowsers() {
        if (PARLEY.skipped()) {
            return;
        }
        List<CompletableFuture<ChromiumSession>> starting = List.of(0, 1, 2).stream()
                .map(i -> CompletableFuture.supplyAsync(() -> Browsers.chromium(i))).toList();
        browsers = starting.stream().map(CompletableFuture::join).toList();
    }

    @AfterAll
    static void stopBrowsersAndCheckTheLog() {
        browsers.forEach(ChromiumSession::close);
        PARLEY.assertLogNeverHeld(ROOM, NAMES.get(0), NAMES.get(1), NAMES.get(2));
    }

    @Test
    void threePeopleSeeAndHearEachOtherUntilOneLeaves(ServerHandle server) {
        String link = server.roomUrl("127.0.0.1", ROOM);
        MeetingClient ada = MeetingClient.in(browsers.get(0).page()).joinMeeting(link, NAMES.get(0));
        MeetingClient bea = MeetingClient.in(browsers.get(1).page()).joinMeeting(link, NAMES.get(1));
        MeetingClient cy = MeetingClient.in(browsers.get(2).page()).joinMeeting(link, NAMES.get(2));
        List<MeetingClient> everyone = List.of(ada, bea, cy);

        for (MeetingClient viewer : everyone) {
            for (MeetingClient other : everyone) {
                if (other != viewer) {
                    viewer.awaitSeesAndHears(other);
                }
            }
        }

        cy.leave();
        long leftAt = System.nanoTime();

        for (MeetingClient stayer : List.of(ada, bea)) {
            Duration left = LEAVE_TIMEOUT.minusNanos(System.nanoTime() - leftAt);
            StatsProbe.awaitStoppedFrom(stayer.page(), cy.participantId(), QUIET, left.plus(QUIET));
            System.out.printf("%s stopped receiving from %s %d ms after the click%n", stayer, cy,
                    (System.nanoTime() - leftAt) / 1_000_000);
        }
        ada.awaitSeesAndHears(bea);
        bea.awaitSeesAndHears(ada);
    }
}
