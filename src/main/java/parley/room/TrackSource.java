package parley.room;

/** What a published track carries; the wire names are lower case ("mic", "camera", "screen"). */
public enum TrackSource {
    MIC, CAMERA, SCREEN;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static TrackSource fromWire(String s) {
        for (TrackSource t : values()) if (t.wireName().equals(s)) return t;
        throw new IllegalArgumentException("track source '" + s + "' (expected: mic, camera or screen)");
    }
}
