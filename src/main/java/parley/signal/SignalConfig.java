package parley.signal;

import java.time.Duration;
import java.util.Objects;
import parley.room.RoomPolicy;
import parley.turn.TurnConfig;

/**
 * Everything the signaling server can be told, immutable. {@link #defaults()} gives the
 * values documented in docs/protocol.md; {@link #builder()} changes some of them.
 *
 * @param maxFrameChars       longest text frame, in UTF-16 code units; longer ones get too-large
 * @param messagesPerSecond   sustained messages per connection
 * @param messageBurst        messages per connection in a burst
 * @param overLimitBeforeClose messages dropped for the rate, forgiven at this many per 10 s, after which the
 *                            next one over the rate closes the connection (1008)
 * @param idleTimeout         a connection that sends nothing (no message, no pong) for this long is closed; after
 *                            half of it without anything the server sends a WebSocket ping
 * @param allModerators       a trusted team: everyone who joins is a moderator
 * @param hostPolicy          who may create rooms
 * @param resumeTtl           how long after a disconnect a resume secret gives the role back
 * @param banDuration         how long a kicked participant stays out of the room
 * @param maxParticipants     participants per room
 * @param lobbyCapacity       guests waiting in one room's lobby
 * @param knocksPerSecond     sustained knocks per room
 * @param knockBurst          knocks per room in a burst
 * @param passwordIterations  PBKDF2-HMAC-SHA256 iterations of room password hashes
 * @param e2eeMode            which rooms are end-to-end encrypted (docs/e2ee.md)
 * @param admission           wrong passwords and host keys, knocks per address, avatars per room
 * @param turn                the coturn whose credentials {@code joined} hands out, or null for none
 * @param captions            whether rooms may have live captions, and who may turn them on
 */
