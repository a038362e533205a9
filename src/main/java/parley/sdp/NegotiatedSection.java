package parley.sdp;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the SFU needs of one accepted m-line. Payload types and extension ids are the client's
 * numbers (the answer keeps them), so the SFU rewrites packets it forwards to them.
 *
 * @param mid           the m-line's mid
 * @param kind          AUDIO or VIDEO
 * @param direction     the server's direction: RECVONLY (the client sends), SENDONLY or INACTIVE
 * @param payloadType   Opus or VP8 payload type
 * @param clockRateHz   48000 or 90000
 * @param rtxPayloadType RTX payload type, -1 when RTX was not negotiated
 * @param extensionIds  header extension id by URI (see {@link ExtensionUris})
 * @param rids          simulcast rids the client sends, in its order; empty without simulcast
 * @param clientSsrcs   SSRCs the client announced for what it sends (empty when it sends none, and
 *                      possibly empty with rids: the SFU then learns them from the rid extension)
 * @param feedback      RTCP feedback negotiated for the primary codec
 * @param rtcpRsize     whether reduced-size RTCP (RFC 5506) was negotiated
 */
public record NegotiatedSection(String mid, MediaKind kind, Direction direction, int payloadType, int clockRateHz,
                                int rtxPayloadType, Map<String, Integer> extensionIds, List<String> rids,
                                List<SsrcPair> clientSsrcs, Feedback feedback, boolean rtcpRsize) {
    public NegotiatedSection {
        extensionIds = Map.copyOf(extensionIds);
        rids = List.copyOf(rids);
        clientSsrcs = List.copyOf(clientSsrcs);
    }

    /** The negotiated id of the header extension {@code uri}, or -1 if it was not negotiated. */
    public int extId(String uri) {
        return extensionIds.getOrDefault(uri, -1);
    }

    public boolean hasRtx() {
        return rtxPayloadType >= 0;
    }

    /** The negotiated parameters of {@code answer}, which answers {@code offered}. */
    static NegotiatedSection of(MediaSection offered, AnswerSection.Accepted answer) {
        Codec primary = answer.codecs().get(0);
        int rtx = answer.codecs().size() > 1 ? answer.codecs().get(1).payloadType() : -1;
        Map<String, Integer> ids = new LinkedHashMap<>();
        for (Extmap e : answer.extmaps()) ids.put(e.uri(), e.id());
        List<SsrcPair> ssrcs = answer.direction() == Direction.RECVONLY ? clientSsrcs(offered) : List.of();
        return new NegotiatedSection(answer.mid(), offered.kind(), answer.direction(), primary.payloadType(),
                primary.clockRateHz(), rtx, ids, answer.recvRids(), ssrcs, Feedback.of(primary), answer.rtcpRsize());
    }

    /** FID pairs first-mentioned order, then the SSRCs in no FID group. */
    private static List<SsrcPair> clientSsrcs(MediaSection offered) {
        Set<Long> rtx = new HashSet<>();
        Map<Long, Long> rtxOf = new LinkedHashMap<>();
        for (FidGroup g : offered.fidGroups()) {
            rtx.add(g.rtxSsrc());
            rtxOf.putIfAbsent(g.primarySsrc(), g.rtxSsrc());
        }
        List<SsrcPair> pairs = new ArrayList<>();
        for (Ssrc s : offered.ssrcs()) {
            if (!rtx.contains(s.ssrc())) pairs.add(new SsrcPair(s.ssrc(), rtxOf.getOrDefault(s.ssrc(), -1L)));
        }
        return pairs;
    }
}
