package parley.room;

/**
 * The media plane as a room sees it: the only door from {@code room} to the SFU.
 * Implemented in {@code parley.app} on top of {@code parley.sfu}; faked in room tests.
 */
public interface MediaPlane {
    /** Opens the media side of one room; closed when the room's last participant leaves. */
    MediaRoom openRoom(MediaRoomEvents events);
}
