package parley.sfu;

/**
 * Something that takes a copy of a room's media as the server receives it, without slowing
 * forwarding: a recorder (later, a live stream). The router opens a {@link TrackSink} for each
 * producer (those there when the tap is added, and each one published later); each sink gets one
 * layer of its track (video: the highest up to {@link TapSlot#MAX_HEIGHT}, switched on keyframes,
 * with sequence numbers and timestamps continuous across switches). Loop thread: every method
 * must return at once and never block.
 */
public interface MediaTap {
    /** A track to take; returns where its packets go, or null to leave it. */
    TrackSink open(TappedTrack track);

    /** The router closed (the room's media ended): nothing more will come. */
    void onRouterClosed();

    /** One producer as a tap sees it. {@code kind} is "audio" or "video", {@code source} "mic", "camera" or "screen". */
    record TappedTrack(String participantId, String trackId, String kind, String source) {
        public boolean video() {
            return "video".equals(kind);
        }
    }
}
