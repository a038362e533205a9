package parley.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Parses offers captured from Chromium 156, Firefox ESR 153 and aiortc 1.4.0. */
class SdpParserTest {
    private static final String CHROME_STREAM = "e583afab-87fc-4e8c-82d8-e837f091009d";
    private static final String FIREFOX_CNAME = "{fcdaec6a-8e89-407b-be92-c2be8a9290cd}";

    private static List<Integer> payloadTypes(MediaSection m) {
        return m.codecs().stream().map(Codec::payloadType).toList();
    }

    @Test
    void chromeSessionTakesTheBundledTransport() throws SdpException {
        SdpOffer offer = SdpFixtures.parse(SdpFixtures.CHROME);
        assertEquals("5338702791394979904", offer.sessionId());
        assertEquals("P5jw", offer.iceUfrag());
        assertEquals("ciJcutE5Nv5M4ieuRjDMUDK9", offer.icePwd());
        assertEquals(new Fingerprint("sha-256", "2A:61:96:4B:B4:E7:61:BA:34:3C:C2:5E:EB:8A:76:0D:"
                + "C1:92:78:23:39:01:68:D0:1B:B4:FA:C5:52:AF:24:3A"), offer.fingerprint());
        assertEquals("actpass", offer.setup());
        assertEquals(List.of("0", "1", "2", "3", "4"), offer.bundleMids());
        assertEquals(5, offer.media().size());
    }

    @Test
    void chromeMicrophone() throws SdpException {
        MediaSection mic = SdpFixtures.parse(SdpFixtures.CHROME).media().get(0);
        assertEquals(MediaKind.AUDIO, mic.kind());
        assertEquals(9, mic.port());
        assertEquals("UDP/TLS/RTP/SAVPF", mic.protocol());
        assertEquals("0", mic.mid());
        assertEquals(Direction.SENDONLY, mic.direction());
        assertTrue(mic.rtcpMux());
        assertTrue(mic.rtcpRsize());
        assertFalse(mic.stopped());
        assertEquals(List.of(111, 63, 9, 0, 8, 13, 110, 126), payloadTypes(mic));
        assertEquals(new Codec(111, "opus", 48000, 2, "minptime=10;useinbandfec=1", List.of("transport-cc"), -1),
                mic.codecs().get(0));
        assertEquals(new Codec(63, "red", 48000, 2, "111/111", List.of(), -1), mic.codecs().get(1));
        assertEquals(List.of(new Extmap(1, ExtensionUris.AUDIO_LEVEL, null),
                new Extmap(2, ExtensionUris.ABS_SEND_TIME, null),
                new Extmap(3, ExtensionUris.TRANSPORT_CC, null),
                new Extmap(4, ExtensionUris.MID, null)), mic.extmaps());
        String msid = CHROME_STREAM + " 3a287c9d-c40e-43fd-a1b9-c2fe935a6592";
        assertEquals(msid, mic.msid());
        assertEquals(List.of(new Ssrc(3295169048L, "d4h1fmOTlXoPCrVU", msid)), mic.ssrcs());
        assertEquals("P5jw", mic.iceDtls().iceUfrag());
    }

    @Test
    void chromeCameraWithThreeSimulcastRids() throws SdpException {
        MediaSection camera = SdpFixtures.parse(SdpFixtures.CHROME).media().get(1);
        assertEquals(MediaKind.VIDEO, camera.kind());
        assertEquals(Direction.SENDONLY, camera.direction());
        assertEquals(List.of(96, 97, 102, 103, 104, 107, 108, 109, 114, 115, 116, 117, 39, 40, 45, 46, 98, 99, 100,
                101, 118, 119, 120), payloadTypes(camera));
        assertEquals(new Codec(96, "VP8", 90000, 0, "",
                List.of("goog-remb", "transport-cc", "ccm fir", "nack", "nack pli"), -1), camera.codecs().get(0));
        assertEquals(96, camera.codec(97).orElseThrow().apt());
        assertEquals("AV1", camera.codec(45).orElseThrow().name());
        assertEquals(118, camera.codec(119).orElseThrow().apt());
        assertEquals(List.of(new Rid("q", true, ""), new Rid("h", true, ""), new Rid("f", true, "")), camera.rids());
        assertEquals(new Simulcast(List.of("q", "h", "f"), List.of()), camera.simulcast());
        assertEquals(List.of("q", "h", "f"), camera.sendRids());
        assertEquals(List.of(), camera.ssrcs(), "Chrome writes no a=ssrc with rids");
        assertEquals(10, camera.extId(ExtensionUris.RTP_STREAM_ID));
        assertEquals(11, camera.extId(ExtensionUris.REPAIRED_RTP_STREAM_ID));
        assertEquals(14, camera.extId("urn:ietf:params:rtp-hdrext:toffset"));
        assertEquals(-1, camera.extId(ExtensionUris.AUDIO_LEVEL));
    }

