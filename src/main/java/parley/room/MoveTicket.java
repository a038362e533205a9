package parley.room;

import java.util.Objects;

/**
 * The right to enter one room once, given by the main room's executor when someone is sent
 * to a breakout ({@code breakoutId} and {@code roomKey} set) or back to the main room (both
 * null). The mover keeps their participant id and gets {@code role} there ({@code mainRole}
 * is theirs in the main room); {@code e2ee} is the main room's, for a breakout opened by this move.
 */
public record MoveTicket<C>(Room<C> main, String breakoutId, String roomKey, String participantId, Role role,
                            Role mainRole, boolean e2ee) {
    public MoveTicket {
        Objects.requireNonNull(main);
        Objects.requireNonNull(participantId);
        Objects.requireNonNull(role);
        Objects.requireNonNull(mainRole);
        if ((breakoutId == null) != (roomKey == null)) throw new IllegalArgumentException("breakoutId and roomKey go together");
    }

    public boolean toMain() {
        return breakoutId == null;
    }

    @Override
    public String toString() {
        return "MoveTicket[" + (toMain() ? "main" : breakoutId) + "]";
    }
}
