package parley.sfu;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import parley.media.dtls.DtlsException;
import parley.media.ice.IceCredentials;
import parley.media.transport.Transport;
import parley.sdp.Direction;
import parley.sdp.ExtensionUris;
import parley.sdp.MediaKind;
import parley.sdp.MediaSection;
import parley.sdp.MidDecision;
import parley.sdp.NegotiatedSection;
import parley.sdp.SdpAnswer;
import parley.sdp.SdpException;
import parley.sdp.SdpNegotiation;
import parley.sdp.SdpOffer;
import parley.sdp.SendStream;
import parley.sdp.ServerInfo;
import parley.sdp.SsrcPair;

/**
 * Applies one client offer to a peer: creates its transport on the first offer, decides
 * what every m-line carries (the client's own tracks, or another participant's track),
 * writes the answer, then creates, keeps or removes producers and consumers to match.
 * Loop thread only.
 */
public final class Negotiation {
    private Negotiation() {}

    /** A track the peer publishes after this negotiation. */
    public record Published(String trackId, String kind, String source) {}

    public record Result(String answerSdp, List<Published> published) {
        public Result {
            published = List.copyOf(published);
        }
    }

    /** An offer that cannot be applied; the message is safe to send to the client. */
    public static final class NegotiationException extends Exception {
        public NegotiationException(String message) {
            super(message);
        }
    }

    /** SSRCs reserved for a recv mid before the answer is written. */
    private record Planned(Producer producer, long ssrc, long rtxSsrc) {}

    public static Result apply(SfuPeer peer, SdpOffer offer, Map<String, String> sendSources,
            Map<String, String> recvTracks, ServerIdentity id) throws NegotiationException {
        for (String mid : concat(sendSources, recvTracks)) {
            if (offer.section(mid).isEmpty()) throw new NegotiationException("offer has no mid '" + mid + "'");
        }
        IceCredentials local = ensureTransport(peer, offer, id);
        Map<String, MidDecision> decisions = new LinkedHashMap<>();
        Map<String, Planned> planned = new HashMap<>();
        for (MediaSection m : offer.liveSections()) {
            String mid = m.mid();
            if (sendSources.containsKey(mid)) {
                decisions.put(mid, MidDecision.fromClient());
            } else if (recvTracks.containsKey(mid)) {
                Planned p = plan(peer, mid, recvTracks.get(mid));
                if (p == null) {
                    decisions.put(mid, MidDecision.inactive());
                } else {
                    planned.put(mid, p);
                    decisions.put(mid, MidDecision.toClient(new SendStream(p.ssrc(), p.rtxSsrc(),
                            p.producer().owner.cnameString(), p.producer().owner.id, p.producer().id)));
                }
            } else {
                decisions.put(mid, MidDecision.reject());
            }
        }
        SdpAnswer answer;
        try {
            answer = SdpNegotiation.answer(offer, serverInfo(peer, local, id), decisions);
        } catch (SdpException e) {
            throw new NegotiationException(e.getMessage());
        }
        applyProducers(peer, answer, sendSources);
        applyConsumers(peer, answer, planned);
        List<Published> published = new ArrayList<>();
        for (Producer p : peer.producersByMid.values()) published.add(new Published(p.id, p.kind(), p.source));
        return new Result(answer.sdp(), published);
    }

    private static List<String> concat(Map<String, String> a, Map<String, String> b) {
        List<String> all = new ArrayList<>(a.keySet());
        all.addAll(b.keySet());
        return all;
    }

    private static IceCredentials ensureTransport(SfuPeer peer, SdpOffer offer, ServerIdentity id)
            throws NegotiationException {
        if (peer.hasTransport()) {
            if (!peer.remoteUfrag.equals(offer.iceUfrag())) {
                throw new NegotiationException("ICE restart is not supported (expected: the same ice-ufrag; rejoin instead)");
            }
            return peer.transport().localCredentials();
        }
        IceCredentials local = id.newIceCredentials();
        Transport t;
        try {
            t = new Transport(peer.router.loop, local, offer.iceUfrag(), offer.icePwd(), id.certificate(),
                    offer.fingerprint().algorithm(), offer.fingerprint().hex(), peer);
        } catch (DtlsException | IllegalArgumentException e) {
            throw new NegotiationException("offer not usable: " + e.getMessage());
        }
        peer.remoteUfrag = offer.iceUfrag();
        peer.attach(t);
        return local;
    }

    private static ServerInfo serverInfo(SfuPeer peer, IceCredentials local, ServerIdentity id) {
        return new ServerInfo(local.ufrag(), local.pwd(), id.certificate().fingerprintSha256(), id.addresses(),
                id.port(), peer.localSsrc, ++peer.answerVersion);
    }

