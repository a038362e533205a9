package parley.room;

import java.util.Optional;

/**
 * Who may do what in a room: the whole permission table in one pure function, so that
 * it can be tested as a table of role × action. Every moderation message is checked
 * here on the server before it has any effect.
 */
public final class Permissions {
    private Permissions() {}

    /** Everything a participant might ask for beyond its own state and chat. */
    public enum Action {
        SET_PASSWORD, SET_LOBBY, ADMIT, DENY, GRANT_MODERATOR, REVOKE_MODERATOR,
        MUTE, MUTE_ALL, ASK_UNMUTE, KICK, LOCK, SET_START_MUTED, END, ROTATE, ENCRYPT, RECORD, DIAL_IN,
        LOWER_HAND, POLL;

        /** Whether the action names one other participant (then a target role is needed). */
        public boolean targeted() {
            return switch (this) {
                case GRANT_MODERATOR, REVOKE_MODERATOR, MUTE, ASK_UNMUTE, KICK -> true;
                default -> false;
            };
        }
    }

    /**
     * Why {@code actor} may not do {@code action} to a participant of role {@code target}
     * ({@code self} when the target is the actor), or empty when it may. {@code target}
     * is ignored (may be null) for actions that name nobody.
     */
    public static Optional<String> refusal(Role actor, Action action, Role target, boolean self) {
        if (!actor.isModerator()) return Optional.of("only moderators may do that");
        if (!action.targeted()) return Optional.empty();
        if (target == null) throw new IllegalArgumentException("action " + action + " needs a target");
        return switch (action) {
            case KICK -> target == Role.HOST ? Optional.of("nobody can kick the host")
                    : self ? Optional.of("you cannot kick yourself (send leave instead)") : Optional.empty();
            case GRANT_MODERATOR, REVOKE_MODERATOR -> target == Role.HOST ? Optional.of("nobody can change the host's role")
                    : self ? Optional.of("you cannot change your own role") : Optional.empty();
            default -> Optional.empty();
        };
    }
}
