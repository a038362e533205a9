package parley.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One m-line of an offer with the attributes the SFU cares about; unknown attributes are
 * dropped. Lists are in the order the offer wrote them (codecs in m-line order).
 *
 * @param index      0-based position among the offer's m-lines
 * @param lineNumber 1-based line of the m= line in the offer, for messages
 * @param media      the media token as written ("audio", "video", "application", ...)
 * @param kind       the media token as an enum
 * @param port       0..65535; 0 means stopped unless {@code bundleOnly}
 * @param protocol   "UDP/TLS/RTP/SAVPF" for WebRTC media
 * @param formats    the m-line's format list as written (payload types for RTP)
 * @param mid        a=mid, or null if the section has none (only allowed when stopped)
 * @param direction  a=sendrecv/sendonly/recvonly/inactive (the session-level one, or sendrecv, when absent)
 * @param rtcpMux    a=rtcp-mux present
 * @param rtcpRsize  a=rtcp-rsize present (RFC 5506)
 * @param bundleOnly a=bundle-only present (RFC 8843): port 0 but not stopped
 * @param codecs     payload types that have an rtpmap (or a well-known static one), m-line order
 * @param extmaps    header extensions
 * @param rids       a=rid lines
 * @param simulcast  a=simulcast, or null
 * @param ssrcs      a=ssrc sources in order of first mention
 * @param fidGroups  a=ssrc-group:FID pairs
 * @param msid       a=msid value ("streamId trackId"), or null
 * @param iceDtls    ICE/DTLS attributes written in this section (not inherited from the session)
 */
public record MediaSection(int index, int lineNumber, String media, MediaKind kind, int port, String protocol,
                           List<String> formats, String mid, Direction direction, boolean rtcpMux,
                           boolean rtcpRsize, boolean bundleOnly, List<Codec> codecs, List<Extmap> extmaps,
                           List<Rid> rids, Simulcast simulcast, List<Ssrc> ssrcs, List<FidGroup> fidGroups,
                           String msid, IceDtls iceDtls) {
    public MediaSection {
        formats = List.copyOf(formats);
        codecs = List.copyOf(codecs);
        extmaps = List.copyOf(extmaps);
        rids = List.copyOf(rids);
        ssrcs = List.copyOf(ssrcs);
        fidGroups = List.copyOf(fidGroups);
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port " + port + " (expected: 0..65535)");
        if (direction == null || kind == null || iceDtls == null) throw new IllegalArgumentException("null field");
    }

    /**
     * Whether the offerer stopped (or rejected) this m-line: port 0 without a=bundle-only.
     * Firefox offers port 0 with a=bundle-only on every bundled m-line but the first; those
     * are live.
     */
    public boolean stopped() {
        return port == 0 && !bundleOnly;
    }

    /** The codec with this payload type. */
    public Optional<Codec> codec(int payloadType) {
        for (Codec c : codecs) if (c.payloadType() == payloadType) return Optional.of(c);
        return Optional.empty();
    }

    /** The offered id of the header extension {@code uri}, or -1. */
    public int extId(String uri) {
        for (Extmap e : extmaps) if (e.uri().equals(uri)) return e.id();
        return -1;
    }

    /** The rids offered with direction send, in a=simulcast order when there is one. */
    public List<String> sendRids() {
        if (simulcast != null && !simulcast.send().isEmpty()) return simulcast.send();
        List<String> ids = new ArrayList<>();
        for (Rid r : rids) if (r.send()) ids.add(r.id());
        return List.copyOf(ids);
    }
}
