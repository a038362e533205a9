package parley.app;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import parley.media.transport.MediaLoop;
import parley.room.MediaException;
import parley.room.MediaPeer;
import parley.room.TrackSource;
import parley.sdp.SdpException;
import parley.sdp.SdpOffer;
import parley.sdp.SdpParser;
import parley.sfu.Negotiation;
import parley.sfu.Router;
import parley.sfu.SfuPeer;
import parley.sfu.View;

/**
 * One participant's media, thread-safe: parses the offer and writes the answer on the caller's
 * thread, then hands the finished plan to the loop; coalesces views so that a flood of them
 * costs the loop one task.
 */
final class SfuMediaPeer implements MediaPeer {
    private final MediaLoop loop;
    private final Router router;
    private final SfuPeer peer;
    /** Used by one negotiation at a time: the signaling layer serializes a participant's offers. */
    private final Negotiation negotiation;
    /** The newest view not yet applied by the loop; a task is queued while it is non-null. */
    private final AtomicReference<View> pendingView = new AtomicReference<>();

    SfuMediaPeer(MediaLoop loop, Router router, SfuPeer peer, Negotiation negotiation) {
        this.loop = loop;
        this.router = router;
        this.peer = peer;
        this.negotiation = negotiation;
    }

    @Override
    public Answer negotiate(String offerSdp, List<SendTrack> send, List<RecvSlot> recv) throws MediaException {
        SdpOffer offer;
        try {
            offer = SdpParser.parseOffer(offerSdp);
        } catch (SdpException e) {
            throw new MediaException("bad SDP offer: " + e.getMessage(), e);
        }
        Map<String, String> sendSources = new LinkedHashMap<>();
        for (SendTrack s : send) sendSources.put(s.mid(), s.source().wireName());
        Map<String, String> recvKinds = new LinkedHashMap<>();
        for (RecvSlot r : recv) recvKinds.put(r.mid(), r.kind().wireName());
        Negotiation.Result result;
        try {
            Negotiation.Plan plan = negotiation.prepare(offer, sendSources, recvKinds);
            result = loop.call(plan::apply);
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
    public ServerTrack publishServerAudio() throws MediaException {
        long ssrc = 1 + java.util.concurrent.ThreadLocalRandom.current().nextLong(0xfffffffeL);
        parley.sfu.ServerAudio audio;
        try {
            audio = loop.call(() -> parley.sfu.ServerAudio.publish(peer, ssrc));
        } catch (Exception e) {
            throw new MediaException("the meeting's media has ended", e);
        }
        String trackId = audio.trackId();
        return new ServerTrack() {
            @Override
            public String trackId() {
                return trackId;
            }

            @Override
            public long ssrc() {
                return ssrc;
            }

            @Override
            public void send(byte[] packet, int len) {
                loop.execute(() -> audio.receive(packet, len, loop.nowMs()));
            }
        };
    }

    @Override
    public void view(List<ViewItem> video, int speakerHeight) {
        View v = new View(video.stream().map(i -> new View.Item(i.trackId(), i.height())).toList(), speakerHeight);
        if (pendingView.getAndSet(v) != null) {
            loop.counters().viewsCoalesced.increment();
            return; // the queued task will apply this one
        }
        loop.execute(() -> router.setView(peer.id(), pendingView.getAndSet(null)));
    }

    @Override
    public void answerDelivered() {
        loop.execute(peer::answerDelivered);
    }

    @Override
    public void setPaused(String trackId, boolean paused) {
        loop.execute(() -> router.setPaused(trackId, paused));
    }

    @Override
    public void close() {
        loop.execute(() -> router.removePeer(peer.id()));
    }
}
