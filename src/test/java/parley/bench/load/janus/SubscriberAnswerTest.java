package parley.bench.load.janus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import parley.media.ice.IceCredentials;

class SubscriberAnswerTest {
    private static final IceCredentials ICE = new IceCredentials("abcd", "0123456789012345678901");
    private static final String FINGERPRINT = "AA:BB";

    /** A videoroom subscriber offer of Janus 1.1.2's shape: one microphone and one camera, transport lines dropped. */
    private static final String OFFER = String.join("\r\n",
            "v=0", "o=- 1 1 IN IP4 192.0.2.2", "s=VideoRoom 5", "t=0 0", "a=group:BUNDLE 0 1",
            "m=audio 9 UDP/TLS/RTP/SAVPF 111", "c=IN IP4 192.0.2.2", "a=sendonly", "a=mid:0", "a=rtcp-mux",
            "a=ice-ufrag:Janu", "a=ice-pwd:janusjanusjanusjanusjj", "a=setup:actpass",
            "a=rtpmap:111 opus/48000/2", "a=extmap:1 urn:ietf:params:rtp-hdrext:sdes:mid", "a=ssrc:1234 cname:janus",
            "a=candidate:1 1 udp 2015363327 192.0.2.2 40000 typ host",
            "m=video 9 UDP/TLS/RTP/SAVPF 96 97", "c=IN IP4 192.0.2.2", "a=sendonly", "a=mid:1",
            "a=rtpmap:96 VP8/90000", "a=rtcp-fb:96 nack pli", "a=rtpmap:97 rtx/90000", "a=fmtp:97 apt=96",
            "a=ssrc-group:FID 5 6", "") ;

    @Test
    void answersEveryLineReceiveOnlyWithTheOfferedCodecsAsTheDtlsClient() {
        assertEquals(String.join("\r\n",
                "v=0", "o=- " + Math.abs((long) OFFER.hashCode()) + " 2 IN IP4 127.0.0.1", "s=-", "t=0 0", "a=group:BUNDLE 0 1",
                "m=audio 9 UDP/TLS/RTP/SAVPF 111", "c=IN IP4 0.0.0.0",
                "a=ice-ufrag:abcd", "a=ice-pwd:0123456789012345678901", "a=fingerprint:sha-256 AA:BB", "a=setup:active",
                "a=mid:0", "a=recvonly", "a=rtcp-mux",
                "a=rtpmap:111 opus/48000/2", "a=extmap:1 urn:ietf:params:rtp-hdrext:sdes:mid",
                "m=video 9 UDP/TLS/RTP/SAVPF 96 97", "c=IN IP4 0.0.0.0",
                "a=ice-ufrag:abcd", "a=ice-pwd:0123456789012345678901", "a=fingerprint:sha-256 AA:BB", "a=setup:active",
                "a=mid:1", "a=recvonly", "a=rtcp-mux",
                "a=rtpmap:96 VP8/90000", "a=rtcp-fb:96 nack pli", "a=rtpmap:97 rtx/90000", "a=fmtp:97 apt=96", ""),
                SubscriberAnswer.write(OFFER, ICE, FINGERPRINT));
    }

    @Test
    void receivesOnlyWhatJanusSends() {
        assertEquals("recvonly", SubscriberAnswer.answerDirection("sendonly"));
        assertEquals("recvonly", SubscriberAnswer.answerDirection("sendrecv"));
        assertEquals("inactive", SubscriberAnswer.answerDirection("inactive"));
        assertEquals("inactive", SubscriberAnswer.answerDirection("recvonly"));
    }
}
