package parley.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Offers from each client answered as the SFU would decide, and what the SFU learns. */
class SdpNegotiationTest {
    private static final SendStream AUDIO_OUT = new SendStream(1001, -1, "parley", "p7f3a", "t9a01");
    private static final SendStream VIDEO_OUT = new SendStream(2001, 2002, "parley", "p7f3a", "t9b02");

    /** The protocol's usual decision: sendonly mids are the client's tracks, recvonly mids get one. */
    private static SdpAnswer answerAsUsual(String fixture) throws SdpException {
        SdpOffer offer = SdpFixtures.parse(fixture);
        return SdpNegotiation.answer(offer, SdpFixtures.server(), mid -> {
            MediaSection m = offer.section(mid).orElseThrow();
            if (m.direction() == Direction.SENDONLY) return MidDecision.fromClient();
            return MidDecision.toClient(m.kind() == MediaKind.AUDIO ? AUDIO_OUT : VIDEO_OUT);
        });
    }

    @Test
    void chromeCameraWithSimulcast() throws SdpException {
        SdpAnswer answer = answerAsUsual(SdpFixtures.CHROME);
        NegotiatedSection camera = answer.section("1").orElseThrow();
        assertEquals(new NegotiatedSection("1", MediaKind.VIDEO, Direction.RECVONLY, 96, 90000, 97,
                Map.of(ExtensionUris.ABS_SEND_TIME, 2, ExtensionUris.TRANSPORT_CC, 3, ExtensionUris.MID, 4,
                        ExtensionUris.RTP_STREAM_ID, 10, ExtensionUris.REPAIRED_RTP_STREAM_ID, 11),
                List.of("q", "h", "f"), List.of(), new Feedback(true, true, true, true, true), true), camera);
        assertEquals(-1, camera.extId("urn:ietf:params:rtp-hdrext:toffset"));
        List<String> lines = SdpFixtures.section(answer.sdp(), "1");
        assertEquals(List.of("a=rid:q recv", "a=rid:h recv", "a=rid:f recv"), SdpFixtures.linesStarting(lines, "a=rid"));
        assertEquals(List.of("a=simulcast:recv q;h;f"), SdpFixtures.linesStarting(lines, "a=simulcast"));
    }

    @Test
    void chromeMicrophoneAndReceiveSlots() throws SdpException {
        SdpAnswer answer = answerAsUsual(SdpFixtures.CHROME);
        NegotiatedSection mic = answer.section("0").orElseThrow();
        assertEquals(111, mic.payloadType());
        assertEquals(-1, mic.rtxPayloadType());
        assertEquals(List.of(new SsrcPair(3295169048L, -1)), mic.clientSsrcs());
        assertEquals(new Feedback(false, false, false, true, false), mic.feedback());
        assertEquals(1, mic.extId(ExtensionUris.AUDIO_LEVEL));
        NegotiatedSection slot = answer.section("3").orElseThrow();
        assertEquals(Direction.SENDONLY, slot.direction());
        assertEquals(List.of(), slot.clientSsrcs());
        assertEquals(-1, slot.extId(ExtensionUris.RTP_STREAM_ID));
        assertEquals(List.of("a=msid:p7f3a t9b02"), SdpFixtures.linesStarting(SdpFixtures.section(answer.sdp(), "3"), "a=msid"));
        assertEquals(List.of("0", "1", "2", "3", "4"), answer.sections().stream().map(NegotiatedSection::mid).toList());
        assertEquals(List.of(), answer.rejectedMids());
    }

