package parley.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PhoneSdpTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void answersTheTrunksFirstG711AndTelephoneEvent() throws SipException {
        PhoneSdp.Offer offer = PhoneSdp.parseOffer(b(SipFixtures.SDP_OFFER));
        assertEquals(InetAddress.ofLiteral("192.0.2.10"), offer.address());
        assertEquals(40000, offer.port());
        assertEquals(101, offer.telephoneEvent(8000));
        PhoneSdp.Choice c = PhoneSdp.choose(offer);
        assertEquals(new PhoneSdp.Choice(0, PhoneSdp.Audio.PCMU, 101, 8000), c);
        String answer = new String(PhoneSdp.answer(c, InetAddress.ofLiteral("198.51.100.1"), 30000, 7), StandardCharsets.US_ASCII);
        assertTrue(answer.contains("m=audio 30000 RTP/AVP 0 101\r\n"), answer);
        assertTrue(answer.contains("c=IN IP4 198.51.100.1\r\n"));
        assertTrue(answer.contains("a=rtpmap:101 telephone-event/8000\r\n"));
    }

    @Test
    void pcmaFirstAndStaticTypesWithoutRtpmap() throws SipException {
        PhoneSdp.Offer offer = PhoneSdp.parseOffer(b("v=0\r\nc=IN IP4 192.0.2.1\r\nm=audio 4000 RTP/AVP 8 0\r\n"));
        assertEquals(new PhoneSdp.Choice(8, PhoneSdp.Audio.PCMA, -1, -1), PhoneSdp.choose(offer));
        assertFalse(new String(PhoneSdp.answer(PhoneSdp.choose(offer), InetAddress.ofLiteral("::1"), 1, 1), StandardCharsets.US_ASCII).contains("telephone-event"));
    }

    @Test
    void opusIsPreferredWithItsOwnTelephoneEvent() throws SipException {
        PhoneSdp.Offer offer = PhoneSdp.parseOffer(b("v=0\r\nc=IN IP4 192.0.2.1\r\nm=audio 4000 RTP/AVP 0 8 107 101 110\r\n"
                + "a=rtpmap:107 opus/48000/2\r\na=rtpmap:101 telephone-event/8000\r\na=rtpmap:110 telephone-event/48000\r\n"));
        PhoneSdp.Choice c = PhoneSdp.choose(offer);
        assertEquals(new PhoneSdp.Choice(107, PhoneSdp.Audio.OPUS, 110, 48_000), c, "Opus though the trunk listed G.711 first");
        String answer = new String(PhoneSdp.answer(c, InetAddress.ofLiteral("198.51.100.1"), 30000, 7), StandardCharsets.US_ASCII);
        assertTrue(answer.contains("m=audio 30000 RTP/AVP 107 110\r\na=rtpmap:107 opus/48000/2\r\na=fmtp:107 useinbandfec=1\r\n"), answer);
        assertTrue(answer.contains("a=rtpmap:110 telephone-event/48000\r\n"), answer);
        PhoneSdp.Offer only8k = PhoneSdp.parseOffer(b("v=0\r\nc=IN IP4 192.0.2.1\r\nm=audio 4000 RTP/AVP 96 101\r\n"
                + "a=rtpmap:96 OPUS/48000/2\r\na=rtpmap:101 telephone-event/8000\r\n"));
        assertEquals(new PhoneSdp.Choice(96, PhoneSdp.Audio.OPUS, 101, 8000), PhoneSdp.choose(only8k));
    }

    @Test
    void refusedWith488() {
        assertEquals(488, assertThrows(SipException.class, () -> PhoneSdp.choose(PhoneSdp.parseOffer(
                b("v=0\r\nc=IN IP4 192.0.2.1\r\nm=audio 4000 RTP/AVP 111\r\na=rtpmap:111 opus/44100/2\r\n")))).status());
        assertThrows(SipException.class, () -> PhoneSdp.parseOffer(b("v=0\r\nc=IN IP4 trunk.example.org\r\nm=audio 4000 RTP/AVP 0\r\n")));
        assertThrows(SipException.class, () -> PhoneSdp.parseOffer(b("v=0\r\nm=video 4000 RTP/AVP 96\r\n")));
    }
}
