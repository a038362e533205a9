package parley.room;

import java.util.Objects;

/** What a breakout {@link Room} knows of where it comes from: its main room and its breakout id. */
public record BreakoutOrigin<C>(Room<C> main, String breakoutId) {
    public BreakoutOrigin {
        Objects.requireNonNull(main);
        Objects.requireNonNull(breakoutId);
    }
}