    @Test
    void chromeReceiveSlots() throws SdpException {
        List<MediaSection> media = SdpFixtures.parse(SdpFixtures.CHROME).media();
        assertEquals(Direction.RECVONLY, media.get(2).direction());
        assertNull(media.get(2).msid());
        assertEquals(List.of(), media.get(2).ssrcs());
        assertEquals(Direction.RECVONLY, media.get(3).direction());
        assertEquals(34, media.get(3).formats().size());
        assertEquals(34, media.get(3).codecs().size());
        assertEquals("4", media.get(4).mid());
    }

    @Test
    void chromeStoppedTransceiverIsPortZeroOutsideTheBundle() throws SdpException {
        SdpOffer offer = SdpFixtures.parse(SdpFixtures.CHROME_STOPPED);
        assertEquals(List.of("0", "1", "2", "3"), offer.bundleMids());
        MediaSection stopped = offer.media().get(4);
        assertEquals(0, stopped.port());
        assertTrue(stopped.stopped());
        assertEquals("4", stopped.mid());
        assertEquals(Direction.INACTIVE, stopped.direction());
        assertEquals(4, offer.liveSections().size());
        assertEquals(43447, offer.media().get(0).port(), "after gathering, Chrome writes its candidate port");
        assertEquals("P5jw", offer.iceUfrag());
    }

    @Test
    void firefoxBundleOnlyMLinesAreLive() throws SdpException {
        SdpOffer offer = SdpFixtures.parse(SdpFixtures.FIREFOX);
        assertEquals("1129576837375672940", offer.sessionId());
        assertEquals("4a9c0888", offer.iceUfrag());
        assertEquals("9e41cc453aa74921a6a8bc36f94a6b82", offer.icePwd());
        assertEquals("sha-256", offer.fingerprint().algorithm(), "Firefox writes it at session level only");
        assertEquals(List.of("0", "1", "2", "3", "4"), offer.bundleMids());
        for (MediaSection m : offer.media().subList(1, 5)) {
            assertEquals(0, m.port());
            assertTrue(m.bundleOnly());
            assertFalse(m.stopped());
        }
        assertEquals(5, offer.liveSections().size());
    }

    @Test
    void firefoxMicrophone() throws SdpException {
        MediaSection mic = SdpFixtures.parse(SdpFixtures.FIREFOX).media().get(0);
        assertEquals(List.of(109, 9, 0, 8, 101), payloadTypes(mic));
        assertEquals(new Codec(109, "opus", 48000, 2, "maxplaybackrate=48000;stereo=1;useinbandfec=1",
                List.of("transport-cc"), -1), mic.codecs().get(0), "fmtp before rtpmap is fine");
        assertEquals(new Codec(9, "G722", 8000, 1, "", List.of("transport-cc"), -1), mic.codecs().get(1));
        assertEquals("0-15", mic.codec(101).orElseThrow().fmtp());
        assertEquals(new Extmap(2, "urn:ietf:params:rtp-hdrext:csrc-audio-level", Direction.RECVONLY),
                mic.extmaps().get(1));
        assertFalse(mic.rtcpRsize());
        assertEquals(List.of(new Ssrc(2815263543L, FIREFOX_CNAME, null)), mic.ssrcs());
    }

    @Test
    void firefoxCameraWithRidsAndSsrcs() throws SdpException {
        MediaSection camera = SdpFixtures.parse(SdpFixtures.FIREFOX).media().get(1);
        assertEquals(List.of(120, 124, 121, 125, 99, 100, 123, 122, 119), payloadTypes(camera));
        assertEquals(new Codec(120, "VP8", 90000, 0, "max-fs=12288;max-fr=60",
                List.of("nack", "nack pli", "ccm fir", "goog-remb", "transport-cc"), -1), camera.codecs().get(0));
        assertEquals(120, camera.codec(124).orElseThrow().apt());
        assertEquals(122, camera.codec(119).orElseThrow().apt());
        assertEquals(new Extmap(9, ExtensionUris.RTP_STREAM_ID, Direction.SENDONLY), camera.extmaps().get(6));
        assertEquals(new Simulcast(List.of("q", "h", "f"), List.of()), camera.simulcast());
        assertEquals(6, camera.ssrcs().size());
        assertEquals(List.of(new FidGroup(3170677348L, 1743588505L), new FidGroup(4049360873L, 3308502149L),
                new FidGroup(3471336844L, 4005498987L)), camera.fidGroups());
        assertEquals("{e8f0ddcb-040c-40d3-86df-e98043e5a99b} {859e6bd5-b5b0-440f-9997-336b0f59f360}", camera.msid());
        assertTrue(camera.rtcpRsize());
        assertEquals(Direction.SENDONLY, camera.direction(), "not the session-level a=sendrecv");
    }

