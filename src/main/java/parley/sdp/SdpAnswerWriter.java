package parley.sdp;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the server's answer: ICE-lite, everything bundled on the one UDP port, DTLS passive,
 * CRLF line endings. Each accepted m-line carries the full transport description and the
 * host candidates (browsers and aiortc accept them on every bundled m-line): UDP ones, then
 * passive TCP ones (RFC 6544) of lower priority, so that a browser uses TCP only when UDP fails.
 * Stateless and thread-safe.
 *
 * <pre>
 * v=0
 * o=- 4611731400430051336 2 IN IP4 0.0.0.0
 * s=-
 * t=0 0
 * a=ice-lite
 * a=group:BUNDLE 0 1
 * a=msid-semantic: WMS *
 * m=audio 9 UDP/TLS/RTP/SAVPF 111
 * c=IN IP4 0.0.0.0
 * a=rtcp:9 IN IP4 0.0.0.0
 * a=ice-ufrag:... a=ice-pwd:... a=fingerprint:sha-256 ... a=setup:passive
 * a=mid:0
 * a=recvonly
 * a=rtcp-mux
 * a=rtpmap:111 opus/48000/2 ...
 * a=candidate:1 1 udp 2130706431 203.0.113.7 10000 typ host
 * a=candidate:2 1 tcp 2124414975 203.0.113.7 10000 typ host tcptype passive
 * a=end-of-candidates
 * </pre>
 */
public final class SdpAnswerWriter {
    private static final String CRLF = "\r\n";
    /** RFC 8445 section 5.1.2.1: type preference of host candidates. */
    private static final long HOST_TYPE_PREFERENCE = 126;
    private static final int RTP_COMPONENT = 1;
    /**
     * RFC 6544 section 4.2: a TCP candidate's local preference is 2^13 times its direction
     * preference (passive host: 4) plus an other-preference below 2^13, so it always stays below
     * a UDP candidate's (65535 down): browsers order UDP pairs first.
     */
    private static final long TCP_PASSIVE_DIRECTION = 4L << 13;
    private static final long TCP_OTHER_PREFERENCE = (1L << 13) - 1;

    private SdpAnswerWriter() {}

    /** The answer to an offer whose m-lines {@code sections} answer one for one, in order. */
    public static String write(ServerInfo server, List<AnswerSection> sections) {
        StringBuilder sdp = new StringBuilder(1024 + 1536 * sections.size());
        line(sdp, "v=0");
        line(sdp, "o=- " + server.sessionId() + " " + server.sessionVersion() + " IN IP4 0.0.0.0");
        line(sdp, "s=-");
        line(sdp, "t=0 0");
        line(sdp, "a=ice-lite");
        List<String> bundle = new ArrayList<>();
        for (AnswerSection s : sections) {
            if (s instanceof AnswerSection.Accepted a) bundle.add(a.mid());
        }
        // A rejected mid must not be in the group (Chrome refuses the answer).
        if (!bundle.isEmpty()) line(sdp, "a=group:BUNDLE " + String.join(" ", bundle));
        line(sdp, "a=msid-semantic: WMS *");
        for (AnswerSection s : sections) {
            switch (s) {
                case AnswerSection.Accepted a -> accepted(sdp, server, a);
                case AnswerSection.Rejected r -> rejected(sdp, server, r);
            }
        }
        return sdp.toString();
    }

    /**
     * Port 0 and the offered first format, like Firefox's own rejections. The ICE/DTLS lines,
     * rtcp-mux and the rtpmap are there for aiortc 1.4.0, which checks them on every m-line.
     */
    private static void rejected(StringBuilder sdp, ServerInfo server, AnswerSection.Rejected r) {
        line(sdp, "m=" + r.media() + " 0 " + r.protocol() + " " + r.format());
        line(sdp, "c=IN IP4 0.0.0.0");
        iceDtls(sdp, server);
        if (r.mid() != null) line(sdp, "a=mid:" + r.mid());
        line(sdp, "a=inactive");
        if (r.protocol().contains("RTP/")) line(sdp, "a=rtcp-mux");
        if (r.formatCodec() != null) line(sdp, "a=rtpmap:" + r.format() + " " + r.formatCodec().rtpmap());
    }

    private static void iceDtls(StringBuilder sdp, ServerInfo server) {
        line(sdp, "a=ice-ufrag:" + server.iceUfrag());
        line(sdp, "a=ice-pwd:" + server.icePwd());
        line(sdp, "a=fingerprint:" + server.fingerprint());
        line(sdp, "a=setup:passive");
    }

