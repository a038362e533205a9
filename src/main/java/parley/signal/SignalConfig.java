package parley.signal;

import java.time.Duration;
import java.util.Objects;
import parley.room.RoomPolicy;

/**
 * Everything the signaling server can be told, immutable. {@link #defaults()} gives the
 * values documented in docs/protocol.md; the {@code with...} methods change one of them.
 *
 * @param maxFrameChars       longest text frame, in UTF-16 code units; longer ones get too-large
 * @param messagesPerSecond   sustained messages per connection
 * @param messageBurst        messages per connection in a burst
 * @param overLimitBeforeClose messages dropped in a row for the rate after which the connection is closed (1008)
 * @param idleTimeout         a connection that sends nothing for this long is closed
 * @param allModerators       a trusted team: everyone who joins is a moderator
 * @param hostPolicy          who may create rooms
 * @param resumeTtl           how long after a disconnect a resume secret gives the role back
 * @param banDuration         how long a kicked participant stays out of the room
 * @param maxParticipants     participants per room
 * @param lobbyCapacity       guests waiting in one room's lobby
 * @param knocksPerSecond     sustained knocks per room
 * @param knockBurst          knocks per room in a burst
 * @param passwordIterations  PBKDF2-HMAC-SHA256 iterations of room password hashes
 */
public record SignalConfig(int maxFrameChars, double messagesPerSecond, int messageBurst, int overLimitBeforeClose,
                           Duration idleTimeout, boolean allModerators, HostPolicy hostPolicy,
                           Duration resumeTtl, Duration banDuration, int maxParticipants, int lobbyCapacity,
                           double knocksPerSecond, int knockBurst, int passwordIterations) {
    public SignalConfig {
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(hostPolicy, "hostPolicy");
        Objects.requireNonNull(resumeTtl, "resumeTtl");
        Objects.requireNonNull(banDuration, "banDuration");
        if (maxFrameChars < 1024) throw new IllegalArgumentException("maxFrameChars " + maxFrameChars + " (expected: >= 1024)");
        if (!(messagesPerSecond > 0)) throw new IllegalArgumentException("messagesPerSecond " + messagesPerSecond + " (expected: > 0)");
        if (messageBurst < 1) throw new IllegalArgumentException("messageBurst " + messageBurst + " (expected: >= 1)");
        if (overLimitBeforeClose < 1) throw new IllegalArgumentException("overLimitBeforeClose " + overLimitBeforeClose + " (expected: >= 1)");
        if (idleTimeout.isNegative() || idleTimeout.isZero()) throw new IllegalArgumentException("idleTimeout " + idleTimeout + " (expected: > 0)");
        roomPolicy(maxParticipants, lobbyCapacity, knocksPerSecond, knockBurst, passwordIterations, resumeTtl, banDuration);
    }

    /** The documented defaults: 64 Ki-character frames, 50 messages/s with bursts of 100, anyone hosts. */
    public static SignalConfig defaults() {
        return new SignalConfig(65_536, 50, 100, 100, Duration.ofSeconds(60), false, new HostPolicy.None(),
                Duration.ofMinutes(10), Duration.ofMinutes(10), 200, 50, 1, 10, 100_000);
    }

    public SignalConfig withAllModerators(boolean all) {
        return new SignalConfig(maxFrameChars, messagesPerSecond, messageBurst, overLimitBeforeClose, idleTimeout, all,
                hostPolicy, resumeTtl, banDuration, maxParticipants, lobbyCapacity, knocksPerSecond, knockBurst,
                passwordIterations);
    }

    public SignalConfig withHostPolicy(HostPolicy policy) {
        return new SignalConfig(maxFrameChars, messagesPerSecond, messageBurst, overLimitBeforeClose, idleTimeout,
                allModerators, policy, resumeTtl, banDuration, maxParticipants, lobbyCapacity, knocksPerSecond,
                knockBurst, passwordIterations);
    }

    public SignalConfig withResumeTtl(Duration ttl) {
        return new SignalConfig(maxFrameChars, messagesPerSecond, messageBurst, overLimitBeforeClose, idleTimeout,
                allModerators, hostPolicy, ttl, banDuration, maxParticipants, lobbyCapacity, knocksPerSecond,
                knockBurst, passwordIterations);
    }

    public SignalConfig withBanDuration(Duration ban) {
        return new SignalConfig(maxFrameChars, messagesPerSecond, messageBurst, overLimitBeforeClose, idleTimeout,
                allModerators, hostPolicy, resumeTtl, ban, maxParticipants, lobbyCapacity, knocksPerSecond,
                knockBurst, passwordIterations);
    }

    /** Fewer iterations make tests fast; production keeps the default. */
    public SignalConfig withPasswordIterations(int iterations) {
        return new SignalConfig(maxFrameChars, messagesPerSecond, messageBurst, overLimitBeforeClose, idleTimeout,
                allModerators, hostPolicy, resumeTtl, banDuration, maxParticipants, lobbyCapacity, knocksPerSecond,
                knockBurst, iterations);
    }

    public SignalConfig withRoomLimits(int participants, int lobby, double knocksPerSec, int knocksBurst) {
        return new SignalConfig(maxFrameChars, messagesPerSecond, messageBurst, overLimitBeforeClose, idleTimeout,
                allModerators, hostPolicy, resumeTtl, banDuration, participants, lobby, knocksPerSec, knocksBurst,
                passwordIterations);
    }

    /** The per-room limits derived from this configuration. */
    public RoomPolicy roomPolicy() {
        return roomPolicy(maxParticipants, lobbyCapacity, knocksPerSecond, knockBurst, passwordIterations, resumeTtl, banDuration);
    }

    private static RoomPolicy roomPolicy(int participants, int lobby, double knocksPerSec, int knocksBurst,
                                         int iterations, Duration resume, Duration ban) {
        return new RoomPolicy(participants, lobby, knocksPerSec, knocksBurst, iterations, 100,
                resume.toMillis(), ban.toMillis(), 1000);
    }
}