    /** Keeps the SSRCs of an existing consumer of the same track, so a renegotiation changes nothing. */
    private static Planned plan(SfuPeer peer, String mid, String trackId) {
        Producer prod = peer.router.producers.get(trackId);
        if (prod == null || prod.owner == peer) return null;
        Consumer c = peer.consumersByMid.get(mid);
        if (c != null && c.producer == prod) return new Planned(prod, c.ssrc, c.rtxSsrc >= 0 ? c.rtxSsrc : peer.router.newSsrc());
        return new Planned(prod, peer.router.newSsrc(), peer.router.newSsrc());
    }

    private static void applyProducers(SfuPeer peer, SdpAnswer answer, Map<String, String> sendSources) {
        Map<String, NegotiatedSection> sending = new LinkedHashMap<>();
        for (NegotiatedSection n : answer.sections()) {
            if (n.direction() != Direction.SENDONLY && sendSources.containsKey(n.mid())) sending.put(n.mid(), n);
        }
        for (Producer p : peer.producers()) {
            if (!sending.containsKey(p.mid)) peer.router.removeProducer(p);
        }
        for (NegotiatedSection n : sending.values()) {
            adoptExtensionIds(peer, n);
            boolean video = n.kind() == MediaKind.VIDEO;
            String source = sendSources.get(n.mid());
            Producer p = peer.producersByMid.get(n.mid());
            if (p != null && (p.video != video || !p.source.equals(source) || !p.rids.equals(n.rids()))) {
                peer.router.removeProducer(p);
                p = null;
            }
            if (p == null) {
                p = new Producer(peer.router.newTrackId(), peer, n.mid(), video, source, n.payloadType(),
                        n.rtxPayloadType(), n.rids());
                peer.producersByMid.put(n.mid(), p);
                peer.router.addProducer(p);
                bindAnnouncedSsrcs(peer, p, n);
            } else {
                p.payloadType = n.payloadType();
                p.rtxPayloadType = n.rtxPayloadType();
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

    /** In a BUNDLE group an extension has one id for all m-lines, so the peer keeps one set. */
    private static void adoptExtensionIds(SfuPeer peer, NegotiatedSection n) {
        peer.midExtId = pick(peer.midExtId, n.extId(ExtensionUris.MID));
        peer.ridExtId = pick(peer.ridExtId, n.extId(ExtensionUris.RTP_STREAM_ID));
        peer.repairedRidExtId = pick(peer.repairedRidExtId, n.extId(ExtensionUris.REPAIRED_RTP_STREAM_ID));
        peer.audioLevelExtId = pick(peer.audioLevelExtId, n.extId(ExtensionUris.AUDIO_LEVEL));
        peer.twccExtId = pick(peer.twccExtId, n.extId(ExtensionUris.TRANSPORT_CC));
    }

    private static int pick(int current, int offered) {
        return offered > 0 ? offered : current;
    }

    private static void applyConsumers(SfuPeer peer, SdpAnswer answer, Map<String, Planned> planned) {
        Map<String, NegotiatedSection> receiving = new HashMap<>();
        for (NegotiatedSection n : answer.sections()) {
            if (n.direction() == Direction.SENDONLY && planned.containsKey(n.mid())) receiving.put(n.mid(), n);
        }
        for (Consumer c : new ArrayList<>(peer.consumersByMid.values())) {
            Planned p = planned.get(c.mid);
            if (!receiving.containsKey(c.mid) || p == null || p.producer() != c.producer) peer.dropConsumer(c);
        }
        long nowMs = peer.router.loop.nowMs();
        for (NegotiatedSection n : receiving.values()) {
            if (peer.consumersByMid.containsKey(n.mid())) continue;
            Planned p = planned.get(n.mid());
            long rtx = n.hasRtx() ? p.rtxSsrc() : -1;
            Consumer c = new Consumer(p.producer(), peer, n.mid(), p.ssrc(), rtx, n.payloadType(), n.rtxPayloadType(),
                    Math.max(0, n.extId(ExtensionUris.MID)),
                    p.producer().video ? 0 : Math.max(0, n.extId(ExtensionUris.AUDIO_LEVEL)));
            peer.consumersByMid.put(n.mid(), c);
            peer.consumersBySsrc.put(c.ssrc, c);
            if (rtx >= 0) peer.consumersBySsrc.put(rtx, c);
            p.producer().consumers.add(c);
            if (peer.isConnected()) c.chooseLayer(nowMs);
        }
    }
}
