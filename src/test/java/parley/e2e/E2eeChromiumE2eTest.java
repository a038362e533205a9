package parley.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
 * Issue 9 (docs/e2ee.md) in Chromium: an end-to-end encrypted meeting, one browser on
 * RTCRtpScriptTransform and one on the older createEncodedStreams. Both see and hear each
 * other while every frame the SFU forwarded to them was encrypted; a newcomer makes keys
 * ratchet and a departure makes them rotate, and the call goes on; a server that swaps
 * public keys makes the emoji differ and shows no picture; a browser without encoded
 * transforms is told why it cannot join. Three browsers, one server.
 */
@Tag("e2e")
class E2eeChromiumE2eTest {
    @RegisterExtension
    static final ParleyServerExtension PARLEY = ParleyServerExtension.onLoopback();

    private static final String ROOM = "sealed-" + Long.toString(System.nanoTime(), 36);
    private static final List<String> NAMES = List.of("Ada Secure", "Bo Streams", "Cy Comer");
    private static final String OBSERVER = "aiortc-observer";
    private static final Duration KEYS_TIMEOUT = Duration.ofSeconds(15);
    /** How long a receiver whose keys were swapped must show nothing. */
    private static final Duration NOTHING_FOR = Duration.ofSeconds(6);

    private static List<ChromiumSession> browsers = List.of();

    @BeforeAll
    static void startThreeBrowsers() {
        browsers = Browsers.chromiums(3);
    }

    @AfterAll
    static void stopBrowsersAndCheckTheLog() {
        browsers.forEach(ChromiumSession::close);
        PARLEY.assertLogNeverHeld(ROOM, NAMES.get(0), NAMES.get(1), NAMES.get(2), OBSERVER);
    }

    /** Ada opens an encrypted meeting (the pre-join switch); Bo joins it on the older API. */
    private static List<MeetingClient> adaAndBo(String link) {
        return adaAndBo(link, true);
    }

    /** Ada opens a meeting, encrypted or not; Bo joins it on the older API. */
    private static List<MeetingClient> adaAndBo(String link, boolean encrypted) {
        MeetingClient ada = MeetingClient.in(browsers.get(0).page()).open(link);
        if (ada.state("checkbox", "End-to-end encryption").path("checked").asBoolean() != encrypted) ada.toggle("End-to-end encryption");
        ada.join(NAMES.get(0));
        MeetingClient bo = MeetingClient.in(browsers.get(1).page()).open(link);
        E2eeProbe.removeScriptTransform(bo.page());
        bo.join(NAMES.get(1));
        return List.of(ada, bo);
    }

    @Test
    void encryptedBothWaysThroughRatchetAndRotation(ServerHandle server) {
        List<MeetingClient> pair = adaAndBo(server.roomUrl("127.0.0.1", ROOM));
        MeetingClient ada = pair.get(0);
        MeetingClient bo = pair.get(1);
        ada.awaitSeesAndHears(bo);
        bo.awaitSeesAndHears(ada);
        pair.forEach(E2eeProbe::assertEncryptedBothWays);
        for (MeetingClient c : pair) {
            assertEquals("End-to-end encrypted", c.page().eval("document.querySelector('.badge-e2ee')?.textContent ?? ''").asText(),
                    c + " does not show that the meeting is encrypted");
        }
        String adaSees = E2eeProbe.awaitSas(ada.page(), bo.participantId(), KEYS_TIMEOUT);
        assertEquals(adaSees, E2eeProbe.awaitSas(bo.page(), ada.participantId(), KEYS_TIMEOUT), "both see the same emoji");

        long before = E2eeProbe.kid(ada.page());
        MeetingClient cy = MeetingClient.in(browsers.get(2).page()).joinMeeting(server.roomUrl("127.0.0.1", ROOM), NAMES.get(2));
        long ratcheted = E2eeProbe.awaitKid(ada.page(), "ratcheting for a newcomer", KEYS_TIMEOUT,
                k -> E2eeProbe.step(k) == E2eeProbe.step(before) + 1 && E2eeProbe.generation(k) == E2eeProbe.generation(before));
        cy.awaitSeesAndHears(ada);
        cy.leave();
        long rotated = E2eeProbe.awaitKid(ada.page(), "rotating after a departure", KEYS_TIMEOUT,
                k -> E2eeProbe.generation(k) == (E2eeProbe.generation(ratcheted) + 1) % 256 && E2eeProbe.step(k) == 0);
        System.out.printf("Ada's KID: %x, after Cy joined %x, after Cy left %x%n", before, ratcheted, rotated);
        bo.awaitSeesAndHears(ada); // frames under the new key decode
        ada.awaitSeesAndHears(bo);
        assertEquals(0, E2eeProbe.counters(bo.page()).path("receivedClear").asLong());
        ada.leave();
        bo.leave();
    }