    @Test
    void firefoxStoppedMLineIsMinimal() throws SdpException {
        SdpOffer offer = SdpFixtures.parse(SdpFixtures.FIREFOX_STOPPED);
        assertEquals(List.of("0", "1", "2", "3"), offer.bundleMids());
        MediaSection stopped = offer.media().get(4);
        assertTrue(stopped.stopped());
        assertFalse(stopped.rtcpMux());
        assertEquals(Direction.INACTIVE, stopped.direction());
        assertEquals(List.of(new Codec(120, "VP8", 90000, 0, "", List.of(), -1)), stopped.codecs());
    }

    @Test
    void aiortcUsesTheFirstBundledMLinesCredentials() throws SdpException {
        SdpOffer offer = SdpFixtures.parse(SdpFixtures.AIORTC);
        assertEquals("4004659768", offer.sessionId());
        assertEquals("FrDQ", offer.iceUfrag());
        assertEquals("E5xIs5abtGVIQkbjliUcNS", offer.icePwd());
        assertEquals("PnPZ", offer.media().get(1).iceDtls().iceUfrag(), "aiortc gathers per m-line");
        assertEquals(List.of("0", "1", "2", "3"), offer.bundleMids());
    }

    @Test
    void aiortcCodecsAndSsrcs() throws SdpException {
        SdpOffer offer = SdpFixtures.parse(SdpFixtures.AIORTC);
        MediaSection mic = offer.media().get(0);
        assertEquals(54412, mic.port());
        assertEquals(List.of(new Codec(96, "opus", 48000, 2, "", List.of(), -1),
                new Codec(0, "PCMU", 8000, 0, "", List.of(), -1),
                new Codec(8, "PCMA", 8000, 0, "", List.of(), -1)), mic.codecs());
        assertEquals(List.of(new Extmap(1, ExtensionUris.MID, null), new Extmap(2, ExtensionUris.AUDIO_LEVEL, null)),
                mic.extmaps());
        MediaSection camera = offer.media().get(1);
        assertEquals(List.of(97, 98, 99, 100, 101, 102), payloadTypes(camera));
        assertEquals(List.of("nack", "nack pli", "goog-remb"), camera.codecs().get(0).feedback());
        assertEquals("level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42001f",
                camera.codec(99).orElseThrow().fmtp());
        assertEquals(List.of(new FidGroup(1046936156L, 4015126616L)), camera.fidGroups());
        assertEquals(List.of(1046936156L, 4015126616L), camera.ssrcs().stream().map(Ssrc::ssrc).toList());
        assertEquals(Direction.RECVONLY, offer.media().get(3).direction());
    }

    @Test
    void lfLineEndingsParseTheSame() throws SdpException {
        for (String name : List.of(SdpFixtures.CHROME, SdpFixtures.FIREFOX, SdpFixtures.AIORTC)) {
            String crlf = SdpFixtures.read(name);
            assertEquals(SdpParser.parseOffer(crlf), SdpParser.parseOffer(crlf.replace("\r\n", "\n")), name);
        }
    }

    @Test
    void lastLineMayLackItsLineEnding() throws SdpException {
        String crlf = SdpFixtures.read(SdpFixtures.AIORTC);
        assertEquals(SdpParser.parseOffer(crlf), SdpParser.parseOffer(crlf.stripTrailing()));
    }

    @Test
    void unknownAttributesAreIgnored() throws SdpException {
        SdpOffer offer = SdpParser.parseOffer(SdpFixtures.offerWith("m=audio 9 UDP/TLS/RTP/SAVPF 111",
                "a=mid:0", "a=sendonly", "a=rtcp-mux", "a=rtpmap:111 opus/48000/2",
                "a=x-google-flag:conference", "a=label:1", "a=ptime:20", "a=something-new"));
        assertEquals(1, offer.media().get(0).codecs().size());
    }

    @Test
    void simulcastKeepsTheFirstAlternativeWithoutPauseMark() throws SdpException {
        SdpOffer offer = SdpParser.parseOffer(SdpFixtures.offerWith("m=video 9 UDP/TLS/RTP/SAVPF 96",
                "a=mid:0", "a=sendonly", "a=rtcp-mux", "a=rtpmap:96 VP8/90000",
                "a=rid:a send", "a=rid:b send", "a=rid:c send", "a=rid:r recv", "a=simulcast:recv r send ~a,b;c"));
        assertEquals(new Simulcast(List.of("a", "c"), List.of("r")), offer.media().get(0).simulcast());
    }
}
