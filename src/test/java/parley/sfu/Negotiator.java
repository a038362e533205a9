package parley.sfu;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import parley.media.transport.MediaLoop;
import parley.sdp.SdpOffer;

/**
 * Test fixture: negotiates offers for the peers of one router the way the app does (prepared
 * off the loop, applied on it), one {@link Negotiation} per peer; and a router listener that
 * records what the router reports.
 */
final class Negotiator {
    private final MediaLoop loop;
    private final ServerIdentity identity;
    private final Map<SfuPeer, Negotiation> byPeer = new HashMap<>();
    final List<String> events = new CopyOnWriteArrayList<>();
    final RouterListener listener = new RouterListener() {
        @Override
        public void onActiveSpeaker(String peerId) {
            events.add("speaker " + peerId);
        }

        @Override
        public void onPeerFailed(String peerId, String reason) {
            events.add("failed " + peerId);
        }

        @Override
        public void onForwarding(String peerId, List<SlotState> slots) {
            events.add("forwarding " + peerId + " " + slots.stream()
                    .map(s -> s.mid() + "=" + s.trackId()).toList());
        }

        @Override
        public void onSendLayers(String peerId, String mid, List<String> activeRids) {
            events.add("send-layers " + peerId + " " + mid + " " + activeRids);
        }
    };

    Negotiator(MediaLoop loop, ServerIdentity identity) {
        this.loop = loop;
        this.identity = identity;
    }

    /** Prepares on this thread and applies on the loop; {@code recv} maps slot mids to "audio" or "video". */
    Negotiation.Result negotiate(SfuPeer peer, SdpOffer offer, Map<String, String> send, Map<String, String> recv)
            throws Exception {
        Negotiation n = byPeer.computeIfAbsent(peer, p -> new Negotiation(p, loop, identity, 1234));
        Negotiation.Plan plan = n.prepare(offer, send, recv);
        return loop.call(plan::apply);
    }
}
