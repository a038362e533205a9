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
}
