package parley.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which codecs, feedback, extensions and rids the server accepts of one offered m-line. */
class AnswerPolicyTest {
    private static final SendStream STREAM = new SendStream(1111, 2222, "cname", "peer", "track");

    private static MediaSection offered(String... mediaLines) throws SdpException {
        return SdpParser.parseOffer(SdpFixtures.offerWith(mediaLines)).media().get(0);
    }

    private static AnswerSection.Accepted accepted(AnswerSection s) {
        return assertInstanceOf(AnswerSection.Accepted.class, s);
    }

    @Test
    void audioTakesOpusWithTransportCcAndNack() throws SdpException {
        MediaSection m = offered("m=audio 9 UDP/TLS/RTP/SAVPF 63 111 0", "a=mid:0", "a=sendonly", "a=rtcp-mux",
                "a=rtpmap:63 red/48000/2", "a=fmtp:63 111/111",
                "a=rtpmap:111 opus/48000/2", "a=rtcp-fb:111 transport-cc", "a=rtcp-fb:111 nack",
                "a=rtcp-fb:111 x-unknown", "a=fmtp:111 minptime=10;useinbandfec=1");
        AnswerSection.Accepted a = accepted(AnswerPolicy.choose(m, Direction.RECVONLY, null));
        assertEquals(List.of(new Codec(111, "opus", 48000, 2, "minptime=10;useinbandfec=1",
                List.of("transport-cc", "nack"), -1)), a.codecs());
        assertEquals(Direction.RECVONLY, a.direction());
        assertNull(a.send());
    }

    @Test
    void audioWithoutStereoOpusIsRejected() throws SdpException {
        MediaSection m = offered("m=audio 9 UDP/TLS/RTP/SAVPF 0 8 111", "a=mid:0", "a=sendonly", "a=rtcp-mux",
                "a=rtpmap:0 PCMU/8000", "a=rtpmap:8 PCMA/8000", "a=rtpmap:111 opus/48000/1");
        AnswerSection.Rejected r = assertInstanceOf(AnswerSection.Rejected.class,
                AnswerPolicy.choose(m, Direction.RECVONLY, null));
        assertEquals(new AnswerSection.Rejected("audio", "UDP/TLS/RTP/SAVPF", "0", "0",
                new Codec(0, "PCMU", 8000, 0, "", List.of(), -1)), r);
    }

    @Test
    void videoTakesVp8AndItsRtxWithTheFeedbackTheSfuUses() throws SdpException {
        MediaSection m = offered("m=video 9 UDP/TLS/RTP/SAVPF 102 103 96 97 98 99", "a=mid:0", "a=recvonly",
                "a=rtcp-mux", "a=rtpmap:102 H264/90000", "a=rtpmap:103 rtx/90000", "a=fmtp:103 apt=102",
                "a=rtpmap:96 VP8/90000", "a=rtcp-fb:96 goog-remb", "a=rtcp-fb:96 transport-cc",
                "a=rtcp-fb:96 ccm fir", "a=rtcp-fb:96 nack", "a=rtcp-fb:96 nack pli", "a=rtcp-fb:96 ccm tmmbr",
                "a=rtcp-fb:96 nack rpsi", "a=rtpmap:97 rtx/90000", "a=fmtp:97 apt=96;rtx-time=3000",
                "a=rtpmap:98 VP9/90000", "a=rtpmap:99 rtx/90000", "a=fmtp:99 apt=98");
        AnswerSection.Accepted a = accepted(AnswerPolicy.choose(m, Direction.SENDONLY, STREAM));
        assertEquals(List.of(
                new Codec(96, "VP8", 90000, 0, "", List.of("goog-remb", "transport-cc", "ccm fir", "nack", "nack pli"), -1),
                new Codec(97, "rtx", 90000, 0, "apt=96;rtx-time=3000", List.of(), 96)), a.codecs());
        assertEquals(STREAM, a.send());
    }

    @Test
    void vp8WithoutItsRtxStandsAlone() throws SdpException {
        MediaSection m = offered("m=video 9 UDP/TLS/RTP/SAVPF 96 98 99", "a=mid:0", "a=recvonly", "a=rtcp-mux",
                "a=rtpmap:96 VP8/90000", "a=rtpmap:98 VP9/90000", "a=rtpmap:99 rtx/90000", "a=fmtp:99 apt=98");
        assertEquals(List.of(96), accepted(AnswerPolicy.choose(m, Direction.SENDONLY, STREAM)).codecs().stream()
                .map(Codec::payloadType).toList());
    }

    @Test
    void videoWithoutVp8IsRejected() throws SdpException {
        MediaSection m = offered("m=video 9 UDP/TLS/RTP/SAVPF 99 100", "a=mid:0", "a=sendonly", "a=rtcp-mux",
                "a=rtpmap:99 H264/90000", "a=rtpmap:100 rtx/90000", "a=fmtp:100 apt=99");
        assertEquals(new AnswerSection.Rejected("video", "UDP/TLS/RTP/SAVPF", "99", "0",
                        new Codec(99, "H264", 90000, 0, "", List.of(), -1)),
                AnswerPolicy.choose(m, Direction.RECVONLY, null));
    }