    private static void accepted(StringBuilder sdp, ServerInfo server, AnswerSection.Accepted a) {
        StringBuilder pts = new StringBuilder();
        for (Codec c : a.codecs()) pts.append(' ').append(c.payloadType());
        line(sdp, "m=" + a.media() + " 9 " + a.protocol() + pts);
        line(sdp, "c=IN IP4 0.0.0.0");
        line(sdp, "a=rtcp:9 IN IP4 0.0.0.0");
        iceDtls(sdp, server);
        line(sdp, "a=mid:" + a.mid());
        line(sdp, "a=" + a.direction().sdpName());
        if (a.send() != null) line(sdp, "a=msid:" + a.send().msid());
        line(sdp, "a=rtcp-mux");
        if (a.rtcpRsize()) line(sdp, "a=rtcp-rsize");
        for (Codec c : a.codecs()) codec(sdp, c);
        for (Extmap e : a.extmaps()) line(sdp, "a=extmap:" + e);
        simulcast(sdp, a.recvRids());
        if (a.send() != null) ssrcs(sdp, a.send(), a.codecs().size() > 1);
        candidates(sdp, server);
    }

    private static void codec(StringBuilder sdp, Codec c) {
        line(sdp, "a=rtpmap:" + c.payloadType() + " " + c.rtpmap());
        for (String f : c.feedback()) line(sdp, "a=rtcp-fb:" + c.payloadType() + " " + f);
        if (!c.fmtp().isEmpty()) line(sdp, "a=fmtp:" + c.payloadType() + " " + c.fmtp());
    }

    private static void simulcast(StringBuilder sdp, List<String> rids) {
        if (rids.isEmpty()) return;
        for (String rid : rids) line(sdp, "a=rid:" + rid + " recv");
        line(sdp, "a=simulcast:recv " + String.join(";", rids));
    }

    /** a=ssrc lines for parsers that do not use a=msid or the mid extension (older Firefox demux). */
    private static void ssrcs(StringBuilder sdp, SendStream s, boolean rtxNegotiated) {
        boolean rtx = rtxNegotiated && s.hasRtx();
        if (rtx) line(sdp, "a=ssrc-group:FID " + s.ssrc() + " " + s.rtxSsrc());
        line(sdp, "a=ssrc:" + s.ssrc() + " cname:" + s.cname());
        line(sdp, "a=ssrc:" + s.ssrc() + " msid:" + s.msid());
        if (rtx) {
            line(sdp, "a=ssrc:" + s.rtxSsrc() + " cname:" + s.cname());
            line(sdp, "a=ssrc:" + s.rtxSsrc() + " msid:" + s.msid());
        }
    }

    private static void candidates(StringBuilder sdp, ServerInfo server) {
        List<InetAddress> addresses = server.addresses();
        int n = addresses.size();
        for (int i = 0; i < n; i++) {
            // RFC 8445 section 5.1.2.1; local preference falls with each address so the first is preferred.
            line(sdp, "a=candidate:" + (i + 1) + " " + RTP_COMPONENT + " udp " + priority(65535L - i) + " "
                    + address(addresses.get(i)) + " " + server.udpPort() + " typ host");
        }
        if (server.tcpPort() > 0) {
            for (int i = 0; i < n; i++) {
                // Another transport protocol, so another foundation (RFC 8445 section 5.1.1.3).
                line(sdp, "a=candidate:" + (n + i + 1) + " " + RTP_COMPONENT + " tcp "
                        + priority(TCP_PASSIVE_DIRECTION + TCP_OTHER_PREFERENCE - i) + " "
                        + address(addresses.get(i)) + " " + server.tcpPort() + " typ host tcptype passive");
            }
        }
        line(sdp, "a=end-of-candidates");
    }

    private static long priority(long localPreference) {
        return (HOST_TYPE_PREFERENCE << 24) + (localPreference << 8) + (256 - RTP_COMPONENT);
    }

    /** The literal address; IPv6 in RFC 5952 form ("2001:db8::7"), without a scope. */
    static String address(InetAddress a) {
        if (!(a instanceof Inet6Address)) return a.getHostAddress();
        byte[] b = a.getAddress();
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        int bestStart = -1;
        int bestLength = 1; // RFC 5952 section 4.2.2: a single zero group is not shortened
        for (int i = 0; i < 8; i++) {
            int length = 0;
            while (i + length < 8 && groups[i + length] == 0) length++;
            if (length > bestLength) {
                bestStart = i;
                bestLength = length;
            }
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') text.append(':');
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }

    private static void line(StringBuilder sdp, String line) {
        sdp.append(line).append(CRLF);
    }
}