    @Test
    void chromeStoppedMLineIsRejectedWithoutAsking() throws SdpException {
        SdpOffer offer = SdpFixtures.parse(SdpFixtures.CHROME_STOPPED);
        List<String> asked = new ArrayList<>();
        SdpAnswer answer = SdpNegotiation.answer(offer, SdpFixtures.server(), mid -> {
            asked.add(mid);
            return offer.section(mid).orElseThrow().direction() == Direction.SENDONLY
                    ? MidDecision.fromClient() : MidDecision.toClient(VIDEO_OUT);
        });
        assertEquals(List.of("0", "1", "2", "3"), asked);
        assertTrue(answer.sdp().contains("\r\na=group:BUNDLE 0 1 2 3\r\n"));
        assertEquals("m=video 0 UDP/TLS/RTP/SAVPF 96", SdpFixtures.section(answer.sdp(), "4").get(0));
        assertEquals(List.of(), answer.rejectedMids(), "stopped m-lines are not listed");
        assertEquals(5, answer.sdp().lines().filter(l -> l.startsWith("m=")).count(), "one m-line per offered one");
    }

    @Test
    void firefoxAnswerReversesExtensionDirectionsAndKeepsFmtp() throws SdpException {
        SdpAnswer answer = answerAsUsual(SdpFixtures.FIREFOX);
        List<String> camera = SdpFixtures.section(answer.sdp(), "1");
        assertEquals("m=video 9 UDP/TLS/RTP/SAVPF 120 124", camera.get(0), "bundle-only is never answered");
        assertEquals(List.of("a=extmap:3 " + ExtensionUris.MID, "a=extmap:4 " + ExtensionUris.ABS_SEND_TIME,
                "a=extmap:7 " + ExtensionUris.TRANSPORT_CC, "a=extmap:9/recvonly " + ExtensionUris.RTP_STREAM_ID,
                "a=extmap:10/recvonly " + ExtensionUris.REPAIRED_RTP_STREAM_ID), SdpFixtures.linesStarting(camera, "a=extmap"));
        assertEquals(List.of("a=fmtp:120 max-fs=12288;max-fr=60", "a=fmtp:124 apt=120"),
                SdpFixtures.linesStarting(camera, "a=fmtp"));
        assertEquals(List.of("a=simulcast:recv q;h;f"), SdpFixtures.linesStarting(camera, "a=simulcast"));
        NegotiatedSection n = answer.section("1").orElseThrow();
        assertEquals(List.of(new SsrcPair(3170677348L, 1743588505L), new SsrcPair(4049360873L, 3308502149L),
                new SsrcPair(3471336844L, 4005498987L)), n.clientSsrcs());
        assertEquals(124, n.rtxPayloadType());
        List<String> mic = SdpFixtures.section(answer.sdp(), "0");
        assertEquals(List.of("a=fmtp:109 maxplaybackrate=48000;stereo=1;useinbandfec=1"), SdpFixtures.linesStarting(mic, "a=fmtp"));
        assertEquals(List.of(), SdpFixtures.linesStarting(mic, "a=rtcp-rsize"), "Firefox offers no rtcp-rsize for audio");
        for (String mid : List.of("0", "1", "2", "3", "4")) {
            List<String> s = SdpFixtures.section(answer.sdp(), mid);
            assertTrue(s.contains("a=setup:passive") && s.contains("a=rtcp-mux"), mid);
        }
    }

    @Test
    void firefoxStoppedMLineIsAnsweredLikeFirefoxRejectsOne() throws SdpException {
        SdpAnswer answer = answerAsUsual(SdpFixtures.FIREFOX_STOPPED);
        List<String> stopped = SdpFixtures.section(answer.sdp(), "4");
        assertEquals(List.of("m=video 0 UDP/TLS/RTP/SAVPF 120", "c=IN IP4 0.0.0.0"), stopped.subList(0, 2));
        assertEquals(List.of("a=mid:4", "a=inactive", "a=rtcp-mux", "a=rtpmap:120 VP8/90000"), stopped.subList(6, 10));
    }

