package parley.sip;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * What Parley remembers of an accepted INVITE to send its own requests in the dialog (BYE):
 * the trunk's From (their URI and tag) and our To (with our tag), the Call-ID, the trunk's
 * Contact (the request URI), the address the INVITE came from (where requests go) and whether it
 * came over TCP (then requests go on that connection).
 */
record Dialog(String callId, String from, String to, String contactUri, InetSocketAddress peer, String localHost, boolean tcp) {

    static String contactUri(String contact, String fallback) {
        if (contact == null) return fallback;
        int lt = contact.indexOf('<'), gt = contact.indexOf('>');
        String uri = lt >= 0 && gt > lt ? contact.substring(lt + 1, gt) : contact.split(";")[0].strip();
        return uri.startsWith("sip:") || uri.startsWith("sips:") ? uri : fallback;
    }

    /** Our BYE, with a fresh branch and the given CSeq. */
    SipMessage bye(String branch, long cseq) {
        return SipMessage.request("BYE", contactUri, List.of(
                new SipMessage.Header("Via", (tcp ? "SIP/2.0/TCP " : "SIP/2.0/UDP ") + localHost + ";branch=" + branch),
                new SipMessage.Header("Max-Forwards", "70"),
                new SipMessage.Header("From", to),
                new SipMessage.Header("To", from),
                new SipMessage.Header("Call-ID", callId),
                new SipMessage.Header("CSeq", cseq + " BYE")), null);
    }
}
