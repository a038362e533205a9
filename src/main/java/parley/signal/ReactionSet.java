package parley.signal;

import java.util.List;

/**
 * The reactions a participant may send: a fixed set, so a reaction can never carry text of
 * its own (docs/protocol.md, "Reactions, hands and polls"). Each is the exact string listed,
 * variation selector included.
 */
final class ReactionSet {
    /** Thumbs up, clapping hands, tears of joy, open mouth, red heart, party popper. */
    static final List<String> EMOJI = List.of("\uD83D\uDC4D", "\uD83D\uDC4F", "\uD83D\uDE02", "\uD83D\uDE2E",
            "\u2764\uFE0F", "\uD83C\uDF89");

    private ReactionSet() {}

    /** {@code emoji} itself, or an {@link IllegalArgumentException} naming the set (never the value sent). */
    static String check(String emoji) {
        if (!EMOJI.contains(emoji)) {
            throw new IllegalArgumentException("emoji is not one of the reactions (expected: one of " + String.join(" ", EMOJI) + ")");
        }
        return emoji;
    }
}