    @Test
    void aiortcVideoWithRtxAndFid() throws SdpException {
        SdpAnswer answer = answerAsUsual(SdpFixtures.AIORTC);
        NegotiatedSection camera = answer.section("1").orElseThrow();
        assertEquals(97, camera.payloadType());
        assertEquals(98, camera.rtxPayloadType());
        assertEquals(new Feedback(true, true, false, false, true), camera.feedback());
        // id 2 is audio level on aiortc's audio and abs-send-time on its video: left out (BundleExtensions)
        assertEquals(Map.of(ExtensionUris.MID, 1), camera.extensionIds());
        assertEquals(List.of(new SsrcPair(1046936156L, 4015126616L)), camera.clientSsrcs());
        assertEquals(96, answer.section("0").orElseThrow().payloadType());
        List<String> slot = SdpFixtures.section(answer.sdp(), "3");
        assertEquals("m=video 9 UDP/TLS/RTP/SAVPF 97 98", slot.get(0));
        assertEquals(List.of("a=ssrc-group:FID 2001 2002"), SdpFixtures.linesStarting(slot, "a=ssrc-group"));
    }

    @Test
    void anAnswerIsItselfWellFormedSdp() throws SdpException {
        for (String fixture : List.of(SdpFixtures.CHROME, SdpFixtures.FIREFOX_STOPPED, SdpFixtures.AIORTC)) {
            SdpOffer offer = SdpFixtures.parse(fixture);
            SdpOffer reparsed = SdpParser.parseOffer(answerAsUsual(fixture).sdp());
            assertEquals(offer.media().size(), reparsed.media().size(), fixture);
            assertEquals("Srv1", reparsed.iceUfrag());
            assertEquals("passive", reparsed.setup());
            for (int i = 0; i < offer.media().size(); i++) {
                assertEquals(offer.media().get(i).mid(), reparsed.media().get(i).mid());
                assertEquals(offer.media().get(i).media(), reparsed.media().get(i).media());
            }
        }
    }

    @Test
    void rejectedMidLeavesTheBundle() throws SdpException {
        SdpAnswer answer = SdpNegotiation.answer(SdpFixtures.parse(SdpFixtures.CHROME), SdpFixtures.server(),
                Map.of("0", MidDecision.fromClient(), "1", MidDecision.fromClient(), "2", MidDecision.toClient(AUDIO_OUT)));
        assertTrue(answer.sdp().contains("\r\na=group:BUNDLE 0 1 2\r\n"));
        assertEquals(List.of("3", "4"), answer.rejectedMids());
        assertFalse(answer.section("3").isPresent());
        assertEquals("m=video 0 UDP/TLS/RTP/SAVPF 96", SdpFixtures.section(answer.sdp(), "3").get(0));
    }

    @Test
    void theFirstBundledMLineIsAnsweredInactiveInsteadOfRejected() throws SdpException {
        SdpAnswer answer = SdpNegotiation.answer(SdpFixtures.parse(SdpFixtures.CHROME), SdpFixtures.server(),
                Map.of("0", MidDecision.reject(), "1", MidDecision.fromClient()));
        assertEquals(Direction.INACTIVE, answer.section("0").orElseThrow().direction());
        assertEquals("m=audio 9 UDP/TLS/RTP/SAVPF 111", SdpFixtures.section(answer.sdp(), "0").get(0));
        assertTrue(answer.sdp().contains("\r\na=group:BUNDLE 0 1\r\n"));
        assertEquals(List.of("2", "3", "4"), answer.rejectedMids());
    }

    @Test
    void theFirstBundledMLineMustOfferSomethingAcceptable() throws SdpException {
        SdpOffer offer = SdpParser.parseOffer(SdpFixtures.offerWith("m=video 9 UDP/TLS/RTP/SAVPF 99",
                "a=mid:0", "a=sendonly", "a=rtcp-mux", "a=rtpmap:99 H264/90000"));
        SdpException e = assertThrows(SdpException.class,
                () -> SdpNegotiation.answer(offer, SdpFixtures.server(), mid -> MidDecision.fromClient()));
        assertEquals("SDP line 10: mid '0' is the first in the BUNDLE group and offers nothing acceptable"
                + " (expected: UDP/TLS/RTP/SAVPF with rtcp-mux and opus/48000/2 or VP8/90000)", e.getMessage());
    }

