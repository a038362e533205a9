package parley.sip;

/** SIP messages as a trunk sends them, for the tests and the fuzzer's seeds. */
public final class SipFixtures {
    private SipFixtures() {}

    static final String SDP_OFFER = """
            v=0\r
            o=trunk 53655765 2353687637 IN IP4 192.0.2.10\r
            s=-\r
            c=IN IP4 192.0.2.10\r
            t=0 0\r
            m=audio 40000 RTP/AVP 0 8 101\r
            a=rtpmap:0 PCMU/8000\r
            a=rtpmap:8 PCMA/8000\r
            a=rtpmap:101 telephone-event/8000\r
            a=fmtp:101 0-16\r
            a=ptime:20\r
            a=sendrecv\r
            """;

    static String invite(String branch, String callId, String body) {
        return "INVITE sip:12345678@parley.example.org SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=" + branch + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: \"Alice\" <sip:+4930123456@192.0.2.10>;tag=a73kszlfl\r\n"
                + "To: <sip:12345678@parley.example.org>\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: 1 INVITE\r\n"
                + "Contact: <sip:+4930123456@192.0.2.10:5060>\r\n"
                + "Content-Type: application/sdp\r\n"
                + "Content-Length: " + body.length() + "\r\n\r\n" + body;
    }

    static String inDialog(String method, String branch, String callId, long cseq, String toTag, String ctype, String body) {
        return method + " sip:parley@198.51.100.1:5060 SIP/2.0\r\n"
                + "v: SIP/2.0/UDP 192.0.2.10:5060;branch=" + branch + "\r\n"
                + "f: \"Alice\" <sip:+4930123456@192.0.2.10>;tag=a73kszlfl\r\n"
                + "t: <sip:12345678@parley.example.org>;tag=" + toTag + "\r\n"
                + "i: " + callId + "\r\n"
                + "CSeq: " + cseq + " " + method + "\r\n"
                + (ctype == null ? "" : "c: " + ctype + "\r\n")
                + "l: " + body.length() + "\r\n\r\n" + body;
    }

    static final String OPTIONS = "OPTIONS sip:parley.example.org SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bKopt1\r\n"
            + "From: <sip:ping@192.0.2.10>;tag=p1\r\n"
            + "To: <sip:parley.example.org>\r\n"
            + "Call-ID: opt-1@192.0.2.10\r\n"
            + "CSeq: 7 OPTIONS\r\n"
            + "Content-Length: 0\r\n\r\n";
}
