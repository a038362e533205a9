package parley.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import parley.record.MediaCheck;

/**
 * Issue "Recording", server side: three Chromium participants, each with its own camera colour
 * and microphone tone, are recorded for about 10 s by the server (no browser records); the third
 * joins while the recording runs. Everyone, the newcomer too, sees the "Recording" indicator
 * while it runs and hears about it through the live region. The composed MP4 is uploaded with
 * rclone to a local folder remote and the server's copy is removed; ffprobe finds H.264 and AAC
 * of the recorded length; in its frames each participant's colour fills one grid cell; in its
 * mixed audio each participant's tone is found.
 */
@Tag("e2e")
@Tag("solo") // run alone (pom.xml, e2e-solo): ffmpeg composes the recording
class RecordingE2eTest {
    private static final Path RECORDINGS = tempDir("parley-recordings");
    private static final Path REMOTE = tempDir("parley-remote");

    @RegisterExtension
    static final ParleyServerExtension PARLEY = ParleyServerExtension.onLoopback()
            .withSetting("recordings", RECORDINGS.toString())
            .withSetting("recording-upload", ":local:" + REMOTE);

    private static final String ROOM = "recorded-" + Long.toString(System.nanoTime(), 36);
    private static final List<String> NAMES = List.of("Ada Recorda", "Bea Recorda", "Cy Latecomer");
    private static final Duration RECORD_FOR = Duration.ofSeconds(10);
    /** How long all three are recorded together, for the grid and the mix. */
    private static final Duration WITH_EVERYONE = Duration.ofSeconds(6);
    /**
     * Composition of ~10 s of three cameras takes ~5 s of CPU (bench/record.sh), but at nice 10 it
     * gets what the browsers and anything else on the machine leave.
     */
    private static final Duration STORED_TIMEOUT = Duration.ofSeconds(240);

    private static List<ChromiumSession> browsers = List.of();