    @Test
    void aSecondMLineWithoutVp8IsRejected() throws SdpException {
        SdpOffer offer = SdpParser.parseOffer(SdpFixtures.offerWith("m=audio 9 UDP/TLS/RTP/SAVPF 111", "a=mid:0",
                "a=sendonly", "a=rtcp-mux", "a=rtpmap:111 opus/48000/2", "m=video 9 UDP/TLS/RTP/SAVPF 99", "a=mid:1",
                "a=sendonly", "a=rtcp-mux", "a=rtpmap:99 H264/90000").replace("BUNDLE 0", "BUNDLE 0 1"));
        SdpAnswer answer = SdpNegotiation.answer(offer, SdpFixtures.server(), mid -> MidDecision.fromClient());
        assertEquals(List.of("1"), answer.rejectedMids());
    }

    @Test
    void decisionsMustFitTheOfferedDirection() throws SdpException {
        SdpOffer offer = SdpFixtures.parse(SdpFixtures.CHROME);
        SdpException e = assertThrows(SdpException.class, () -> SdpNegotiation.answer(offer, SdpFixtures.server(),
                Map.of("2", MidDecision.fromClient())));
        assertEquals("SDP line 163: mid '2' is offered recvonly (expected: sendonly, for a track the client sends)", e.getMessage());
        e = assertThrows(SdpException.class, () -> SdpNegotiation.answer(offer, SdpFixtures.server(),
                Map.of("0", MidDecision.toClient(AUDIO_OUT))));
        assertEquals("SDP line 8: mid '0' is offered sendonly (expected: recvonly, for a track the server sends)", e.getMessage());
    }

    @Test
    void sendrecvIsAnsweredInTheDecidedDirection() throws SdpException {
        String m = "m=audio 9 UDP/TLS/RTP/SAVPF 111";
        SdpOffer offer = SdpParser.parseOffer(SdpFixtures.offerWith(m, "a=mid:0", "a=rtcp-mux", "a=rtpmap:111 opus/48000/2"));
        assertEquals(Direction.RECVONLY, SdpNegotiation.answer(offer, SdpFixtures.server(), mid -> MidDecision.fromClient())
                .section("0").orElseThrow().direction());
        assertEquals(Direction.SENDONLY, SdpNegotiation.answer(offer, SdpFixtures.server(),
                mid -> MidDecision.toClient(AUDIO_OUT)).section("0").orElseThrow().direction());
    }

    @Test
    void decisionsForUnknownMidsAreRefused() throws SdpException {
        SdpOffer offer = SdpFixtures.parse(SdpFixtures.AIORTC);
        SdpException e = assertThrows(SdpException.class, () -> SdpNegotiation.answer(offer, SdpFixtures.server(),
                Map.of("9", MidDecision.fromClient())));
        assertEquals("SDP offer has no mid '9' (expected: one of the offered mids)", e.getMessage());
    }

    @Test
    void passiveOffererCannotTalkToThePassiveServer() throws SdpException {
        SdpOffer offer = SdpParser.parseOffer(SdpFixtures.offerWith("m=audio 9 UDP/TLS/RTP/SAVPF 111", "a=mid:0",
                "a=sendonly", "a=rtcp-mux", "a=rtpmap:111 opus/48000/2").replace("a=setup:actpass", "a=setup:passive"));
        SdpException e = assertThrows(SdpException.class,
                () -> SdpNegotiation.answer(offer, SdpFixtures.server(), mid -> MidDecision.fromClient()));
        assertEquals("SDP setup passive (expected: actpass or active; the server is passive)", e.getMessage());
    }

    @Test
    void everyLiveMLineMustBeBundled() throws SdpException {
        SdpOffer offer = SdpParser.parseOffer(SdpFixtures.offerWith("m=audio 9 UDP/TLS/RTP/SAVPF 111", "a=mid:0",
                "a=sendonly", "a=rtcp-mux", "a=rtpmap:111 opus/48000/2").replace("a=group:BUNDLE 0\r\n", ""));
        SdpException e = assertThrows(SdpException.class,
                () -> SdpNegotiation.answer(offer, SdpFixtures.server(), mid -> MidDecision.fromClient()));
        assertEquals("SDP mid '0' is not in the BUNDLE group (expected: every m-line bundled, bundlePolicy max-bundle)",
                e.getMessage());
    }
}