    @Test
    void aServerThatSwapsPublicKeysGetsDifferentEmojiAndNoPicture(ServerHandle server) {
        KeySwapper swapper = new KeySwapper();
        server.running().signal().setE2eeRelayTapForTests(swapper);
        try {
            List<MeetingClient> pair = adaAndBo(server.roomUrl("127.0.0.1", ROOM + "-mitm"));
            MeetingClient ada = pair.get(0);
            MeetingClient bo = pair.get(1);
            String adaSees = E2eeProbe.awaitSas(ada.page(), bo.participantId(), KEYS_TIMEOUT);
            String boSees = E2eeProbe.awaitSas(bo.page(), ada.participantId(), KEYS_TIMEOUT);
            assertNotEquals(adaSees, boSees, "a substituted key must show in the emoji");
            assertTrue(swapper.swapped() > 0);
            Poll.until("Bo noticing that Ada's key was not wrapped for him", KEYS_TIMEOUT,
                    () -> E2eeProbe.peer(bo.page(), ada.participantId()).path("failed").asBoolean());
            long deadline = System.nanoTime() + NOTHING_FOR.toNanos();
            while (System.nanoTime() < deadline) {
                for (MeetingClient viewer : pair) {
                    MeetingClient other = viewer == ada ? bo : ada;
                    JsonNode stats = StatsProbe.stats(viewer.page());
                    StatsProbe.find(stats, "video", other.participantId()).ifPresent(v ->
                            assertEquals(0, v.framesDecoded(), viewer + " decoded video it could not decrypt: " + v));
                    StatsProbe.find(stats, "audio", other.participantId()).ifPresent(a ->
                            assertEquals(0, a.totalAudioEnergy(), viewer + " played audio it could not decrypt: " + a));
                }
                Poll.pause(Duration.ofMillis(500));
            }
            JsonNode n = E2eeProbe.counters(bo.page());
            System.out.println("Bo under a key-swapping server: " + n);
            assertEquals(0, n.path("decrypted").asLong(), n.toString());
            assertEquals(0, n.path("receivedClear").asLong(), n.toString());
            ada.leave();
            bo.leave();
        } finally {
            server.running().signal().setE2eeRelayTapForTests(null);
        }
    }

    @Test
    void aVerifiedPersonWhoComesBackWithAnotherKeyIsAnnouncedLoudly(ServerHandle server) {
        String link = server.roomUrl("127.0.0.1", ROOM + "-verify");
        List<MeetingClient> pair = adaAndBo(link);
        MeetingClient ada = pair.get(0);
        MeetingClient bo = pair.get(1);
        E2eeProbe.awaitSas(ada.page(), bo.participantId(), KEYS_TIMEOUT);
        ada.click("Participants");
        ada.click("Mark as verified");
        ada.awaitControl("button", "Remove verification");
        assertTrue(E2eeProbe.peer(ada.page(), bo.participantId()).path("verified").asBoolean());

        bo.joinMeeting(link, NAMES.get(1)); // a reload: the same tab resumes, with a new key pair
        String warning = Poll.await("Ada being warned", KEYS_TIMEOUT,
                () -> ada.page().eval("document.querySelector('.notice-error')?.textContent ?? ''").asText(),
                t -> t.contains("security key changed"));
        System.out.println("Ada reads: " + warning);
        assertTrue(ada.page().eval("[...document.querySelectorAll('[aria-live]')].some((r) => r.textContent.includes('security key changed'))")
                .asBoolean(), "the warning goes through a live region");
        assertTrue(warning.contains(NAMES.get(1)), warning);
        ada.leave();
        bo.leave();
    }

    @Test
    void aModeratorTurnsEncryptionOnDuringTheMeeting(ServerHandle server) {
        List<MeetingClient> pair = adaAndBo(server.roomUrl("127.0.0.1", ROOM + "-switch"), false);
        MeetingClient ada = pair.get(0);
        MeetingClient bo = pair.get(1);
        ada.awaitSeesAndHears(bo);
        assertEquals(false, ada.page().eval("window.parley.e2ee.active").asBoolean());
        ada.click("Participants");
        ada.click("Turn on end-to-end encryption");
        // The server resets both transports; both offer again with the transforms on.
        for (MeetingClient c : pair) {
            Poll.until(c + " encrypting", KEYS_TIMEOUT, () -> c.page().eval("window.parley.e2ee.active").asBoolean());
        }
        ada.awaitSeesAndHears(bo);
        bo.awaitSeesAndHears(ada);
        for (MeetingClient c : pair) {
            JsonNode n = E2eeProbe.counters(c.page());
            System.out.println(c + " after the switch: " + n);
            assertTrue(n.path("encrypted").asLong() > 0 && n.path("decrypted").asLong() > 0, n.toString());
            assertEquals(0, n.path("sentClear").asLong(), n.toString());
        }
        ada.leave();
        bo.leave();
    }

