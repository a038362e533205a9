package parley.signal;

import parley.room.Budget;
import parley.room.RoomGuards;

/**
 * The guards at the door of every meeting (docs/protocol.md, "Limits"; each has a flag):
 * how many wrong passwords and host keys an address, a room and the server answer, how
 * many host keys may wait for their check, and the rooms' own guards. The defaults are
 * the documented values; the compact constructor refuses what cannot work.
 *
 * @param wrongPasswordsPerAddress wrong passwords one address may give, across rooms; beyond, refused unchecked
 * @param wrongHostKeysPerAddress  wrong host keys one address may give; beyond, refused unchecked
 * @param wrongHostKeys            wrong host keys the server answers, everybody together
 * @param hostKeyQueue             joins with a host key that may wait for their check, server-wide
 * @param room                     wrong passwords per room, knocks per address, avatars
 */
public record AdmissionLimits(Budget wrongPasswordsPerAddress, Budget wrongHostKeysPerAddress, Budget wrongHostKeys,
                              int hostKeyQueue, RoomGuards room) {
    public static final Budget WRONG_PASSWORDS_PER_ADDRESS = Budget.of(10, 30_000);
    public static final Budget WRONG_HOST_KEYS_PER_ADDRESS = Budget.of(10, 30_000);
    public static final Budget WRONG_HOST_KEYS = Budget.of(20, 1_000);
    public static final int HOST_KEY_QUEUE = 1_000;

    public static final AdmissionLimits DEFAULTS = new AdmissionLimits(WRONG_PASSWORDS_PER_ADDRESS,
            WRONG_HOST_KEYS_PER_ADDRESS, WRONG_HOST_KEYS, HOST_KEY_QUEUE, RoomGuards.DEFAULTS);

    public AdmissionLimits {
        if (wrongPasswordsPerAddress == null || wrongHostKeysPerAddress == null || wrongHostKeys == null) {
            throw new IllegalArgumentException("no budget");
        }
        if (hostKeyQueue < 1) throw new IllegalArgumentException("host key queue " + hostKeyQueue + " (expected: at least 1)");
        if (room == null) throw new IllegalArgumentException("no room guards");
    }

    /** These limits with other room guards. */
    public AdmissionLimits withRoom(RoomGuards guards) {
        return new AdmissionLimits(wrongPasswordsPerAddress, wrongHostKeysPerAddress, wrongHostKeys, hostKeyQueue, guards);
    }
}
