package parley.sfu;

import java.util.List;

/**
 * An audio track the server itself publishes for one of its peers (a phone caller's voice): a
 * {@link Producer} made without SDP, whose RTP (Opus, payload type {@value #PAYLOAD_TYPE}, one
 * SSRC, the audio-level header extension with id {@value #AUDIO_LEVEL_EXT_ID} so that last-N
 * audio and the active speaker can choose it) goes through the peer's ordinary ingress chain, as if
 * the peer had sent it. Browsers receive it like any other audio. Loop thread only.
 */
public final class ServerAudio {
    public static final String MID = "server-audio";
    public static final int PAYLOAD_TYPE = 111;
    public static final int AUDIO_LEVEL_EXT_ID = 1;

    private final SfuPeer peer;
    private final Producer producer;

    private ServerAudio(SfuPeer peer, Producer producer) {
        this.peer = peer;
        this.producer = producer;
    }

    /** Adds the producer to {@code peer} (a peer that never negotiates: its extension ids are the server's). */
    public static ServerAudio publish(SfuPeer peer, long ssrc) {
        peer.extensions().audioLevel(AUDIO_LEVEL_EXT_ID);
        Producer p = new Producer(peer.router().newTrackId(), peer, MID, false, "mic", PAYLOAD_TYPE, -1, List.of());
        peer.producersByMid().put(MID, p);
        peer.router().addProducer(p);
        peer.bindSsrc(p, 0, ssrc, false);
        return new ServerAudio(peer, p);
    }

    public String trackId() {
        return producer.id();
    }

    /** One RTP packet of the track, at {@code buf[0..len)}. */
    public void receive(byte[] buf, int len, long nowMs) {
        peer.onRtp(buf, 0, len, nowMs);
    }
}
