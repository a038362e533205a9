package parley.room;

import java.util.Locale;

/** The two kinds of media a participant can be muted in; wire names "audio" and "video". */
public enum MediaKind {
    AUDIO, VIDEO;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True when a published track of {@code kind} ("audio" or "video", see {@link MediaPeer.PublishedTrack}) is of this kind. */
    public boolean covers(String kind) {
        return wireName().equals(kind);
    }

    public static MediaKind fromWire(String s) {
        for (MediaKind k : values()) if (k.wireName().equals(s)) return k;
        throw new IllegalArgumentException("kind '" + s + "' (expected: audio or video)");
    }
}
