package parley.room;

import java.util.Objects;

/**
 * Someone who went away without leaving (their connection closed) and may come back with
 * their resume secret: the participant id they had, so that their return can name it, and
 * their role, which they get back.
 */
public record Absentee(String participantId, Role role) {
    public Absentee {
        Objects.requireNonNull(participantId);
        Objects.requireNonNull(role);
    }
}
