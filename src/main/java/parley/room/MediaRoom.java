package parley.room;

/** The media side of one room: one {@link MediaPeer} per participant. Thread-safe. */
public interface MediaRoom extends AutoCloseable {
    /** Creates the media peer (ICE credentials, DTLS) of a participant who has been admitted. */
    MediaPeer addPeer(String participantId);

    /** Stops forwarding and frees every transport of the room. Idempotent. */
    @Override
    void close();
}