    /**
     * The SFU's forwarded payloads, as the server has them: aiortc (a client written from the
     * protocol alone) joins claiming it can encrypt, but does not. It is sent exactly what the
     * SFU forwards of Ada and decodes no picture of her camera (in a plain meeting the same
     * client sees her colour: AiortcInteropE2eTest); Ada shows nothing of its clear media.
     */
    @Test
    void whatTheServerForwardsOfAnEncryptedMeetingIsNoise(ServerHandle server) {
        String room = ROOM + "-observer";
        MeetingClient ada = MeetingClient.in(browsers.get(0).page()).open(server.roomUrl("127.0.0.1", room));
        ada.toggle("End-to-end encryption");
        ada.join(NAMES.get(0));
        AiortcPeer.Options options = AiortcPeer.Options.of(server.wsUrl(), room, OBSERVER)
                .withDuration(Duration.ofSeconds(10)).claimingE2ee();
        try (AiortcPeer observer = AiortcPeer.start(options)) {
            String observerId = ada.participantIdOf(OBSERVER);
            AiortcSummary saw = observer.awaitSummary();
            String context = "aiortc: " + saw + "\naiortc log:\n" + observer.log();
            assertTrue(saw.joined(), context);
            java.util.Set<String> adasTracks = new java.util.HashSet<>();
            saw.remoteTracks().forEach((id, t) -> { if (ada.participantId().equals(t.participantId())) adasTracks.add(id); });
            java.util.Set<String> forwarded = new java.util.HashSet<>();
            saw.raw().path("slotTracks").forEach(list -> list.forEach(id -> forwarded.add(id.asText())));
            assertTrue(forwarded.stream().anyMatch(adasTracks::contains), "no slot carried Ada's media: " + context);
            int want = FakeMedia.colour(0);
            saw.remoteVideoRgb().forEach((track, rgb) -> assertTrue(
                    Math.abs(rgb.get(0) - ((want >> 16) & 0xff)) + Math.abs(rgb.get(1) - ((want >> 8) & 0xff))
                            + Math.abs(rgb.get(2) - (want & 0xff)) > 60,
                    "a picture of Ada's camera came out of what the SFU forwarded: " + rgb + "; " + context));
            System.out.println("aiortc, from the forwarded payloads of Ada: " + saw.videoFramesFrom(ada.participantId())
                    + " video frames decoded, centre pixels " + saw.remoteVideoRgb().values() + ", audio frames "
                    + saw.audioFramesFrom(ada.participantId()) + ", slots " + saw.raw().path("slotTracks"));
            StatsProbe.find(StatsProbe.stats(ada.page()), "video", observerId).ifPresent(v ->
                    assertEquals(0, v.framesDecoded(), "Ada showed the unencrypted client's video: " + v));
            assertTrue(E2eeProbe.counters(ada.page()).path("receivedClear").asLong() > 0, "Ada dropped no clear frame");
        }
        ada.leave();
    }

    @Test
    void aBrowserWithoutEncodedTransformsIsToldWhyAndGetsNothing(ServerHandle server) {
        String link = server.roomUrl("127.0.0.1", ROOM + "-old");
        MeetingClient ada = MeetingClient.in(browsers.get(0).page()).open(link);
        if (!ada.state("checkbox", "End-to-end encryption").path("checked").asBoolean()) ada.toggle("End-to-end encryption");
        ada.join(NAMES.get(0));
        MeetingClient cy = MeetingClient.in(browsers.get(2).page()).open(link);
        E2eeProbe.removeEncodedTransforms(cy.page());
        cy.fill("Your name", NAMES.get(2));
        cy.click("Join meeting");
        String shown = Poll.await("Cy being told why", MeetingClient.JOIN_TIMEOUT,
                () -> cy.page().eval("document.querySelector('.form-error')?.textContent ?? ''").asText(),
                t -> !t.isEmpty());
        System.out.println("a browser without encoded transforms reads: " + shown);
        assertTrue(shown.contains("cannot encrypt"), shown);
        assertEquals("prejoin", StatsProbe.state(cy.page()));
        assertEquals(1, ada.page().eval("window.parley.participants().length").asInt(), "nobody joined Ada");
        ada.leave();
    }
}
