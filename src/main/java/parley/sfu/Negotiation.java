package parley.sfu;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import parley.media.dtls.DtlsException;
import parley.media.ice.IceCredentials;
import parley.media.transport.MediaLoop;
import parley.media.transport.Transport;
import parley.sdp.Direction;
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

/**
 * Applies client offers to one peer in two steps, so that the media loop only forwards:
 * {@link #prepare} runs on the caller's thread (it decides every m-line, writes the answer and
 * creates the transport on the first offer), and {@link Plan#apply} runs on the loop and only
 * swaps in producers and receive slots. The answer depends on the peer's own slots alone, never
 * on the rest of the room, so nothing the loop does meanwhile can make it wrong.
 * <p>
 * Not thread-safe: one instance per peer, used by one negotiation at a time (the signaling
 * layer sends the next offer only after the previous answer).
 */
public final class Negotiation {
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

    /** The SSRCs of one receive slot; kept across offers while the mid stays a slot of that kind. */
    private record SlotSsrcs(boolean video, long ssrc, long rtxSsrc) {}

    private final SfuPeer peer;
    private final MediaLoop loop;
    private final ServerIdentity id;
    private final SplittableRandom random;
    private final Map<String, SlotSsrcs> slots = new HashMap<>();
    private IceCredentials local;
    private String remoteUfrag;
    private long answerVersion;

    public Negotiation(SfuPeer peer, MediaLoop loop, ServerIdentity id, long seed) {
        this.peer = peer;
        this.loop = loop;
        this.id = id;
        this.random = new SplittableRandom(seed);
    }

    /**
     * Decides every m-line and writes the answer, off the loop.
     *
     * @param sendSources mid → source ("mic", "camera", "screen") of the client's own tracks
     * @param recvKinds   mid → "audio" or "video": the client's receive slots
     */
    public Plan prepare(SdpOffer offer, Map<String, String> sendSources, Map<String, String> recvKinds)
            throws NegotiationException {
        for (String mid : concat(sendSources, recvKinds)) {
            if (offer.section(mid).isEmpty()) throw new NegotiationException("offer has no mid '" + mid + "'");
        }
        for (var e : recvKinds.entrySet()) {
            MediaKind kind = offer.section(e.getKey()).orElseThrow().kind();
            if (!e.getValue().equals(kind == MediaKind.VIDEO ? "video" : "audio")) {
                throw new NegotiationException("recv mid '" + e.getKey() + "' is a " + e.getValue()
                        + " slot on an m-line of another kind (expected: the m-line's kind)");
            }
        }
        Transport created = ensureTransport(offer);
        Map<String, MidDecision> decisions = new LinkedHashMap<>();
        Map<String, SlotSsrcs> planned = new HashMap<>();
        for (MediaSection m : offer.liveSections()) {
            String mid = m.mid();
            if (sendSources.containsKey(mid)) {
                decisions.put(mid, MidDecision.fromClient());
            } else if (recvKinds.containsKey(mid)) {
                SlotSsrcs s = slotSsrcs(mid, m.kind() == MediaKind.VIDEO);
                planned.put(mid, s);
                decisions.put(mid, MidDecision.toClient(new SendStream(s.ssrc(), s.rtxSsrc(), peer.cnameString(),
                        "parley", "slot-" + mid)));
            } else {
                decisions.put(mid, MidDecision.reject());
            }
        }
        SdpAnswer answer;
        try {
            answer = SdpNegotiation.answer(offer, new ServerInfo(local.ufrag(), local.pwd(),
                    id.certificate().fingerprintSha256(), id.addresses(), id.port(), id.tcpPort(), peer.localSsrc(), ++answerVersion),
                    decisions);
        } catch (SdpException e) {
            throw new NegotiationException(e.getMessage());
        }
        slots.keySet().retainAll(planned.keySet());
        slots.putAll(planned);
        return new Plan(peer, answer, Map.copyOf(sendSources), Map.copyOf(planned), List.copyOf(recvKinds.keySet()),
                created);
    }

    private SlotSsrcs slotSsrcs(String mid, boolean video) {
        SlotSsrcs s = slots.get(mid);
        if (s != null && s.video() == video) return s;
        long ssrc = random.nextLong(1, 0xffffffffL);
        long rtx = video ? random.nextLong(1, 0xffffffffL) : -1;
        return new SlotSsrcs(video, ssrc, rtx == ssrc ? ssrc ^ 1 : rtx);
    }

