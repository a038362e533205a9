package parley.e2e.ux;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import parley.e2e.Browsers;
import parley.e2e.ChromiumSession;
import parley.e2e.Firefox;
import parley.e2e.MeetingClient;
import parley.e2e.NetNs;
import parley.e2e.ParleyServerExtension;
import parley.e2e.ServerHandle;
import parley.e2e.StatsProbe;

/**
 * The effects in Firefox ESR, which has no MediaStreamTrackProcessor: background.js draws a
 * hidden video into a canvas and sends the canvas's track. Firefox (in a network namespace:
 * it gathers no loopback candidates) turns on blur and noise suppression in the "Background
 * and effects" dialog; the Chromium on the other side decodes a blurred background and hears
 * the microphone quieter. Firefox's fake camera (media.navigator.streams.fake) is a flat
 * colour whose top rows carry a timestamp as black and white blocks (a bit pattern that
 * changes every frame): that band is the detail blur must take out, measured as in
 * EffectsE2eTest (DecodedFrame). Its fake microphone is a steady tone, which RNNoise treats
 * as noise (no voice in it). Everything Firefox loads comes from the server's origin.
 */
@Tag("e2e")
@Tag("firefox")
class FirefoxEffectsE2eTest {
    @RegisterExtension
    static final ParleyServerExtension PARLEY = ParleyServerExtension.withNetNs();

    /** Generous: MediaPipe loads and first runs on software WebGL on a loaded 2-core machine. */
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** The top rows of Firefox's fake camera, where its timestamp blocks are. */
    private static final DecodedFrame.Band STAMP_BAND = new DecodedFrame.Band(0, 0.04);
    private static final String ROOM = "fox-effects-" + Long.toString(System.nanoTime(), 36);

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
    static void stopBrowsers() {
        if (firefox != null) {
            firefox.close();
        }
        if (chromium != null) {
            chromium.close();
        }
        PARLEY.assertLogNeverHeld(ROOM, "Fenna", "Chiara");
    }

    @Test
    void firefoxBlursItsBackgroundAndSuppressesNoiseForChromium(ServerHandle server, NetNs ns) {
        String link = server.roomUrl(ns.hostAddress(), ROOM);
        MeetingClient fenna = MeetingClient.in(firefox.page()).joinMeeting(link, "Fenna");
        MeetingClient chiara = MeetingClient.in(chromium.page()).joinMeeting(link, "Chiara");
        chiara.awaitSeesAndHears(fenna);
        String fennaId = fenna.participantId();

        DecodedFrame raw = DecodedFrame.await(chiara.page(), STAMP_BAND, "Fenna's raw camera", TIMEOUT, f -> f.hf() > 50);
        for (double[] b : new double[][] {{0, 0.04}, {0.04, 0.1}, {0.45, 0.55}, {0.85, 0.95}}) {
            System.out.printf("firefox raw camera, rows %.2f-%.2f: %s%n", b[0], b[1],
                    DecodedFrame.read(chiara.page(), new DecodedFrame.Band(b[0], b[1])));
        }
        EffectsDialog.set(fenna, "Blur my background", true, TIMEOUT);
        DecodedFrame blurred = DecodedFrame.await(chiara.page(), STAMP_BAND, "Fenna's background blurred", TIMEOUT,
                f -> f.hf() < raw.hf() / 5);
        System.out.printf("firefox blur: timestamp band high-frequency energy %.1f raw, %.1f blurred (%s)%n",
                raw.hf(), blurred.hf(), blurred);
        StatsProbe.awaitVideoRising(chiara.page(), fennaId, 20, TIMEOUT); // the picture keeps coming

        double loud = StatsProbe.awaitInbound(chiara.page(), "Fenna's tone at Chiara", TIMEOUT,
                i -> "audio".equals(i.kind()) && fennaId.equals(i.participantId()) && i.audioLevel() > 0.01).audioLevel();
        fenna.toggle("Noise suppression");
        EffectsDialog.awaitApplied(fenna, "Noise suppression", true, TIMEOUT);
        double quiet = StatsProbe.awaitInbound(chiara.page(), "Fenna's tone suppressed at Chiara", TIMEOUT,
                i -> "audio".equals(i.kind()) && fennaId.equals(i.participantId()) && i.audioLevel() < loud / 10).audioLevel();
        System.out.printf("firefox noise suppression: audioLevel at the receiver %.4f off, %.5f on%n", loud, quiet);
        fenna.click("Done");

        URI base = URI.create(link);
        String origin = base.getScheme() + "://" + base.getRawAuthority();
        List<String> foreign = new ArrayList<>();
        fenna.page().eval("performance.getEntriesByType('resource').map(e => e.name)").forEach(u -> {
            URI uri = URI.create(u.asText());
            if (!origin.equals(uri.getScheme() + "://" + uri.getRawAuthority())) {
                foreign.add(u.asText());
            }
        });
        assertEquals(List.of(), foreign, "Firefox loaded from elsewhere");
        fenna.leave();
        chiara.leave();
    }
}
