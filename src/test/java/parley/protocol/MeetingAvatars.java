package parley.protocol;

/** Avatars for tests over the real stack. */
final class MeetingAvatars {
    private MeetingAvatars() {}

    /** A PNG data URL of the largest size a join may carry (49152 characters). */
    static String largest() {
        String prefix = "data:image/png;base64,";
        return prefix + "A".repeat(49_152 - prefix.length());
    }
}
