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
    private final ServerIdentity identity;
    private final Router router;

    NegotiationTest() throws IOException {
        loop = new MediaLoop(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), new MediaCounters());
        identity = new ServerIdentity(DtlsCertificate.generate(), List.of(InetAddress.getLoopbackAddress()),
                loop.localPort(), new SecureRandom());
        router = Router.open(loop, new RouterListener() {
            @Override
            public void onActiveSpeaker(String peerId) {}

            @Override
            public void onPeerFailed(String peerId, String reason) {}
        }, 42);
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
        return loop.call(() -> {
            SfuPeer peer = router.peer(peerId) != null ? router.peer(peerId) : router.addPeer(peerId);
            return Negotiation.apply(peer, offer, send, recv, identity);
        });
    }

    @Test
    void publisherGetsProducersAndSubscriberGetsTheirTracksWithMsid() throws Exception {
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
        Negotiation.Result aiortc = negotiate("bob", "aiortc-1.4.0-offer.sdp",
                Map.of("0", "mic", "1", "camera"), Map.of("2", audioTrack, "3", videoTrack));
        String bobAnswer = aiortc.answerSdp();
        assertTrue(bobAnswer.contains("a=msid:ada " + videoTrack), bobAnswer);
        assertTrue(bobAnswer.contains("a=msid:ada " + audioTrack), bobAnswer);
        int consumers = loop.call(() -> router.producers.get(videoTrack).consumers.size());
        assertEquals(1, consumers);
    }

    @Test
    void renegotiatingWithoutATrackUnpublishesItAndDropsItsConsumers() throws Exception {
        Negotiation.Result chrome = negotiate("ada", "chrome-156-offer.sdp",
                Map.of("0", "mic", "1", "camera"), Map.of());
        String videoTrack = chrome.published().get(1).trackId();
        negotiate("bob", "aiortc-1.4.0-offer.sdp", Map.of(), Map.of("3", videoTrack));
        Negotiation.Result again = negotiate("ada", "chrome-156-offer.sdp", Map.of("0", "mic"), Map.of());
        assertEquals(1, again.published().size());
        assertEquals(0, (int) loop.call(() -> router.peer("bob").consumersByMid.size()));
    }

    @Test
    void anOfferWithoutTheNamedMidIsRefused() {
        var e = assertThrows(Negotiation.NegotiationException.class,
                () -> negotiate("ada", "chrome-156-offer.sdp", Map.of("9", "mic"), Map.of()));
        assertTrue(e.getMessage().contains("no mid '9'"), e.getMessage());
    }
}
