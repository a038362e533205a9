package parley.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SipParserTest {
    private static SipMessage parse(String s) throws SipException {
        return SipParser.parse(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anInviteWithItsOffer() throws SipException {
        SipMessage m = parse(SipFixtures.invite("z9hG4bK776asdhds", "a84b4c76e66710@192.0.2.10", SipFixtures.SDP_OFFER));
        assertEquals("INVITE", m.method());
        assertEquals("z9hG4bK776asdhds", m.branch());
        assertEquals(1, m.cseq());
        assertEquals("INVITE", m.cseqMethod());
        assertEquals("a73kszlfl", m.tag("From").orElseThrow());
        assertTrue(m.tag("To").isEmpty());
        assertEquals("+4930123456", SipMessage.user(m.required("From")));
        assertEquals(SipFixtures.SDP_OFFER, new String(m.body(), StandardCharsets.UTF_8));
    }

    @Test
    void compactNamesAreExpanded() throws SipException {
        SipMessage m = parse(SipFixtures.inDialog("BYE", "z9hG4bKbye", "c1", 2, "t1", null, ""));
        assertEquals("c1", m.callId());
        assertEquals("t1", m.tag("To").orElseThrow());
        assertEquals(0, m.body().length);
    }

    @Test
    void aResponseEchoesViaFromCallIdCseqAndTagsTo() throws SipException {
        SipMessage req = parse(SipFixtures.OPTIONS);
        SipMessage resp = parse(new String(req.respond(200, "OK", "srv1").encode(), StandardCharsets.UTF_8));
        assertEquals(200, resp.status());
        assertEquals("srv1", resp.tag("To").orElseThrow());
        assertEquals(req.topVia(), resp.topVia());
        assertEquals("OPTIONS", resp.cseqMethod());
    }

    @Test
    void foldedLinesAreJoined() throws SipException {
        SipMessage m = parse(SipFixtures.OPTIONS.replace("Call-ID: opt-1@192.0.2.10", "Call-ID:\r\n  opt-1@192.0.2.10"));
        assertEquals("opt-1@192.0.2.10", m.callId());
    }

    @Test
    void malformedMessagesAreRefusedWith400() {
        List<String> bad = List.of("", "garbage\r\n\r\n", SipFixtures.OPTIONS.replace("CSeq: 7 OPTIONS", "CSeq: 7 INVITE"),
                SipFixtures.OPTIONS.replace("CSeq: 7", "CSeq: 99999999999"), SipFixtures.OPTIONS.replace("Call-ID", "X-Call"),
                SipFixtures.OPTIONS.replace("Content-Length: 0", "Content-Length: 50"),
                SipFixtures.OPTIONS.replace("SIP/2.0\r\n", "SIP/3.0\r\n"), SipFixtures.OPTIONS.replace("\r\n\r\n", "\r\n"),
                "SIP/2.0 99 Odd\r\n" + SipFixtures.OPTIONS.substring(SipFixtures.OPTIONS.indexOf("\r\n") + 2),
                SipFixtures.OPTIONS.replace("From:", "Fr om:"));
        for (String s : bad) assertEquals(400, assertThrows(SipException.class, () -> parse(s), s).status());
    }

    @Test
    void limits() {
        String many = SipFixtures.OPTIONS.replace("Content-Length", "X: 1\r\n".repeat(70) + "Content-Length");
        assertThrows(SipException.class, () -> parse(many));
        String longLine = SipFixtures.OPTIONS.replace("Content-Length", "X: " + "a".repeat(3000) + "\r\nContent-Length");
        assertThrows(SipException.class, () -> parse(longLine));
        byte[] huge = new byte[SipParser.MAX_MESSAGE + 1];
        assertEquals(513, assertThrows(SipException.class, () -> SipParser.parse(huge)).status());
    }

    @Test
    void salvageFindsWhatA400Needs() {
        byte[] broken = SipFixtures.OPTIONS.replace("SIP/2.0\r\n", "SIP/9\r\n").getBytes(StandardCharsets.UTF_8);
        List<SipMessage.Header> h = SipParser.salvage(broken, 0, broken.length);
        assertEquals(5, h.size());
        assertFalse(SipParser.salvage(new byte[] {1, 2, 3}, 0, 3).size() > 0);
    }

    @Test
    void toStringNamesNoCaller() throws SipException {
        SipMessage m = parse(SipFixtures.invite("z9hG4bK1", "c@h", ""));
        assertFalse(m.toString().contains("4930123456"));
    }
}