    @Test
    void rejectedWithoutRtcpMuxOrWithAnotherProtocolOrMedia() throws SdpException {
        String[] rest = {"a=mid:0", "a=sendonly", "a=rtpmap:111 opus/48000/2"};
        assertInstanceOf(AnswerSection.Rejected.class, AnswerPolicy.choose(offered(
                "m=audio 9 UDP/TLS/RTP/SAVPF 111", rest[0], rest[1], rest[2]), Direction.RECVONLY, null));
        assertInstanceOf(AnswerSection.Rejected.class, AnswerPolicy.choose(offered(
                "m=audio 9 RTP/AVP 111", rest[0], rest[1], "a=rtcp-mux", rest[2]), Direction.RECVONLY, null));
        assertInstanceOf(AnswerSection.Rejected.class, AnswerPolicy.choose(offered(
                "m=application 9 UDP/DTLS/SCTP webrtc-datachannel", "a=mid:0", "a=sctp-port:5000"),
                Direction.RECVONLY, null));
    }

    @Test
    void onlyTheSixExtensionsWithOneByteIdsAndTheOfferersIds() throws SdpException {
        MediaSection m = offered("m=video 9 UDP/TLS/RTP/SAVPF 96", "a=mid:0", "a=sendonly", "a=rtcp-mux",
                "a=rtpmap:96 VP8/90000",
                "a=extmap:14 urn:ietf:params:rtp-hdrext:toffset",
                "a=extmap:2 " + ExtensionUris.ABS_SEND_TIME,
                "a=extmap:3 " + ExtensionUris.TRANSPORT_CC,
                "a=extmap:4 " + ExtensionUris.MID,
                "a=extmap:10 " + ExtensionUris.RTP_STREAM_ID,
                "a=extmap:11 " + ExtensionUris.REPAIRED_RTP_STREAM_ID,
                "a=extmap:12 https://aomediacodec.github.io/av1-rtp-spec/#dependency-descriptor-rtp-header-extension",
                "a=extmap:15 " + ExtensionUris.AUDIO_LEVEL);
        assertEquals(List.of(new Extmap(2, ExtensionUris.ABS_SEND_TIME, null),
                new Extmap(3, ExtensionUris.TRANSPORT_CC, null), new Extmap(4, ExtensionUris.MID, null),
                new Extmap(10, ExtensionUris.RTP_STREAM_ID, null),
                new Extmap(11, ExtensionUris.REPAIRED_RTP_STREAM_ID, null)),
                accepted(AnswerPolicy.choose(m, Direction.RECVONLY, null)).extmaps());
        // The server sends one layer without rids.
        assertEquals(List.of(new Extmap(2, ExtensionUris.ABS_SEND_TIME, null),
                new Extmap(3, ExtensionUris.TRANSPORT_CC, null), new Extmap(4, ExtensionUris.MID, null)),
                accepted(AnswerPolicy.choose(m, Direction.SENDONLY, STREAM)).extmaps());
    }

    @Test
    void extensionDirectionsAreAnsweredReversedAndMustFitTheFlow() throws SdpException {
        String[] lines = {"m=video 9 UDP/TLS/RTP/SAVPF 96", "a=mid:0", "a=sendonly", "a=rtcp-mux",
                "a=rtpmap:96 VP8/90000", "a=extmap:3 " + ExtensionUris.MID,
                "a=extmap:9/sendonly " + ExtensionUris.RTP_STREAM_ID,
                "a=extmap:1/recvonly " + ExtensionUris.AUDIO_LEVEL};
        // Firefox's rid extension is sendonly: the server receiving answers recvonly ...
        assertEquals(List.of(new Extmap(3, ExtensionUris.MID, null),
                        new Extmap(9, ExtensionUris.RTP_STREAM_ID, Direction.RECVONLY)),
                accepted(AnswerPolicy.choose(offered(lines), Direction.RECVONLY, null)).extmaps());
        // ... and the server sending drops it, but keeps what the client only receives.
        lines[2] = "a=recvonly";
        assertEquals(List.of(new Extmap(3, ExtensionUris.MID, null),
                        new Extmap(1, ExtensionUris.AUDIO_LEVEL, Direction.SENDONLY)),
                accepted(AnswerPolicy.choose(offered(lines), Direction.SENDONLY, STREAM)).extmaps());
    }

    @Test
    void simulcastKeepsAtMostThreeRidsAndNeedsTheRidExtension() throws SdpException {
        String[] lines = {"m=video 9 UDP/TLS/RTP/SAVPF 96", "a=mid:0", "a=sendonly", "a=rtcp-mux",
                "a=rtpmap:96 VP8/90000", "a=extmap:10 " + ExtensionUris.RTP_STREAM_ID,
                "a=rid:a send", "a=rid:b send", "a=rid:c send", "a=rid:d send", "a=simulcast:send d;c;b;a"};
        assertEquals(List.of("d", "c", "b"), accepted(AnswerPolicy.choose(offered(lines), Direction.RECVONLY, null)).recvRids());
        assertEquals(List.of(), accepted(AnswerPolicy.choose(offered(lines), Direction.INACTIVE, null)).recvRids());
        lines[5] = "a=extmap:10 urn:ietf:params:rtp-hdrext:toffset";
        assertEquals(List.of(), accepted(AnswerPolicy.choose(offered(lines), Direction.RECVONLY, null)).recvRids());
    }
}
