package parley.room;

/**
 * What the media plane tells a room. Called from media threads: implementations only
 * enqueue work onto the room's own executor and return at once.
 */
public interface MediaRoomEvents {
    /** The loudest participant changed (from RFC 6464 audio levels). */
    void onActiveSpeaker(String participantId);

    /** A participant's transport failed or its ICE consent expired (RFC 7675). */
    void onPeerFailed(String participantId, String reason);

    /** What each receive slot of a participant carries now (every slot, in offer order). */
    void onForwarding(String participantId, java.util.List<ForwardedSlot> slots);

    /** A sender should encode only these simulcast rids of its track on {@code mid} (empty: none). */
    void onSendLayers(String participantId, String mid, java.util.List<String> activeRids);

    /** One receive slot; the last three are null while it carries nothing. */
    record ForwardedSlot(String mid, String kind, String participantId, String trackId, String source) {}
}
