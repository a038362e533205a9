package parley.room;

import java.util.Locale;

/** A participant's role in a room; the wire names are lower case ("host", "moderator", "participant"). */
public enum Role {
    /** The room's first participant: a moderator whom nobody can kick or demote. */
    HOST,
    MODERATOR,
    PARTICIPANT;

    public boolean isModerator() {
        return this != PARTICIPANT;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