    private static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new E2eException("no temporary folder", e);
        }
    }

    @BeforeAll
    static void startBrowsers() {
        if (!PARLEY.skipped()) browsers = Browsers.chromiums(3);
    }

    @AfterAll
    static void stopBrowsersAndCheckTheLog() {
        browsers.forEach(ChromiumSession::close);
        PARLEY.assertLogNeverHeld(ROOM, NAMES.get(0), NAMES.get(1), NAMES.get(2));
        Processes.deleteTree(RECORDINGS);
        Processes.deleteTree(REMOTE);
    }

    /** Whether the page shows the recording indicator now. */
    private static boolean showsIndicator(MeetingClient c) {
        return c.page().eval("document.querySelector('[data-indicator=recording]')?.checkVisibility() === true").asBoolean();
    }

    private static String announced(MeetingClient c) {
        return c.page().eval("document.getElementById('announcer')?.textContent ?? ''").asText();
    }

    private static void awaitIndicator(MeetingClient c, boolean shown) {
        Poll.until(c + (shown ? " showing" : " no longer showing") + " the recording indicator", MeetingClient.CONTROL_TIMEOUT,
                () -> showsIndicator(c) == shown);
    }

    @Test
    void threePeopleAreRecordedIntoOneGridWithEveryonesToneAndTheFileIsUploaded(ServerHandle server) throws Exception {
        String link = server.roomUrl("127.0.0.1", ROOM);
        MeetingClient ada = MeetingClient.in(browsers.get(0).page()).joinMeeting(link, NAMES.get(0));
        MeetingClient bea = MeetingClient.in(browsers.get(1).page()).joinMeeting(link, NAMES.get(1));
        ada.awaitSeesAndHears(bea);
        bea.awaitSeesAndHears(ada);
        assertTrue(!showsIndicator(ada) && !showsIndicator(bea), "no indicator before recording");
        assertTrue(!bea.names("button").contains("Start recording"), "only moderators get the control");

        ada.click("Start recording");
        long startedNs = System.nanoTime();
        for (MeetingClient c : List.of(ada, bea)) {
            awaitIndicator(c, true);
            Poll.until(c + " announcing the recording", MeetingClient.CONTROL_TIMEOUT,
                    () -> announced(c).contains("started recording this meeting"));
        }
        MeetingClient cy = MeetingClient.in(browsers.get(2).page()).joinMeeting(link, NAMES.get(2));
        awaitIndicator(cy, true);
        Poll.until(cy + " told on arrival", MeetingClient.CONTROL_TIMEOUT,
                () -> announced(cy).contains("This meeting is being recorded."));
        try {
            StatsProbe.awaitVideoFrames(ada.page(), cy.participantId(), 10, MeetingClient.MEDIA_TIMEOUT); // cy's camera flows
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; ada's view: " + ada.page().eval("window.parley.lastView")
                    + "; cy's tracks as ada knows them: " + ada.page().call("(id) => JSON.stringify(window.parley.participants().find((p) => p.id === id))", cy.participantId())
                    + "; media counters: " + server.running().media().counters(), e);
        }
        long cySeenNs = System.nanoTime();
        // The meeting goes on in real time (that is the point): 10 s in all, and 6 s of all three.
        long waitNs = Math.max(RECORD_FOR.toNanos() - (cySeenNs - startedNs), WITH_EVERYONE.toNanos());
        Poll.pause(Duration.ofNanos(waitNs));
        ada.click("Stop recording");
        double recordedS = (System.nanoTime() - startedNs) / 1e9;
        for (MeetingClient c : List.of(ada, bea, cy)) awaitIndicator(c, false);
        bea.leave(); // their browsers' CPU goes to ffmpeg, which runs at nice 10
        cy.leave();

        Path uploaded = Poll.await("the recording uploaded to the rclone remote", STORED_TIMEOUT, () -> list(REMOTE),
                files -> files.size() == 1, files -> "remote holds " + files + "; server folder " + list(RECORDINGS)).get(0);
        Poll.until("ada told where it went", MeetingClient.CONTROL_TIMEOUT,
                () -> announced(ada).contains("The recording was uploaded as " + uploaded.getFileName()));
        assertEquals(List.of(), list(RECORDINGS), "the server's copy and working files are gone after the upload");
        assertTrue(uploaded.getFileName().toString().matches("parley-\\d{8}-\\d{6}-[0-9a-f]{12}\\.mp4"),
                "no room name in the file name: " + uploaded.getFileName());

        assertEquals(List.of("h264", "aac"), MediaCheck.codecs(uploaded));
        double duration = MediaCheck.durationSeconds(uploaded);
        assertEquals(recordedS, duration, 2.0, "duration");
        checkGrid(uploaded, duration);
        double cyFrom = (cySeenNs - startedNs) / 1e9 + 1;
        short[] mix = MediaCheck.pcm(uploaded, cyFrom, Math.max(2, duration - cyFrom - 1));
        for (int i = 0; i < 3; i++) {
            double share = MediaCheck.toneShare(mix, 16_000, FakeMedia.toneHz(i));
            System.out.printf("tone %d Hz: %.3f of the mix%n", FakeMedia.toneHz(i), share);
            assertTrue(share > 0.05, NAMES.get(i) + "'s " + FakeMedia.toneHz(i) + " Hz tone is in the mix: " + share);
        }
    }

    /** Three cells of the 2x2 grid (640x360 each) hold the three cameras' colours, one each; the fourth is black. */
    private static void checkGrid(Path video, double duration) throws IOException {
        List<Integer> cells = new ArrayList<>();
        for (int cell = 0; cell < 4; cell++) {
            int x = cell % 2 * 640 + 220;
            int y = cell / 2 * 360 + 110;
            cells.add(MediaCheck.meanColour(video, duration - 1.5, x, y, 200, 120));
        }
        System.out.println("grid cell colours: " + cells.stream().map(c -> String.format("%06X", c)).toList());
        for (int i = 0; i < 3; i++) {
            int colour = FakeMedia.colour(i);
            long matches = cells.stream().filter(c -> MediaCheck.near(c, colour, 48)).count();
            assertEquals(1, matches, String.format("cells showing %s's colour %06X", NAMES.get(i), colour));
        }
        assertEquals(1, cells.stream().filter(c -> MediaCheck.near(c, 0, 24)).count(), "one empty (black) cell");
    }

    private static List<Path> list(Path dir) {
        try (var files = Files.list(dir)) {
            return files.toList();
        } catch (IOException e) {
            throw new E2eException("cannot list " + dir, e);
        }
    }
}
