package parley.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An independent WebRTC implementation (aiortc, driven by a client written from
 * docs/protocol.md alone) meets Parley's web client in Chromium, and another aiortc peer:
 * each side decodes the other's video and audio. Proves the media plane and the document.
 *
 * <p>The aiortc peers run in a network namespace and reach the server over the veth, as a
 * remote host would (AiortcLoopbackE2eTest covers the same machine).
 */
@Tag("e2e")
class AiortcInteropE2eTest {
    @RegisterExtension
    static final ParleyServerExtension PARLEY = ParleyServerExtension.withNetNs();

    private static final String ROOM_PREFIX = "aiortc-interop-" + Long.toString(System.nanoTime(), 36);
    private static final String CHROME_NAME = "Chidi Chromium";
    /** aiortc's per-channel tolerance for the colour of a decoded frame's centre pixel (VP8 and YUV rounding). */
    private static final int COLOUR_TOLERANCE = 40;

    @AfterAll
    static void checkTheLog() {
        PARLEY.assertLogNeverHeld(ROOM_PREFIX, CHROME_NAME, "aiortc-peer", "Ada Aio", "Bob Aio");
    }

    @Test
    void aiortcAndChromiumSeeAndHearEachOther(ServerHandle server, NetNs ns) {
        String room = ROOM_PREFIX + "-chromium";
        try (ChromiumSession chromium = Browsers.chromium(2)) {
            MeetingClient chidi = MeetingClient.in(chromium.page())
                    .joinMeeting(server.roomUrl("127.0.0.1", room), CHROME_NAME);
            AiortcPeer.Options options = AiortcPeer.Options.of(server.wsUrl(ns.hostAddress()), room, "aiortc-peer")
                    .withDuration(Duration.ofSeconds(10)).withMedia(4).inNamespace(ns);
            try (AiortcPeer aiortc = AiortcPeer.start(options)) {
                try {
                    System.out.println(chidi.awaitSeesAndHears(chidi.participantIdOf("aiortc-peer")));
                } catch (AssertionError e) {
                    throw new AssertionError(e.getMessage() + "\naiortc log:\n" + aiortc.log(), e);
                }
                AiortcSummary saw = aiortc.awaitSummary();

                String context = "aiortc: " + saw + "\naiortc log:\n" + aiortc.log();
                assertTrue(saw.joined(), context);
                assertEquals(List.of(), saw.errors(), context);
                assertTrue(saw.videoFramesFrom(chidi.participantId()) > 30, context);
                assertTrue(saw.audioFramesFrom(chidi.participantId()) > 100, context);
                assertColour(FakeMedia.colour(2), saw, chidi.participantId(), context);
                assertTrue(saw.remoteAudioRms().values().stream().anyMatch(rms -> rms > 0.01), context);
            }
        }
    }

    @Test
    void twoAiortcPeersSeeAndHearEachOther(ServerHandle server, NetNs ns) {
        AiortcPeer.Options base = AiortcPeer.Options.of(server.wsUrl(ns.hostAddress()), ROOM_PREFIX + "-pair", "x")
                .withDuration(Duration.ofSeconds(8)).inNamespace(ns);
        try (AiortcPeer ada = AiortcPeer.start(base.withName("Ada Aio").withMedia(3));
             AiortcPeer bob = AiortcPeer.start(base.withName("Bob Aio").withMedia(4))) {
            AiortcSummary adaSaw = ada.awaitSummary();
            AiortcSummary bobSaw = bob.awaitSummary();

            String context = "ada: " + adaSaw + "\nbob: " + bobSaw + "\nada log:\n" + ada.log();
            assertTrue(adaSaw.joined() && bobSaw.joined(), context);
            assertEquals(List.of(), adaSaw.errors(), context);
            assertEquals(List.of(), bobSaw.errors(), context);
            assertTrue(adaSaw.videoFramesFrom(bobSaw.participantId()) > 60, context);
            assertTrue(bobSaw.videoFramesFrom(adaSaw.participantId()) > 60, context);
            assertTrue(adaSaw.audioFramesFrom(bobSaw.participantId()) > 100, context);
            assertTrue(bobSaw.audioFramesFrom(adaSaw.participantId()) > 100, context);
            assertColour(FakeMedia.colour(4), adaSaw, bobSaw.participantId(), context);
            assertColour(FakeMedia.colour(3), bobSaw, adaSaw.participantId(), context);
        }
    }

    /** The centre pixel aiortc saw of {@code participantId}'s video is that participant's camera colour. */
    private static void assertColour(int expectedRgb, AiortcSummary saw, String participantId, String context) {
        List<List<Integer>> seen = saw.remoteVideoRgb().entrySet().stream()
                .filter(e -> saw.remoteTracks().containsKey(e.getKey())
                        && participantId.equals(saw.remoteTracks().get(e.getKey()).participantId()))
                .map(java.util.Map.Entry::getValue).toList();
        assertTrue(!seen.isEmpty(), "no frame colour sampled from " + participantId + "; " + context);
        List<Integer> rgb = seen.get(0);
        int[] want = {(expectedRgb >> 16) & 0xff, (expectedRgb >> 8) & 0xff, expectedRgb & 0xff};
        for (int c = 0; c < 3; c++) {
            assertTrue(Math.abs(rgb.get(c) - want[c]) <= COLOUR_TOLERANCE,
                    "centre pixel " + rgb + " (expected: #%06X within %d)".formatted(expectedRgb, COLOUR_TOLERANCE)
                            + "; " + context);
        }
    }
}
