package parley.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import parley.media.ice.IceCredentials;
import parley.sdp.Codec;
import parley.sdp.Direction;
import parley.sdp.MediaKind;
import parley.sdp.MediaSection;
import parley.sdp.SdpException;
import parley.sdp.SdpOffer;
import parley.sdp.SdpParser;

/** The synthetic offer, read back by the server's own parser. */
class OfferWriterTest {
    private static final IceCredentials ICE = new IceCredentials("abcd1234", "0123456789abcdefghijklmn");
    private static final String FINGERPRINT = String.join(":", java.util.Collections.nCopies(32, "AB"));
    private static final OfferWriter OFFER = new OfferWriter(ICE, FINGERPRINT, 0xdeadbeef, "load7", 3, 26);

    @Test
    void theServerParsesItWithEveryMidBundledOnOneTransport() throws SdpException {
        SdpOffer offer = SdpParser.parseOffer(OFFER.sdp());
        assertEquals(2 + 3 + 26, offer.media().size());
        assertEquals(offer.media().stream().map(MediaSection::mid).toList(), offer.bundleMids());
        assertEquals("abcd1234", offer.iceUfrag());
        assertEquals("0123456789abcdefghijklmn", offer.icePwd());
        assertEquals("actpass", offer.setup());
        assertEquals(FINGERPRINT, offer.fingerprint().hex());
        for (MediaSection m : offer.media()) {
            assertTrue(m.rtcpMux() && !m.stopped(), m.mid());
            assertEquals(3, m.extId(OfferWriter.TRANSPORT_CC_URI), m.mid());
            assertEquals(4, m.extId("urn:ietf:params:rtp-hdrext:sdes:mid"), m.mid());
        }
    }

    @Test
    void micAndSimulcastCameraAreSendonly() throws SdpException {
        SdpOffer offer = SdpParser.parseOffer(OFFER.sdp());
        MediaSection mic = offer.section("0").orElseThrow();
        assertEquals(MediaKind.AUDIO, mic.kind());
        assertEquals(Direction.SENDONLY, mic.direction());
        assertEquals(List.of(111), mic.codecs().stream().map(Codec::payloadType).toList());
        assertTrue(mic.codecs().get(0).is("opus") && mic.codecs().get(0).hasFeedback("transport-cc"));
        assertEquals(1, mic.extId("urn:ietf:params:rtp-hdrext:ssrc-audio-level"));
        assertEquals(0xdeadbeefL, mic.ssrcs().get(0).ssrc());

        MediaSection camera = offer.section("1").orElseThrow();
        assertEquals(MediaKind.VIDEO, camera.kind());
        assertEquals(Direction.SENDONLY, camera.direction());
        assertEquals(List.of("q", "h", "f"), camera.sendRids());
        assertEquals(10, camera.extId("urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id"));
        assertEquals(11, camera.extId("urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id"));
        assertEquals(2, camera.extId("http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time"));
        Codec vp8 = camera.codec(96).orElseThrow();
        for (String fb : List.of("nack", "nack pli", "ccm fir", "transport-cc", "goog-remb")) assertTrue(vp8.hasFeedback(fb), fb);
        assertTrue(camera.codec(97).orElseThrow().isRtx());
    }

    @Test
    void slotsAreRecvonlyAudioThenVideo() throws SdpException {
        SdpOffer offer = SdpParser.parseOffer(OFFER.sdp());
        for (int i = 0; i < 29; i++) {
            MediaSection slot = offer.section(OfferWriter.slotMid(i)).orElseThrow();
            assertEquals(Direction.RECVONLY, slot.direction(), slot.mid());
            assertEquals(i < 3 ? MediaKind.AUDIO : MediaKind.VIDEO, slot.kind(), slot.mid());
            assertNull(slot.simulcast(), slot.mid());
        }
        assertEquals(Map.of("mid", "2", "kind", "audio"), OFFER.recv().get(0));
        assertEquals(Map.of("mid", "5", "kind", "video"), OFFER.recv().get(3));
        assertEquals(29, OFFER.recv().size());
        assertEquals(List.of(Map.of("mid", "0", "source", "mic"), Map.of("mid", "1", "source", "camera")), OFFER.send());
    }

    @Test
    void aReceiveOnlyOfferHasOnlyItsSlots() throws SdpException {
        OfferWriter receiveOnly = new OfferWriter(ICE, FINGERPRINT, 1, "load9", 3, 4, false);
        SdpOffer offer = SdpParser.parseOffer(receiveOnly.sdp());
        assertEquals(7, offer.media().size());
        for (MediaSection slot : offer.media()) assertEquals(Direction.RECVONLY, slot.direction(), slot.mid());
        assertEquals(List.of(), receiveOnly.send());
        assertEquals(Map.of("mid", "2", "kind", "audio"), receiveOnly.recv().get(0));
    }

    @Test
    void theLargestOfferFitsOneSignalingFrame() throws Exception {
        OfferWriter largest = new OfferWriter(ICE, FINGERPRINT, 1, "load7", 3, 32);
        String message = new ObjectMapper().writeValueAsString(Map.of("type", "offer", "sdp", largest.sdp(),
                "send", largest.send(), "recv", largest.recv()));
        assertTrue(message.length() < 65536, "offer message of " + message.length() + " characters");
        SdpParser.parseOffer(largest.sdp());
    }
}
