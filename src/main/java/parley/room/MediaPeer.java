package parley.room;

import java.util.List;

/** One participant's media: one ICE + DTLS transport carrying all its tracks (BUNDLE). Thread-safe. */
public interface MediaPeer {
    /**
     * Applies the client's SDP offer and returns the answer. {@code send} says which
     * offered mids carry the client's own tracks; {@code recv} which mids are receive slots
     * (the server decides what each carries). Tracks this peer published before and that
     * are missing from {@code send} now are unpublished.
     */
    Answer negotiate(String offerSdp, List<SendTrack> send, List<RecvSlot> recv) throws MediaException;

    /**
     * What this participant shows: video tracks in priority order with their heights, and
     * the height of a speaker view (0: none). Only the newest view counts; any thread, returns at once.
     */
    void view(List<ViewItem> video, int speakerHeight);

    /**
     * The answer of the last {@link #negotiate} was handed to the client's connection: news of
     * what the slots carry may follow it now (never before it). Any thread, returns at once.
     */
    void answerDelivered();

    /** Server-enforced mute: stops (or resumes) forwarding one of this peer's tracks. */
    void setPaused(String trackId, boolean paused);

    /** Frees the transport; other participants stop receiving this peer's tracks. Idempotent. */
    void close();

    /** A track the client offers to send: an offered mid and what it carries. */
    record SendTrack(String mid, TrackSource source) {
        public SendTrack {
            if (mid == null || mid.isEmpty()) throw new IllegalArgumentException("empty mid");
            if (source == null) throw new IllegalArgumentException("no source for mid " + mid);
        }
    }

    /** A receive slot in the client's offer: a mid on which the server sends whatever it chooses of {@code kind}. */
    record RecvSlot(String mid, MediaKind kind) {
        public RecvSlot {
            if (mid == null || mid.isEmpty()) throw new IllegalArgumentException("empty mid");
            if (kind == null) throw new IllegalArgumentException("no kind for recv mid " + mid);
        }
    }

    /** One shown video: a track id and its height in device pixels. */
    record ViewItem(String trackId, int height) {
        public ViewItem {
            if (trackId == null || trackId.isEmpty()) throw new IllegalArgumentException("empty trackId");
        }
    }

    /** The SDP answer, and every track this peer publishes after it. */
    record Answer(String sdp, List<PublishedTrack> published) {
        public Answer {
            published = List.copyOf(published);
        }
    }

    /**
     * Publishes an audio track the server makes for this participant (a phone caller's voice):
     * Opus RTP given to the returned track is forwarded like a browser's microphone.
     *
     * @throws MediaException when this media plane cannot
     */
    default ServerTrack publishServerAudio() throws MediaException {
        throw new MediaException("this media plane cannot publish server audio");
    }

    /** A track the server publishes: its id, and where its RTP goes. */
    interface ServerTrack {
        /** Payload type, SSRC and audio-level extension id the packets must carry. */
        int PAYLOAD_TYPE = 111, AUDIO_LEVEL_EXT_ID = 1;

        String trackId();

        long ssrc();

        /** One RTP packet (taken over: not touched by the caller afterwards). Any thread, returns at once. */
        void send(byte[] packet, int len);
    }

    /** A track as other participants learn of it. {@code kind} is "audio" or "video". */
    record PublishedTrack(String trackId, String kind, TrackSource source) {}
}
