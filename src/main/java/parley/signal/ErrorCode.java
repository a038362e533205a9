package parley.signal;

import java.util.Locale;

/** The {@code code} of an {@code error} message; wire names are lower case with dashes (see docs/protocol.md). */
public enum ErrorCode {
    BAD_REQUEST, TOO_LARGE, RATE_LIMITED, NOT_JOINED, ALREADY_JOINED, PASSWORD_REQUIRED, WRONG_PASSWORD,
    ROOM_LOCKED, ROOM_FULL, LOBBY_FULL, KICKED, HOST_REQUIRED, FORBIDDEN, NOT_FOUND, MEDIA_FAILED,
    E2EE_UNSUPPORTED, HOST_KEY_WRONG, RECORDING_UNAVAILABLE, RECORDING_E2EE, RECORDING_FAILED,
    CAPTIONS_UNAVAILABLE, CAPTIONS_E2EE,
    ALREADY_VOTED, POLL_LIMIT,
    MEETING_ENDED, LINK_CHANGED,
    STREAM_UNAVAILABLE, STREAM_E2EE, STREAM_FAILED,
    MOVE_REFUSED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
