package parley.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The answer text, line by line. */
class SdpAnswerWriterTest {
    private static final Codec OPUS = new Codec(111, "opus", 48000, 2, "minptime=10;useinbandfec=1",
            List.of("transport-cc"), -1);

    /** Chrome's offer answered: mic and camera received, audio and video sent, mid 4 inactive. */
    @Test
    void chromeAnswerMatchesTheGoldenFile() throws SdpException {
        Map<String, MidDecision> decisions = Map.of(
                "0", MidDecision.fromClient(),
                "1", MidDecision.fromClient(),
                "2", MidDecision.toClient(new SendStream(1001, -1, "parley", "p7f3a", "t9a01")),
                "3", MidDecision.toClient(new SendStream(2001, 2002, "parley", "p7f3a", "t9b02")),
                "4", MidDecision.inactive());
        SdpAnswer answer = SdpNegotiation.answer(SdpFixtures.parse(SdpFixtures.CHROME), SdpFixtures.server(), decisions);
        assertEquals(SdpFixtures.read("chrome-156-answer.golden.sdp"), answer.sdp());
    }

    @Test
    void sessionLevelIsIceLiteAndBundlesOnlyAcceptedMids() {
        String sdp = SdpAnswerWriter.write(SdpFixtures.server(), List.of(
                new AnswerSection.Rejected("video", "UDP/TLS/RTP/SAVPF", "96", "0", null),
                accepted("1", Direction.RECVONLY)));
        assertEquals(List.of("v=0", "o=- 4611731400430051336 2 IN IP4 0.0.0.0", "s=-", "t=0 0", "a=ice-lite",
                "a=group:BUNDLE 1", "a=msid-semantic: WMS *"), List.of(sdp.split("\r\n")).subList(0, 7));
    }

    @Test
    void noBundleGroupWhenEverythingIsRejected() {
        String sdp = SdpAnswerWriter.write(SdpFixtures.server(), List.of(
                new AnswerSection.Rejected("video", "UDP/TLS/RTP/SAVPF", "96", "4", null)));
        assertFalse(sdp.contains("a=group"), sdp);
    }

    @Test
    void rejectedMLineKeepsMidAndFirstFormatWithTransportLinesForAiortc() {
        String sdp = SdpAnswerWriter.write(SdpFixtures.server(), List.of(new AnswerSection.Rejected(
                "video", "UDP/TLS/RTP/SAVPF", "96", "4", new Codec(96, "VP8", 90000, 0, "", List.of(), -1))));
        assertEquals(List.of(
                "m=video 0 UDP/TLS/RTP/SAVPF 96",
                "c=IN IP4 0.0.0.0",
                "a=ice-ufrag:Srv1",
                "a=ice-pwd:ServerPassword0123456789",
                "a=fingerprint:sha-256 " + SdpFixtures.FINGERPRINT,
                "a=setup:passive",
                "a=mid:4",
                "a=inactive",
                "a=rtcp-mux",
                "a=rtpmap:96 VP8/90000"), SdpFixtures.section(sdp, "4"));
    }

    @Test
    void acceptedMLineInOrder() {
        String sdp = SdpAnswerWriter.write(SdpFixtures.server(), List.of(accepted("0", Direction.RECVONLY)));
        assertEquals(List.of(
                "m=audio 9 UDP/TLS/RTP/SAVPF 111",
                "c=IN IP4 0.0.0.0",
                "a=rtcp:9 IN IP4 0.0.0.0",
                "a=ice-ufrag:Srv1",
                "a=ice-pwd:ServerPassword0123456789",
                "a=fingerprint:sha-256 " + SdpFixtures.FINGERPRINT,
                "a=setup:passive",
                "a=mid:0",
                "a=recvonly",
                "a=rtcp-mux",
                "a=rtpmap:111 opus/48000/2",
                "a=rtcp-fb:111 transport-cc",
                "a=fmtp:111 minptime=10;useinbandfec=1",
                "a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level",
                "a=extmap:9/recvonly urn:ietf:params:rtp-hdrext:sdes:mid",
                "a=candidate:1 1 udp 2130706431 203.0.113.7 10000 typ host",
                "a=candidate:2 1 udp 2130706175 2001:db8::7 10000 typ host",
                "a=end-of-candidates"), SdpFixtures.section(sdp, "0"));
    }