public record SignalConfig(int maxFrameChars, double messagesPerSecond, int messageBurst, int overLimitBeforeClose,
                           Duration idleTimeout, boolean allModerators, HostPolicy hostPolicy,
                           Duration resumeTtl, Duration banDuration, int maxParticipants, int lobbyCapacity,
                           double knocksPerSecond, int knockBurst, int passwordIterations,
                           AdmissionLimits admission, E2eeMode e2eeMode, TurnConfig turn,
                           CaptionsPolicy captions) {
    public SignalConfig {
        Objects.requireNonNull(e2eeMode, "e2eeMode");
        Objects.requireNonNull(admission, "admission");
        Objects.requireNonNull(captions, "captions");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(hostPolicy, "hostPolicy");
        Objects.requireNonNull(resumeTtl, "resumeTtl");
        Objects.requireNonNull(banDuration, "banDuration");
        if (maxFrameChars < 1024) throw new IllegalArgumentException("maxFrameChars " + maxFrameChars + " (expected: >= 1024)");
        if (!(messagesPerSecond > 0)) throw new IllegalArgumentException("messagesPerSecond " + messagesPerSecond + " (expected: > 0)");
        if (messageBurst < 1) throw new IllegalArgumentException("messageBurst " + messageBurst + " (expected: >= 1)");
        if (overLimitBeforeClose < 1) throw new IllegalArgumentException("overLimitBeforeClose " + overLimitBeforeClose + " (expected: >= 1)");
        if (idleTimeout.isNegative() || idleTimeout.isZero()) throw new IllegalArgumentException("idleTimeout " + idleTimeout + " (expected: > 0)");
        roomPolicy(maxParticipants, lobbyCapacity, knocksPerSecond, knockBurst, passwordIterations, resumeTtl,
                banDuration, admission); // validates
    }

    /** The documented defaults: 64 Ki-character frames, 50 messages/s with bursts of 100, anyone hosts. */
    public static SignalConfig defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.maxFrameChars = maxFrameChars;
        b.messagesPerSecond = messagesPerSecond;
        b.messageBurst = messageBurst;
        b.overLimitBeforeClose = overLimitBeforeClose;
        b.idleTimeout = idleTimeout;
        b.allModerators = allModerators;
        b.hostPolicy = hostPolicy;
        b.resumeTtl = resumeTtl;
        b.banDuration = banDuration;
        b.maxParticipants = maxParticipants;
        b.lobbyCapacity = lobbyCapacity;
        b.knocksPerSecond = knocksPerSecond;
        b.knockBurst = knockBurst;
        b.passwordIterations = passwordIterations;
        b.admission = admission;
        b.e2eeMode = e2eeMode;
        b.turn = turn;
        b.captions = captions;
        return b;
    }

    /** Sets what differs from the defaults, then {@link #build()} validates. Not thread-safe. */
    public static final class Builder {
        private int maxFrameChars = 65_536;
        private double messagesPerSecond = 50;
        private int messageBurst = 100;
        private int overLimitBeforeClose = 100;
        /** docs/protocol.md: a vanished client is gone for the others within 30 s (sweep included). */
        private Duration idleTimeout = Duration.ofSeconds(15);
        private boolean allModerators;
        private HostPolicy hostPolicy = new HostPolicy.None();
        private Duration resumeTtl = Duration.ofMinutes(10);
        private Duration banDuration = Duration.ofMinutes(10);
        private int maxParticipants = 200;
        private int lobbyCapacity = 50;
        private double knocksPerSecond = 1;
        private int knockBurst = 10;
        private int passwordIterations = 100_000;
        private AdmissionLimits admission = AdmissionLimits.DEFAULTS;
        private E2eeMode e2eeMode = E2eeMode.OPTIONAL;
        private TurnConfig turn;
        private CaptionsPolicy captions = CaptionsPolicy.OFF;

        private Builder() {}

        public Builder maxFrameChars(int chars) { maxFrameChars = chars; return this; }
        public Builder messageRate(double perSecond, int burst) { messagesPerSecond = perSecond; messageBurst = burst; return this; }
        public Builder overLimitBeforeClose(int messages) { overLimitBeforeClose = messages; return this; }
        public Builder idleTimeout(Duration timeout) { idleTimeout = timeout; return this; }
        public Builder allModerators(boolean all) { allModerators = all; return this; }
        public Builder hostPolicy(HostPolicy policy) { hostPolicy = policy; return this; }
        public Builder resumeTtl(Duration ttl) { resumeTtl = ttl; return this; }
        public Builder banDuration(Duration ban) { banDuration = ban; return this; }
        public Builder maxParticipants(int participants) { maxParticipants = participants; return this; }
        public Builder lobbyCapacity(int guests) { lobbyCapacity = guests; return this; }
        public Builder knockRate(double perSecond, int burst) { knocksPerSecond = perSecond; knockBurst = burst; return this; }
        /** Fewer iterations make tests fast; production keeps the default. */
        public Builder passwordIterations(int iterations) { passwordIterations = iterations; return this; }
        public Builder admission(AdmissionLimits limits) { admission = limits; return this; }
        /** All avatars of a room together, in characters, sent at most once per 16 s. */
        public Builder roomAvatarChars(long chars) { admission = admission.withRoom(admission.room().withAvatars(chars, Math.max(1, chars / 16))); return this; }
        public Builder e2eeMode(E2eeMode mode) { e2eeMode = mode; return this; }
        public Builder turn(TurnConfig coturn) { turn = coturn; return this; }
        public Builder captions(CaptionsPolicy policy) { captions = policy; return this; }

        public SignalConfig build() {
            return new SignalConfig(maxFrameChars, messagesPerSecond, messageBurst, overLimitBeforeClose, idleTimeout,
                    allModerators, hostPolicy, resumeTtl, banDuration, maxParticipants, lobbyCapacity, knocksPerSecond,
                    knockBurst, passwordIterations, admission, e2eeMode, turn, captions);
        }
    }

    /** The per-room limits derived from this configuration. */
    public RoomPolicy roomPolicy() {
        return roomPolicy(maxParticipants, lobbyCapacity, knocksPerSecond, knockBurst, passwordIterations, resumeTtl,
                banDuration, admission);
    }

    private static RoomPolicy roomPolicy(int participants, int lobby, double knocksPerSec, int knocksBurst,
                                         int iterations, Duration resume, Duration ban, AdmissionLimits admission) {
        return new RoomPolicy(participants, lobby, knocksPerSec, knocksBurst, iterations,
                resume.toMillis(), ban.toMillis(), 1000, admission.room());
    }
}
