package parley.e2e.ux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import parley.e2e.Browsers;
import parley.e2e.FakeMedia;
import parley.e2e.MeetingClient;
import parley.e2e.ParleyServerExtension;
import parley.e2e.Poll;
import parley.e2e.Processes;
import parley.e2e.StatsProbe;

/**
 * Background blur, virtual background and noise suppression (web/effects/), proven on what
 * the other participant receives. One Chromium, two tabs: Eve turns the effects on in the
 * "Background and effects" dialog, Rob receives her through the server. Both tabs share a
 * fake camera whose bottom band is moving noise (FakeMedia) and a fake microphone of white
 * noise made here: blur must take the high-frequency energy out of that band in the frames
 * Rob decodes while they keep arriving, and noise suppression must take the noise out of
 * the sound Rob hears. Everything the effects load (MediaPipe, RNNoise) comes from the
 * server's own origin, with no Content-Security-Policy violation, and the dialog passes axe.
 */
@Tag("e2e")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EffectsE2eTest {
    /** Generous: the segmentation model loads and runs on a software GPU on a loaded 2-core box. */
    private static final Duration TIMEOUT = Duration.ofSeconds(45);
    private static final String DIALOG = EffectsDialog.NAME;

    @RegisterExtension
    static final ParleyServerExtension parley = ParleyServerExtension.onLoopback();

    private static Path noiseWav;
    private static Attendee eveTab;
    private static Attendee robTab;
    private static MeetingClient eve;
    private static MeetingClient rob;

    /** The fake camera's band of moving noise (FakeMedia): background, full of detail. */
    private static final DecodedFrame.Band NOISE_BAND = new DecodedFrame.Band(0.85, 0.95);

    @BeforeAll
    static void startBrowser() throws IOException {
        noiseWav = Files.createTempFile("parley-noise", ".wav");
        Processes.run(List.of("ffmpeg", "-nostdin", "-v", "error", "-y", "-f", "lavfi",
                "-i", "anoisesrc=color=white:amplitude=0.3:sample_rate=48000:duration=4",
                "-ac", "1", "-c:a", "pcm_s16le", noiseWav.toString()), 30);
        eveTab = Attendee.in(Browsers.chromium(FakeMedia.y4m(0), noiseWav));
        robTab = eveTab.newTab();
        Watch.install(eveTab);
        Watch.install(robTab);
        String room = parley.link("effects-" + System.nanoTime());
        eve = MeetingClient.in(eveTab.page()).joinMeeting(room, "Eve");
        rob = MeetingClient.in(robTab.page()).joinMeeting(room, "Rob");
        rob.awaitSeesAndHears(eve);
    }

    @AfterAll
    static void stopBrowser() throws IOException {
        if (eveTab != null) {
            eveTab.close();
        }
        if (noiseWav != null) {
            Files.deleteIfExists(noiseWav);
        }
    }

    /** A dialog a failed step left open would cover the controls of the next. */
    @BeforeEach
    void closeDialogs() {
        eveTab.eval("document.querySelectorAll('dialog[open]').forEach(d => d.close())");
    }

    @Test
    @Order(1)
    void blurTakesTheDetailOutOfTheBackgroundTheOthersReceive() {
        DecodedFrame raw = awaitFrame("Eve's raw camera", f -> f.hf() > 50);
        eve.click(DIALOG);
        eve.awaitControl("checkbox", "Blur my background");
        List<Axe.Violation> blocking = Axe.audit(eveTab, "document.querySelector('dialog[open]')").stream()
                .filter(Axe.Violation::blocking).toList();
        assertEquals(List.of(), blocking, "axe on the effects dialog");

        eve.toggle("Blur my background");
        awaitApplied("Blur my background", true);
        double rawHf = raw.hf();
        DecodedFrame blurred = awaitFrame("Eve's background blurred", f -> f.hf() < rawHf / 5);
        System.out.printf("blur: noise band high-frequency energy %.1f raw, %.1f blurred (%s)%n",
                rawHf, blurred.hf(), blurred);
        StatsProbe.awaitVideoRising(robTab.page(), eve.participantId(), 20, TIMEOUT); // the picture keeps coming

        // A picture behind her instead: the sea's pale sky fills the middle where her red was.
        eveTab.eval("(() => { const s = [...document.querySelectorAll('dialog[open] label')]"
                + ".find(l => l.textContent === 'Background picture').control; s.value = 'sea'; })()");
        eve.toggle("Virtual background");
        awaitApplied("Virtual background", true);
        assertEquals(false, eve.state("checkbox", "Blur my background").path("checked").asBoolean());
        awaitFrame("the sea behind Eve", f -> f.green() > 180 && f.blue() > 180);

        eve.toggle("Virtual background");
        awaitApplied("Virtual background", false);
        int[] rgb = rgb(FakeMedia.colour(0));
        awaitFrame("Eve's own camera again", f -> f.red() > f.blue() + 60 && Math.abs(f.red() - rgb[0]) < 50
                && f.hf() > rawHf / 2);
        eve.click("Done");
    }

    @Test
    @Order(2)
    void noiseSuppressionTakesTheNoiseOutOfWhatTheOthersHear() {
        String eveId = eve.participantId();
        double noisy = StatsProbe.awaitInbound(robTab.page(), "Eve's noise at Rob", TIMEOUT,
                i -> "audio".equals(i.kind()) && eveId.equals(i.participantId()) && i.audioLevel() > 0.01).audioLevel();
        // From the Settings dialog this time: its line opens the same dialog.
        eve.click("Settings");
        eve.click("Change background and effects");
        eve.toggle("Noise suppression");
        awaitApplied("Noise suppression", true);
        double quiet = StatsProbe.awaitInbound(robTab.page(), "Eve's noise suppressed at Rob", TIMEOUT,
                i -> "audio".equals(i.kind()) && eveId.equals(i.participantId()) && i.audioLevel() < noisy / 10).audioLevel();
        System.out.printf("noise suppression: audioLevel at the receiver %.4f off, %.5f on%n", noisy, quiet);
        eve.click("Done");
    }

    @Test
    @Order(3)
    void everythingTheEffectsLoadComesFromTheServersOrigin() {
        URI base = parley.server().baseUrl();
        String origin = base.getScheme() + "://" + base.getRawAuthority();
        for (Attendee a : List.of(eveTab, robTab)) {
            JsonNode seen = a.eval("({loaded: performance.getEntriesByType('resource').map(e => e.name),"
                    + " csp: window.__watch.csp})");
            List<String> foreign = new ArrayList<>();
            seen.path("loaded").forEach(u -> {
                URI uri = URI.create(u.asText());
                if (!origin.equals(uri.getScheme() + "://" + uri.getRawAuthority())) {
                    foreign.add(u.asText());
                }
            });
            assertEquals(List.of(), foreign, a + " loaded from elsewhere");
            assertEquals(0, seen.path("csp").size(), "CSP violations in " + a + ": " + seen.path("csp"));
        }
        String loaded = eveTab.eval("performance.getEntriesByType('resource').map(e => e.name).join(' ')").asText();
        // The segmentation model loads in a worker (effects/segment-worker.js), the noise model in
        // a worklet: both out of the page's resource timing, both under the same policy
        // (connect-src 'self', script-src 'self'), whose violations would have been counted above
        // for the page. The page itself loaded the worker from here (or the model, without a worker).
        assertTrue(loaded.contains(origin + "/effects/segment-worker.js")
                || loaded.contains(origin + "/vendor/selfie-segmentation/selfie_segmentation_landscape.tflite"),
                "Eve loaded the segmentation from " + origin + ": " + loaded);
    }

    /**
     * Moved into a breakout room and back, Eve keeps her blur and her noise suppression (the
     * dialog still shows both on), and Rob, moved with her, decodes her background blurred in
     * the breakout room and again in the main room.
     */
    @Test
    @Order(4)
    void effectsStayOnInABreakoutRoomAndBack() {
        double rawHf = awaitFrame("Eve's raw camera before the breakout", f -> f.hf() > 50).hf();
        EffectsDialog.set(eve, "Blur my background", true, TIMEOUT);
        eve.click("Done");
        awaitFrame("Eve blurred before the breakout", f -> f.hf() < rawHf / 5);

        eve.click("Breakout rooms");
        eve.fill("Number of rooms", "1");
        eve.click("Open breakout rooms");
        BreakoutRoomsTest.choose(eve, "Room for Rob", "Room 1");
        eve.click("Join Room 1");
        BreakoutRoomsTest.awaitIn(eve, "Room 1");
        BreakoutRoomsTest.awaitIn(rob, "Room 1");
        eveTab.eval("document.querySelectorAll('dialog[open]').forEach(d => d.close())");
        DecodedFrame inBreakout = awaitFrame("Eve blurred in Room 1", f -> f.hf() < rawHf / 5);
        StatsProbe.awaitVideoRising(robTab.page(), eve.participantId(), 20, TIMEOUT);
        assertDialogShowsEffectsOn("in Room 1");

        eve.click("Breakout rooms");
        eve.click("Close breakout rooms");
        BreakoutRoomsTest.awaitIn(eve, null);
        BreakoutRoomsTest.awaitIn(rob, null);
        eveTab.eval("document.querySelectorAll('dialog[open]').forEach(d => d.close())");
        DecodedFrame back = awaitFrame("Eve blurred back in the main room", f -> f.hf() < rawHf / 5);
        assertDialogShowsEffectsOn("back in the main room");
        System.out.printf("breakout: noise band energy %.1f raw, %.1f in Room 1, %.1f back%n", rawHf, inBreakout.hf(), back.hf());
    }

    private static void assertDialogShowsEffectsOn(String where) {
        eve.click(DIALOG);
        eve.awaitControl("checkbox", "Blur my background");
        awaitApplied("Blur my background", true);
        awaitApplied("Noise suppression", true);
        eve.click("Done");
    }

    private static void awaitApplied(String name, boolean checked) {
        EffectsDialog.awaitApplied(eve, name, checked, TIMEOUT);
    }

    private static DecodedFrame awaitFrame(String what, java.util.function.Predicate<DecodedFrame> done) {
        return DecodedFrame.await(robTab.page(), NOISE_BAND, what, TIMEOUT, done);
    }

    private static int[] rgb(int colour) {
        return new int[] {(colour >> 16) & 0xFF, (colour >> 8) & 0xFF, colour & 0xFF};
    }
}