    @Test
    void passiveTcpCandidatesFollowTheUdpOnesWithLowerPriorities() {
        ServerInfo udp = SdpFixtures.server();
        ServerInfo both = new ServerInfo(udp.iceUfrag(), udp.icePwd(), udp.fingerprintSha256(), udp.addresses(),
                10000, 10443, udp.sessionId(), udp.sessionVersion());
        String sdp = SdpAnswerWriter.write(both, List.of(accepted("0", Direction.RECVONLY)));
        assertEquals(List.of(
                "a=candidate:1 1 udp 2130706431 203.0.113.7 10000 typ host",
                "a=candidate:2 1 udp 2130706175 2001:db8::7 10000 typ host",
                // (126 << 24) + ((4 * 2^13 + 8191 - i) << 8) + 255: RFC 6544 section 4.2, passive
                "a=candidate:3 1 tcp 2124414975 203.0.113.7 10443 typ host tcptype passive",
                "a=candidate:4 1 tcp 2124414719 2001:db8::7 10443 typ host tcptype passive"),
                SdpFixtures.linesStarting(SdpFixtures.section(sdp, "0"), "a=candidate"));
    }

    @Test
    void sendingMLineNamesItsStreamInMsidAndSsrcLines() {
        SendStream stream = new SendStream(4000000000L, 17, "c1", "peer", "track");
        String sdp = SdpAnswerWriter.write(SdpFixtures.server(), List.of(new AnswerSection.Accepted("video",
                "UDP/TLS/RTP/SAVPF", "3", Direction.SENDONLY,
                List.of(new Codec(96, "VP8", 90000, 0, "", List.of(), -1), new Codec(97, "rtx", 90000, 0, "apt=96", List.of(), 96)),
                List.of(), false, List.of(), stream)));
        List<String> section = SdpFixtures.section(sdp, "3");
        assertEquals(List.of("a=msid:peer track"), SdpFixtures.linesStarting(section, "a=msid"));
        assertEquals(List.of("a=ssrc-group:FID 4000000000 17",
                "a=ssrc:4000000000 cname:c1", "a=ssrc:4000000000 msid:peer track",
                "a=ssrc:17 cname:c1", "a=ssrc:17 msid:peer track"), SdpFixtures.linesStarting(section, "a=ssrc"));
    }

    @Test
    void noRtxSsrcWithoutRtxPayloadType() {
        SendStream stream = new SendStream(5, 6, "c1", "peer", "track");
        String sdp = SdpAnswerWriter.write(SdpFixtures.server(), List.of(new AnswerSection.Accepted("audio",
                "UDP/TLS/RTP/SAVPF", "2", Direction.SENDONLY, List.of(OPUS), List.of(), false, List.of(), stream)));
        assertEquals(List.of("a=ssrc:5 cname:c1", "a=ssrc:5 msid:peer track"),
                SdpFixtures.linesStarting(SdpFixtures.section(sdp, "2"), "a=ssrc"));
    }

    @Test
    void everyLineEndsInCrlf() {
        String sdp = SdpAnswerWriter.write(SdpFixtures.server(), List.of(accepted("0", Direction.RECVONLY)));
        assertEquals(sdp.split("\n", -1).length, sdp.split("\r\n", -1).length);
        assertEquals("\r\n", sdp.substring(sdp.length() - 2));
    }

    @ParameterizedTest
    @CsvSource({
            "2001:db8:0:0:0:0:0:7, 2001:db8::7",
            "0:0:0:0:0:0:0:1, ::1",
            "2001:db8:0:1:0:0:0:1, 2001:db8:0:1::1",
            "1:0:0:2:0:0:0:3, 1:0:0:2::3",
            "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
            "fe80:0:0:0:0:0:0:0, fe80::",
            "203.0.113.7, 203.0.113.7"})
    void candidateAddressesInRfc5952Form(String address, String written) throws UnknownHostException {
        assertEquals(written, SdpAnswerWriter.address(InetAddress.getByName(address)));
    }

    private static AnswerSection.Accepted accepted(String mid, Direction direction) {
        return new AnswerSection.Accepted("audio", "UDP/TLS/RTP/SAVPF", mid, direction, List.of(OPUS),
                List.of(new Extmap(1, ExtensionUris.AUDIO_LEVEL, null), new Extmap(9, ExtensionUris.MID, Direction.RECVONLY)),
                false, List.of(), null);
    }
}
