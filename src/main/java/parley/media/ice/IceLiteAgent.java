package parley.media.ice;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The ICE-lite side (RFC 8445 §2.5) of one client transport: answers the client's Binding requests
 * (connectivity checks, then consent checks, RFC 7675), chooses the address to send media to, and
 * tells when consent expired. It never sends requests of its own and is always the controlled agent.
 *
 * <p>A request is valid when it is a Binding request with USERNAME "localUfrag:remoteUfrag" and a
 * MESSAGE-INTEGRITY keyed with the local password, and a FINGERPRINT, if present, matches. Any source
 * address with a valid request is accepted: a browser may check from an interface address of another
 * family than the candidate the server advertised. The selected address is the first valid source
 * until a request carries USE-CANDIDATE; from then on it is the latest nominated source.
 *
 * <p>ICE restart (RFC 8445 §9): {@link #restart} adds a second pair of credentials. Requests
 * under the old ones are still answered until the first valid request under the new ones;
 * from then on only the new ones are, and selection starts over from that request's source
 * (as for a new agent), so media follows whichever address passes the new checks. Consent
 * runs on across the restart: any valid request refreshes it.
 *
 * <p>Not thread-safe: one owner (the transport's receive loop) calls every method. Never logs.
 */
public final class IceLiteAgent {
    /** RFC 7675 §5.1: consent expires 30 s after the last check that succeeded. */
    public static final long DEFAULT_CONSENT_TIMEOUT_MS = 30_000;

    /** What became of one datagram; every value but ACCEPTED and ROLE_CONFLICT drops it. */
    public enum Outcome {
        /** A valid check, answered with a Binding success response. */
        ACCEPTED,
        /** A valid check with ICE-CONTROLLED, answered with 487 Role Conflict. */
        ROLE_CONFLICT,
        MALFORMED,
        NOT_BINDING_REQUEST,
        BAD_FINGERPRINT,
        BAD_USERNAME,
        NO_INTEGRITY,
        BAD_INTEGRITY;

        /** Whether nothing is sent back. */
        public boolean isDropped() {
            return this != ACCEPTED && this != ROLE_CONFLICT;
        }
    }

    /**
     * The answer to one datagram.
     *
     * @param response the bytes to send back to the source address, or null when dropped
     * @param selected whether the source address is now the selected one
     * @param outcome what happened, for counters
     */
    public record Result(byte[] response, boolean selected, Outcome outcome) {
        public Result {
            Objects.requireNonNull(outcome, "outcome");
            if ((response == null) != outcome.isDropped()) {
                throw new IllegalArgumentException("ICE result " + outcome + " with response=" + (response != null)
                        + " (expected: a response exactly when not dropped)");
            }
            if (selected && outcome != Outcome.ACCEPTED) {
                throw new IllegalArgumentException("ICE result " + outcome + " selected (expected: only ACCEPTED)");
            }
        }
    }

    private static final Map<Outcome, Result> DROPPED = new EnumMap<>(Outcome.class);

    static {
        for (Outcome outcome : Outcome.values()) {
            if (outcome.isDropped()) {
                DROPPED.put(outcome, new Result(null, false, outcome));
            }
        }
    }

    /** The credentials in use, and the ones of a restart not yet used (null when none). */
    private Credentials current;
    private Credentials pending;
    private final long consentTimeoutMs;
    private long lastValidMs;
    private InetSocketAddress selected;
    private boolean nominated;

    /**
     * @param local this server's credentials for the transport (sent to the client in the SDP)
     * @param remote the client's credentials from its SDP; only the ufrag matters to a lite agent
     * @param consentTimeoutMs how long without a valid request before consent expires
     * @param nowMs the creation time, on the same clock as every later {@code nowMs}
     */
    public IceLiteAgent(IceCredentials local, IceCredentials remote, long consentTimeoutMs, long nowMs) {
        Objects.requireNonNull(remote, "remote");
        if (consentTimeoutMs <= 0) {
            throw new IllegalArgumentException("ICE consent timeout " + consentTimeoutMs + " ms (expected: > 0)");
        }
        this.current = new Credentials(Objects.requireNonNull(local, "local"), remote);
        this.consentTimeoutMs = consentTimeoutMs;
        this.lastValidMs = nowMs;
    }

    /** An agent with the RFC 7675 consent timeout of 30 s. */
    public IceLiteAgent(IceCredentials local, IceCredentials remote, long nowMs) {
        this(local, remote, DEFAULT_CONSENT_TIMEOUT_MS, nowMs);
    }

    /**
     * Handles one datagram that the demultiplexer took for STUN. Never throws for any content of
     * {@code buf[off, off + len)}.
     *
     * @param from the source address; resolved, as a UDP socket reports it
     */
    public Result handle(byte[] buf, int off, int len, InetSocketAddress from, long nowMs) {
        StunMessage request;
        try {
            request = StunMessage.parse(buf, off, len);
        } catch (StunException e) {
            return DROPPED.get(Outcome.MALFORMED);
        }
        Outcome check = check(request, current);
        if (check == Outcome.BAD_USERNAME && pending != null) {
            check = check(request, pending);
            if (check == Outcome.ACCEPTED) {
                // The client uses the new credentials: the old ones are done, selection starts over.
                current = pending;
                pending = null;
                selected = null;
                nominated = false;
            }
        }
        if (check != Outcome.ACCEPTED) {
            return DROPPED.get(check);
        }
        byte[] integrityKey = current.integrityKey;
        if (request.iceControlled().isPresent()) {
            // RFC 8445 §7.3.1.1: the client claims the controlled role too; a lite agent cannot switch.
            byte[] error = new StunWriter(StunMessage.BINDING_ERROR_RESPONSE, request.transactionId())
                    .errorCode(StunErrorCode.ROLE_CONFLICT)
                    .toBytes(integrityKey, true);
            return new Result(error, false, Outcome.ROLE_CONFLICT);
        }
        select(from, request.useCandidate());
        lastValidMs = nowMs;
        byte[] success = new StunWriter(StunMessage.BINDING_SUCCESS_RESPONSE, request.transactionId())
                .xorMappedAddress(from)
                .toBytes(integrityKey, true);
        return new Result(success, from.equals(selected), Outcome.ACCEPTED);
    }

    /** The address to send media to, or null before the first valid request. */
    public InetSocketAddress selectedAddress() {
        return selected;
    }

    /** Whether a valid request has selected an address. */
    public boolean isConnected() {
        return selected != null;
    }

    /** Whether the client has nominated the selected address with USE-CANDIDATE. */
    public boolean isNominated() {
        return nominated;
    }

    /**
     * Whether {@code consentTimeoutMs} have passed without a valid request: since the last valid one,
     * or since creation before the first one.
     */
    public boolean consentExpired(long nowMs) {
        return nowMs - lastValidMs >= consentTimeoutMs;
    }

    /** The local credentials in use: the old ones of a restart until the new ones are used. */
    public IceCredentials localCredentials() {
        return current.local;
    }

    /** The local credentials of a restart that no request has used yet, or null. */
    public IceCredentials pendingCredentials() {
        return pending == null ? null : pending.local;
    }

    /**
     * An ICE restart: from now on requests under {@code newLocal} and {@code newRemote} are
     * answered too, and the first of them retires the old credentials. A second restart before
     * the first was used replaces it.
     */
    public void restart(IceCredentials newLocal, IceCredentials newRemote) {
        pending = new Credentials(Objects.requireNonNull(newLocal, "newLocal"), Objects.requireNonNull(newRemote, "newRemote"));
    }

    /** The checks before a request is answered, cheapest first; ACCEPTED when it passes them all. */
    private static Outcome check(StunMessage request, Credentials c) {
        if (request.type() != StunMessage.BINDING_REQUEST) {
            return Outcome.NOT_BINDING_REQUEST;
        }
        if (request.hasFingerprint() && !request.isFingerprintValid()) {
            return Outcome.BAD_FINGERPRINT;
        }
        if (!request.valueEquals(StunAttribute.USERNAME, c.expectedUsername)) {
            return Outcome.BAD_USERNAME;
        }
        if (!request.has(StunAttribute.MESSAGE_INTEGRITY)) {
            return Outcome.NO_INTEGRITY;
        }
        return request.hasValidIntegrity(c.integrityKey) ? Outcome.ACCEPTED : Outcome.BAD_INTEGRITY;
    }

    /** One generation of credentials, with what checking a request needs of them. */
    private static final class Credentials {
        final IceCredentials local;
        final byte[] integrityKey;
        final byte[] expectedUsername;

        Credentials(IceCredentials local, IceCredentials remote) {
            this.local = local;
            this.integrityKey = local.pwd().getBytes(StandardCharsets.UTF_8);
            this.expectedUsername = (local.ufrag() + ":" + remote.ufrag()).getBytes(StandardCharsets.UTF_8);
        }
    }

    private void select(InetSocketAddress from, boolean useCandidate) {
        if (useCandidate) {
            selected = from;
            nominated = true;
        } else if (selected == null) {
            selected = from;
        }
    }
}
