package parley.bench;

import parley.media.ice.IceCredentials;

/**
 * Synthetic SDP offers as Chrome writes them (BUNDLE, rtcp-mux, VP8 with RTX, Opus, the header
 * extensions the SFU reads), for the benchmark's sender and receivers.
 */
final class BenchOffers {
    static final String VIDEO_MID = "0";
    static final String AUDIO_MID = "1";
    static final int VP8_PT = 96;
    static final int RTX_PT = 97;
    static final int OPUS_PT = 111;
    static final int AUDIO_LEVEL_EXT_ID = 1;
    static final int TWCC_EXT_ID = 3;
    static final int MID_EXT_ID = 4;
    static final long VIDEO_SSRC = 0x1111_1111L;
    static final long VIDEO_RTX_SSRC = 0x2222_2222L;
    static final long AUDIO_SSRC = 0x3333_3333L;

    private BenchOffers() {}

    /** A publisher's offer: camera (VP8) and microphone (Opus), sendonly, with a=ssrc lines. */
    static String sender(IceCredentials ice, String fingerprint) {
        return session() + video(ice, fingerprint, "sendonly")
                + "a=ssrc-group:FID " + VIDEO_SSRC + " " + VIDEO_RTX_SSRC + "\r\n"
                + "a=ssrc:" + VIDEO_SSRC + " cname:bench\r\n"
                + "a=ssrc:" + VIDEO_RTX_SSRC + " cname:bench\r\n"
                + audio(ice, fingerprint, "sendonly")
                + "a=ssrc:" + AUDIO_SSRC + " cname:bench\r\n";
    }

    /** A subscriber's offer: one recvonly video and one recvonly audio slot. */
    static String receiver(IceCredentials ice, String fingerprint) {
        return session() + video(ice, fingerprint, "recvonly") + audio(ice, fingerprint, "recvonly");
    }

    private static String session() {
        return "v=0\r\n"
                + "o=- 4611731400430051336 2 IN IP4 127.0.0.1\r\n"
                + "s=-\r\n"
                + "t=0 0\r\n"
                + "a=group:BUNDLE " + VIDEO_MID + " " + AUDIO_MID + "\r\n"
                + "a=extmap-allow-mixed\r\n"
                + "a=msid-semantic: WMS\r\n";
    }

    private static String transport(IceCredentials ice, String fingerprint, String mid) {
        return "c=IN IP4 0.0.0.0\r\n"
                + "a=rtcp:9 IN IP4 0.0.0.0\r\n"
                + "a=ice-ufrag:" + ice.ufrag() + "\r\n"
                + "a=ice-pwd:" + ice.pwd() + "\r\n"
                + "a=ice-options:trickle\r\n"
                + "a=fingerprint:sha-256 " + fingerprint + "\r\n"
                + "a=setup:actpass\r\n"
                + "a=mid:" + mid + "\r\n";
    }

    private static String video(IceCredentials ice, String fingerprint, String direction) {
        return "m=video 9 UDP/TLS/RTP/SAVPF " + VP8_PT + " " + RTX_PT + "\r\n"
                + transport(ice, fingerprint, VIDEO_MID)
                + "a=extmap:" + TWCC_EXT_ID + " http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01\r\n"
                + "a=extmap:" + MID_EXT_ID + " urn:ietf:params:rtp-hdrext:sdes:mid\r\n"
                + "a=" + direction + "\r\n"
                + "a=msid:- video\r\n"
                + "a=rtcp-mux\r\n"
                + "a=rtcp-rsize\r\n"
                + "a=rtpmap:" + VP8_PT + " VP8/90000\r\n"
                + "a=rtcp-fb:" + VP8_PT + " goog-remb\r\n"
                + "a=rtcp-fb:" + VP8_PT + " transport-cc\r\n"
                + "a=rtcp-fb:" + VP8_PT + " ccm fir\r\n"
                + "a=rtcp-fb:" + VP8_PT + " nack\r\n"
                + "a=rtcp-fb:" + VP8_PT + " nack pli\r\n"
                + "a=rtpmap:" + RTX_PT + " rtx/90000\r\n"
                + "a=fmtp:" + RTX_PT + " apt=" + VP8_PT + "\r\n";
    }

    private static String audio(IceCredentials ice, String fingerprint, String direction) {
        return "m=audio 9 UDP/TLS/RTP/SAVPF " + OPUS_PT + "\r\n"
                + transport(ice, fingerprint, AUDIO_MID)
                + "a=extmap:" + AUDIO_LEVEL_EXT_ID + " urn:ietf:params:rtp-hdrext:ssrc-audio-level\r\n"
                + "a=extmap:" + TWCC_EXT_ID + " http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01\r\n"
                + "a=extmap:" + MID_EXT_ID + " urn:ietf:params:rtp-hdrext:sdes:mid\r\n"
                + "a=" + direction + "\r\n"
                + "a=msid:- audio\r\n"
                + "a=rtcp-mux\r\n"
                + "a=rtpmap:" + OPUS_PT + " opus/48000/2\r\n"
                + "a=rtcp-fb:" + OPUS_PT + " transport-cc\r\n"
                + "a=fmtp:" + OPUS_PT + " minptime=10;useinbandfec=1\r\n";
    }

    /** The server's ICE credentials from its answer. */
    static IceCredentials answerIce(String answerSdp) {
        return new IceCredentials(attribute(answerSdp, "ice-ufrag"), attribute(answerSdp, "ice-pwd"));
    }

    private static String attribute(String sdp, String name) {
        for (String line : sdp.split("\r\n")) {
            if (line.startsWith("a=" + name + ":")) return line.substring(name.length() + 3).trim();
        }
        throw new IllegalArgumentException("answer has no a=" + name);
    }
}
