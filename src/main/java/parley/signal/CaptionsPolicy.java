package parley.signal;

import java.util.Locale;

/** Whether this server's rooms may have live captions, and who may turn them on (--captions-model, --captions-by). */
public enum CaptionsPolicy {
    /** No speech model: captions are unavailable. */
    OFF,
    MODERATORS,
    ANYONE;

    /** For {@code joined}: "moderators" or "anyone", null when unavailable. */
    public String wireName() {
        return this == OFF ? null : name().toLowerCase(Locale.ROOT);
    }
}
