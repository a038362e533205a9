package parley.room;

/**
 * The limits every room applies, from the server's configuration.
 *
 * @param maxParticipants  participants admitted at once; joins beyond are refused
 * @param lobbyCapacity    guests waiting at once; knocks beyond are refused
 * @param knocksPerSecond  sustained knocks per room
 * @param knockBurst       knocks per room in a burst
 * @param passwordIterations PBKDF2 iterations of the room password hash
 * @param resumeTtlMs      how long after a disconnect a resume secret still works
 * @param banMs            how long a kicked participant stays out
 * @param bookCapacity     resume secrets and bans kept per room at most
 * @param guards           wrong passwords, knocks per address and avatars
 */
public record RoomPolicy(int maxParticipants, int lobbyCapacity, double knocksPerSecond, int knockBurst,
                         int passwordIterations, long resumeTtlMs, long banMs,
                         int bookCapacity, RoomGuards guards) {
    public RoomPolicy {
        positive("maxParticipants", maxParticipants);
        positive("lobbyCapacity", lobbyCapacity);
        positive("knockBurst", knockBurst);
        positive("passwordIterations", passwordIterations);
        positive("bookCapacity", bookCapacity);
        if (guards == null) throw new IllegalArgumentException("no room guards");
        if (!(knocksPerSecond > 0)) throw new IllegalArgumentException("knocksPerSecond " + knocksPerSecond + " (expected: > 0)");
        if (resumeTtlMs < 0 || banMs < 0) throw new IllegalArgumentException("negative duration");
    }

    private static void positive(String what, long v) {
        if (v < 1) throw new IllegalArgumentException(what + " " + v + " (expected: >= 1)");
    }
}
