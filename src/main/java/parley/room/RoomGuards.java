package parley.room;

/**
 * What every room lets guessers, knockers and avatars do (docs/protocol.md, "Limits"; each
 * has a flag): the operator's values, checked here so a bad one is refused at start.
 *
 * @param wrongPasswords     wrong password answers the room gives, whatever the number of guessers
 * @param passwordQueue      password checks that may wait for their turn at once
 * @param addressKnocks      knocks one address may make on the room
 * @param lobbySharePercent  how much of the lobby one address may fill, in percent (at least one guest)
 * @param avatarChars        all participants' avatars together, in characters: every {@code joined}
 *                           carries all of them, and it must stay deliverable; also the burst of
 *                           avatar characters sent to everyone
 * @param avatarCharsPerSecond avatar characters sent to everyone per second, after the burst
 */
public record RoomGuards(Budget wrongPasswords, int passwordQueue, Budget addressKnocks, int lobbySharePercent,
                         long avatarChars, long avatarCharsPerSecond) {
    public static final Budget WRONG_PASSWORDS = Budget.of(5, 2_000);
    public static final int PASSWORD_QUEUE = 100;
    public static final Budget ADDRESS_KNOCKS = Budget.of(5, 5_000);
    public static final int LOBBY_SHARE_PERCENT = 20;
    /**
     * The default of 512 Ki keeps {@code joined} of the largest room (200 people, 3 tracks
     * each, about 130 Ki characters without avatars) well below the 1 Mi characters the web
     * layer queues for a client before it drops it.
     */
    public static final long AVATAR_CHARS = 512 * 1024;
    /** The whole budget once per 16 s: a reader of 1 Mbit/s gets at most this much avatar data. */
    public static final long AVATAR_CHARS_PER_SECOND = AVATAR_CHARS / 16;

    public static final RoomGuards DEFAULTS = new RoomGuards(WRONG_PASSWORDS, PASSWORD_QUEUE, ADDRESS_KNOCKS,
            LOBBY_SHARE_PERCENT, AVATAR_CHARS, AVATAR_CHARS_PER_SECOND);

    public RoomGuards {
        if (wrongPasswords == null || addressKnocks == null) throw new IllegalArgumentException("no budget");
        if (passwordQueue < 1) throw new IllegalArgumentException("password queue " + passwordQueue + " (expected: at least 1)");
        if (lobbySharePercent < 1 || lobbySharePercent > 100) {
            throw new IllegalArgumentException("lobby share " + lobbySharePercent + " % (expected: 1 to 100)");
        }
        if (avatarChars < 1 || avatarChars > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("room avatar characters " + avatarChars + " (expected: 1 to " + Integer.MAX_VALUE + ")");
        }
        if (avatarCharsPerSecond < 1) {
            throw new IllegalArgumentException("avatar characters per second " + avatarCharsPerSecond + " (expected: at least 1)");
        }
    }

    /** These guards with another avatar budget and rate. */
    public RoomGuards withAvatars(long chars, long charsPerSecond) {
        return new RoomGuards(wrongPasswords, passwordQueue, addressKnocks, lobbySharePercent, chars, charsPerSecond);
    }
}
