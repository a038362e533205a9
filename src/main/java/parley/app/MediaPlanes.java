package parley.app;

import parley.room.MediaPlane;

/** PLACEHOLDER (the lead replaces this file): starts and stops the media plane. */
public final class MediaPlanes {
    private MediaPlanes() {}

    public static MediaPlane start(Config c) {
        return events -> {
            throw new UnsupportedOperationException("media plane not wired");
        };
    }

    public static void stop() {}
}
