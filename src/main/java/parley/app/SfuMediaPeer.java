package parley.app;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import parley.room.MediaException;
import parley.room.MediaPeer;
import parley.room.TrackSource;
import parley.sdp.SdpException;
import parley.sdp.SdpOffer;
import parley.sdp.SdpParser;
import parley.sfu.Negotiation;
import parley.sfu.Router;
import parley.sfu.ServerIdentity;
import parley.sfu.SfuPeer;

/** One participant's media, thread-safe: parses SDP on the caller's thread, applies it on the loop. */
final class SfuMediaPeer implements MediaPeer {
    private final Router router;
    private final SfuPeer peer;
    private final ServerIdentity identity;

    SfuMediaPeer(Router router, SfuPeer peer, ServerIdentity identity) {
        this.router = router;
        this.peer = peer;
        this.identity = identity;
    }

    @Override
    public Answer negotiate(String offerSdp, List<SendTrack> send, List<RecvTrack> recv) throws MediaException {
        SdpOffer offer;
        try {
            offer = SdpParser.parseOffer(offerSdp);
        } catch (SdpException e) {
            throw new MediaException("bad SDP offer: " + e.getMessage(), e);
        }
        Map<String, String> sendSources = new LinkedHashMap<>();
        for (SendTrack s : send) sendSources.put(s.mid(), s.source().wireName());
        Map<String, String> recvTracks = new LinkedHashMap<>();
        for (RecvTrack r : recv) recvTracks.put(r.mid(), r.trackId());
        Negotiation.Result result;
        try {
            result = router.loop().call(() -> Negotiation.apply(peer, offer, sendSources, recvTracks, identity));
        } catch (Negotiation.NegotiationException e) {
            throw new MediaException(e.getMessage(), e);
        } catch (Exception e) {
            throw new MediaException("media negotiation failed", e);
        }
        return new Answer(result.answerSdp(), result.published().stream()
                .map(p -> new PublishedTrack(p.trackId(), p.kind(), TrackSource.fromWire(p.source())))
                .toList());
    }

    @Override
    public void setPaused(String trackId, boolean paused) {
        router.loop().execute(() -> router.setPaused(trackId, paused));
    }

    /** Test hook for the loss test: drops this fraction of the RTP the server sends to this peer. */
    void setTestDropRate(double rate) {
        router.loop().execute(() -> peer.setTestDropRate(rate));
    }

    @Override
    public void close() {
        router.loop().execute(() -> router.removePeer(peer.id()));
    }
}
