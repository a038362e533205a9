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
    private static final String DIALOG = "Background and effects";

    @RegisterExtension
    static final ParleyServerExtension parley = ParleyServerExtension.onLoopback();

    private static Path noiseWav;
    private static Attendee eveTab;
    private static Attendee robTab;
    private static MeetingClient eve;
    private static MeetingClient rob;

    /** Rob's decoded frame of Eve's camera: the high-frequency energy of its noise band, its centre colour. */
    private static final String FRAME = """
            (() => {
              const v = document.querySelector('.tile-camera:not([data-self]) video');
              if (!v || !v.videoWidth) return null;
              const w = v.videoWidth, h = v.videoHeight;
              const c = document.createElement('canvas');
              c.width = w; c.height = h;
              const x = c.getContext('2d', {willReadFrequently: true});
              x.drawImage(v, 0, 0, w, h);
              const d = x.getImageData(0, 0, w, h).data;
              const luma = (i) => 0.299 * d[i] + 0.587 * d[i + 1] + 0.114 * d[i + 2];
              let sum = 0, n = 0;
              for (let y = Math.floor(h * 0.85); y < Math.floor(h * 0.95); y++) {
                for (let i = 1; i < w; i++) { const a = (y * w + i) * 4; sum += (luma(a) - luma(a - 4)) ** 2; n++; }
              }
              const m = ((h >> 1) * w + (w >> 1)) * 4;
              return {hf: sum / n, centre: [d[m], d[m + 1], d[m + 2]], width: w, height: h};
            })()""";

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
        JsonNode raw = awaitFrame("Eve's raw camera", f -> f.path("hf").asDouble() > 50);
        eve.click(DIALOG);
        eve.awaitControl("checkbox", "Blur my background");
        List<Axe.Violation> blocking = Axe.audit(eveTab, "document.querySelector('dialog[open]')").stream()
                .filter(Axe.Violation::blocking).toList();
        assertEquals(List.of(), blocking, "axe on the effects dialog");

        eve.toggle("Blur my background");
        awaitApplied("Blur my background", true);
        double rawHf = raw.path("hf").asDouble();
        JsonNode blurred = awaitFrame("Eve's background blurred", f -> f.path("hf").asDouble() < rawHf / 5);
        System.out.printf("blur: noise band high-frequency energy %.1f raw, %.1f blurred (%s)%n",
                rawHf, blurred.path("hf").asDouble(), blurred);
        StatsProbe.awaitVideoRising(robTab.page(), eve.participantId(), 20, TIMEOUT); // the picture keeps coming

        // A picture behind her instead: the sea's pale sky fills the middle where her red was.
        eveTab.eval("(() => { const s = [...document.querySelectorAll('dialog[open] label')]"
                + ".find(l => l.textContent === 'Background picture').control; s.value = 'sea'; })()");
        eve.toggle("Virtual background");
        awaitApplied("Virtual background", true);
        assertEquals(false, eve.state("checkbox", "Blur my background").path("checked").asBoolean());
        awaitFrame("the sea behind Eve", f -> green(f) > 180 && blue(f) > 180);

        eve.toggle("Virtual background");
        awaitApplied("Virtual background", false);
        int[] rgb = rgb(FakeMedia.colour(0));
        awaitFrame("Eve's own camera again", f -> red(f) > blue(f) + 60 && Math.abs(red(f) - rgb[0]) < 50
                && f.path("hf").asDouble() > rawHf / 2);
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
        // (The noise worklet and its RNNoise module load in the worklet, out of the page's resource
        // timing: script-src 'self' covers them, and a violation would have been counted above.)
        for (String file : List.of("vendor/selfie-segmentation/selfie_segmentation_solution_simd_wasm_bin.wasm",
                "vendor/selfie-segmentation/selfie_segmentation_landscape.tflite")) {
            assertTrue(loaded.contains(origin + "/" + file), "Eve loaded " + file + " from " + origin + ": " + loaded);
        }
    }

    /** Waits until the dialog's checkbox {@code name} is enabled again (the change took effect) and {@code checked}. */
    private static void awaitApplied(String name, boolean checked) {
        JsonNode state = Poll.await("Eve's \"" + name + "\" applied", TIMEOUT, () -> eve.state("checkbox", name),
                s -> s != null && s.path("enabled").asBoolean(), String::valueOf);
        String status = eveTab.eval("document.querySelector('dialog[open] [role=status]')?.textContent ?? ''").asText();
        assertEquals(checked, state.path("checked").asBoolean(), name + " (status: " + status + ")");
    }

    private static JsonNode awaitFrame(String what, java.util.function.Predicate<JsonNode> done) {
        return Poll.await("Rob seeing " + what, TIMEOUT, () -> robTab.eval(FRAME), f -> !f.isNull() && done.test(f),
                String::valueOf);
    }

    private static int red(JsonNode frame) {
        return frame.path("centre").path(0).asInt();
    }

    private static int green(JsonNode frame) {
        return frame.path("centre").path(1).asInt();
    }

    private static int blue(JsonNode frame) {
        return frame.path("centre").path(2).asInt();
    }

    private static int[] rgb(int colour) {
        return new int[] {(colour >> 16) & 0xFF, (colour >> 8) & 0xFF, colour & 0xFF};
    }
}
