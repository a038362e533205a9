package parley.sdp;

/** The media type of an m-line; anything but audio, video and application is OTHER. */
public enum MediaKind {
    AUDIO, VIDEO, APPLICATION, OTHER;

    static MediaKind fromSdp(String media) {
        return switch (media) {
            case "audio" -> AUDIO;
            case "video" -> VIDEO;
            case "application" -> APPLICATION;
            default -> OTHER;
        };
    }
}
