package parley.sfu;

import java.util.LinkedHashMap;
import java.util.Map;
import parley.sdp.Direction;
import parley.sdp.MediaKind;
import parley.sdp.NegotiatedSection;
import parley.sdp.SdpAnswer;
import parley.sdp.SsrcPair;

/** Creates, keeps or removes a peer's producers to match an answer. Loop thread only. */
final class Producers {
    private Producers() {}

    static void apply(SfuPeer peer, SdpAnswer answer, Map<String, String> sendSources) {
        Map<String, NegotiatedSection> sending = new LinkedHashMap<>();
        for (NegotiatedSection n : answer.sections()) {
            if (n.direction() != Direction.SENDONLY && sendSources.containsKey(n.mid())) sending.put(n.mid(), n);
        }
        for (Producer p : peer.producers()) {
            if (!sending.containsKey(p.mid())) peer.router().removeProducer(p);
        }
        for (NegotiatedSection n : sending.values()) {
            peer.extensions().adopt(n);
            boolean video = n.kind() == MediaKind.VIDEO;
            String source = sendSources.get(n.mid());
            Producer p = peer.producersByMid().get(n.mid());
            if (p != null && (p.video() != video || !p.source().equals(source) || !p.rids().equals(n.rids()))) {
                peer.router().removeProducer(p);
                p = null;
            }
            if (p == null) {
                p = new Producer(peer.router().newTrackId(), peer, n.mid(), video, source, n.payloadType(),
                        n.rtxPayloadType(), n.rids());
                peer.producersByMid().put(n.mid(), p);
                peer.router().addProducer(p);
                bindAnnouncedSsrcs(peer, p, n);
                if (!video && peer.extensions().audioLevel() == 0) peer.counters().audioWithoutLevels.increment();
            } else {
                p.payloadType(n.payloadType());
                p.rtxPayloadType(n.rtxPayloadType());
            }
        }
    }

    /** Without simulcast rids, a=ssrc lines tell the SSRCs up front (Firefox, aiortc). */
    private static void bindAnnouncedSsrcs(SfuPeer peer, Producer p, NegotiatedSection n) {
        if (!n.rids().isEmpty() || n.clientSsrcs().isEmpty()) return;
        SsrcPair pair = n.clientSsrcs().get(0);
        peer.bindSsrc(p, 0, pair.ssrc(), false);
        if (pair.hasRtx()) peer.bindSsrc(p, 0, pair.rtxSsrc(), true);
    }
}
