package parley.sfu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import parley.media.dtls.DtlsCertificate;
import parley.media.transport.MediaCounters;
import parley.media.transport.MediaLoop;
import parley.sdp.SdpParser;

/**
 * A Chrome publisher and an aiortc subscriber negotiate through one router (real SDP from
 * the sdp fixtures, a real media loop on a loopback port; no media flows).
 */
class NegotiationTest {
    private final MediaLoop loop;
    private final Negotiator negotiator;
    private final Router router;

    NegotiationTest() throws IOException {
        loop = new MediaLoop(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), new MediaCounters());
        ServerIdentity identity = new ServerIdentity(DtlsCertificate.generate(), List.of(InetAddress.getLoopbackAddress()),
                loop.localPort(), new SecureRandom());
        negotiator = new Negotiator(loop, identity);
        router = Router.open(loop, negotiator.listener, 42);
    }

    @AfterEach
    void stop() {
        loop.close();
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = NegotiationTest.class.getResourceAsStream("/parley/sdp/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private Negotiation.Result negotiate(String peerId, String sdpFile, Map<String, String> send,
            Map<String, String> recv) throws Exception {
        var offer = SdpParser.parseOffer(fixture(sdpFile));
        SfuPeer peer = loop.call(() -> router.peer(peerId) != null ? router.peer(peerId) : router.addPeer(peerId));
        return negotiator.negotiate(peer, offer, send, recv);
    }

    @Test
    void publisherGetsProducersAndSubscriberGetsSlotsThatCarryThem() throws Exception {
        Negotiation.Result chrome = negotiate("ada", "chrome-156-offer.sdp",
                Map.of("0", "mic", "1", "camera"), Map.of());
        assertEquals(2, chrome.published().size());
        assertEquals("audio", chrome.published().get(0).kind());
        assertEquals("camera", chrome.published().get(1).source());
        String answer = chrome.answerSdp();
        assertTrue(answer.contains("a=ice-lite"), answer);
        assertTrue(answer.contains("a=simulcast:recv q;h;f"), answer);
        assertTrue(answer.contains("a=setup:passive"), answer);
        assertTrue(answer.contains(" " + loop.localPort() + " typ host"), answer);

        String audioTrack = chrome.published().get(0).trackId();
        String videoTrack = chrome.published().get(1).trackId();
        Negotiation.Result aiortc = negotiate("bob", "aiortc-1.4.0-offer.sdp", Map.of(), Map.of("2", "audio", "3", "video"));
        String bobAnswer = aiortc.answerSdp();
        assertTrue(bobAnswer.contains("a=msid:parley slot-3"), bobAnswer);
        assertTrue(bobAnswer.contains("a=msid:parley slot-2"), bobAnswer);
        // The planner (default view: every camera) and the audio selector fill Bob's slots within a few ticks.
        waitFor(() -> router.producers().get(videoTrack).consumers().length == 1
                && router.producers().get(audioTrack).consumers().length == 1);
        assertEquals(router.peer("bob").consumersByMid().get("3"), loop.call(() -> router.producers().get(videoTrack).consumers()[0]));
    }

    @Test
    void theAnswerDoesNotDependOnTheRoomAndSlotsKeepTheirSsrcs() throws Exception {
        Negotiation.Result first = negotiate("bob", "aiortc-1.4.0-offer.sdp", Map.of(), Map.of("2", "audio", "3", "video"));
        for (int i = 0; i < 10; i++) negotiate("p" + i, "chrome-156-offer.sdp", Map.of("0", "mic", "1", "camera"), Map.of());
        Negotiation.Result again = negotiate("bob", "aiortc-1.4.0-offer.sdp", Map.of(), Map.of("2", "audio", "3", "video"));
        assertEquals(ssrcLines(first.answerSdp()), ssrcLines(again.answerSdp()));
        assertTrue(Math.abs(first.answerSdp().length() - again.answerSdp().length()) < 8,
                first.answerSdp().length() + " then " + again.answerSdp().length());
    }

    private static List<String> ssrcLines(String sdp) {
        return sdp.lines().filter(l -> l.startsWith("a=ssrc:")).toList();
    }

    @Test
    void renegotiatingWithoutATrackUnpublishesItAndEmptiesTheSlots() throws Exception {
        Negotiation.Result chrome = negotiate("ada", "chrome-156-offer.sdp",
                Map.of("0", "mic", "1", "camera"), Map.of());
        String videoTrack = chrome.published().get(1).trackId();
        negotiate("bob", "aiortc-1.4.0-offer.sdp", Map.of(), Map.of("3", "video"));
        waitFor(() -> router.producers().get(videoTrack).consumers().length == 1);
        Negotiation.Result again = negotiate("ada", "chrome-156-offer.sdp", Map.of("0", "mic"), Map.of());
        assertEquals(1, again.published().size());
        assertEquals(null, loop.call(() -> router.peer("bob").consumersByMid().get("3").target()));
    }

    @Test
    void aSlotOfTheWrongKindIsRefused() {
        var e = assertThrows(Negotiation.NegotiationException.class,
                () -> negotiate("bob", "aiortc-1.4.0-offer.sdp", Map.of(), Map.of("2", "video")));
        assertTrue(e.getMessage().contains("slot"), e.getMessage());
    }

    @Test
    void anOfferWithoutTheNamedMidIsRefused() {
        var e = assertThrows(Negotiation.NegotiationException.class,
                () -> negotiate("ada", "chrome-156-offer.sdp", Map.of("9", "mic"), Map.of()));
        assertTrue(e.getMessage().contains("no mid '9'"), e.getMessage());
    }

    private void waitFor(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (!loop.call(condition)) {
            if (System.nanoTime() > deadline) throw new AssertionError("condition not met within 2 s");
            Thread.sleep(10);
        }
    }
}