    private static List<String> concat(Map<String, String> a, Map<String, String> b) {
        List<String> all = new ArrayList<>(a.keySet());
        all.addAll(b.keySet());
        return all;
    }

    /** The transport on the first offer (returned, for the loop to register), else null after checking the ufrag. */
    private Transport ensureTransport(SdpOffer offer) throws NegotiationException {
        if (local != null) {
            if (!remoteUfrag.equals(offer.iceUfrag())) {
                throw new NegotiationException("ICE restart is not supported (expected: the same ice-ufrag; rejoin instead)");
            }
            return null;
        }
        IceCredentials creds = id.newIceCredentials();
        Transport t;
        try {
            t = Transport.prepare(loop, creds, offer.iceUfrag(), offer.icePwd(), id.certificate(),
                    offer.fingerprint().algorithm(), offer.fingerprint().hex(), peer);
        } catch (DtlsException | IllegalArgumentException e) {
            throw new NegotiationException("offer not usable: " + e.getMessage());
        }
        local = creds;
        remoteUfrag = offer.iceUfrag();
        return t;
    }

    /** A finished negotiation, to be swapped in on the loop. */
    public static final class Plan {
        private final SfuPeer peer;
        private final SdpAnswer answer;
        private final Map<String, String> sendSources;
        private final Map<String, SlotSsrcs> slots;
        /** The slots' mids in the client's recv order (forwarding messages list them so). */
        private final List<String> recvOrder;
        private final Transport transport;

        private Plan(SfuPeer peer, SdpAnswer answer, Map<String, String> sendSources, Map<String, SlotSsrcs> slots,
                List<String> recvOrder, Transport transport) {
            this.peer = peer;
            this.answer = answer;
            this.sendSources = sendSources;
            this.slots = slots;
            this.recvOrder = recvOrder;
            this.transport = transport;
        }

        /** Loop thread: attaches the transport, then producers and slots to match the answer. */
        public Result apply() throws NegotiationException {
            if (peer.isClosed()) throw new NegotiationException("the media peer is closed");
            if (transport != null) {
                transport.register();
                peer.attach(new TransportLink(transport));
            }
            Producers.apply(peer, answer, sendSources);
            applySlots();
            List<Published> published = new ArrayList<>();
            for (Producer p : peer.producersByMid().values()) published.add(new Published(p.id(), p.kind(), p.source()));
            return new Result(answer.sdp(), published);
        }

        private void applySlots() {
            Map<String, NegotiatedSection> sending = new HashMap<>();
            for (NegotiatedSection n : answer.sections()) {
                if (n.direction() == Direction.SENDONLY && slots.containsKey(n.mid())) sending.put(n.mid(), n);
            }
            for (Consumer c : new ArrayList<>(peer.consumersByMid().values())) {
                SlotSsrcs s = slots.get(c.mid());
                if (!sending.containsKey(c.mid()) || s == null || s.ssrc() != c.ssrc()) peer.dropConsumer(c);
            }
            for (NegotiatedSection n : answer.sections()) {
                if (!sending.containsKey(n.mid()) || peer.consumersByMid().containsKey(n.mid())) continue;
                SlotSsrcs s = slots.get(n.mid());
                peer.addConsumer(new Consumer(peer, n.mid(), s.video(), s.ssrc(), n.hasRtx() ? s.rtxSsrc() : -1,
                        n.payloadType(), n.rtxPayloadType(), Math.max(0, n.extId(parley.sdp.ExtensionUris.MID)),
                        s.video() ? 0 : Math.max(0, n.extId(parley.sdp.ExtensionUris.AUDIO_LEVEL)),
                        Math.max(0, n.extId(parley.sdp.ExtensionUris.TRANSPORT_CC))));
            }
            peer.slotOrder = List.copyOf(slots.keySet().stream().sorted(
                    java.util.Comparator.comparingInt(recvOrder::indexOf)).toList());
            peer.slotChanged(); // a forwarding message follows every answer...
            peer.holdForwarding(true); // ...but only once the answer is out (answerDelivered)
        }
    }
}
