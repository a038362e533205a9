package parley.signal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.util.Date;

/**
 * The host policy applied to a join's {@code hostToken}. With a JWT, only HS256 under the
 * configured key is accepted (the algorithm is pinned: "none" and every other algorithm
 * are refused, CVE-2021-39215); {@code exp} is required and {@code nbf} honoured, with
 * {@link #CLOCK_SKEW_MS} of leeway; an optional {@code room} claim limits the token to
 * one room name (or "*"). Immutable, thread-safe.
 */
final class HostGate {
    /** What a token allows: opening a new room, and being a moderator on arrival. */
    record Verdict(boolean mayCreate, boolean holder) {}

    static final long CLOCK_SKEW_MS = 30_000;

    private final HostPolicy policy;
    private final MACVerifier verifier;
    private final byte[] secretDigest;

    HostGate(HostPolicy policy) {
        this.policy = policy;
        try {
            this.verifier = policy instanceof HostPolicy.Jwt j ? new MACVerifier(j.key()) : null;
        } catch (JOSEException e) {
            throw new IllegalArgumentException("unusable JWT key: " + e.getMessage(), e);
        }
        this.secretDigest = policy instanceof HostPolicy.Secret s ? sha256(s.secret()) : null;
    }

    /** Whether tokens mean anything here (a host policy is set): then they are paced as guesses. */
    boolean checksTokens() {
        return !(policy instanceof HostPolicy.None);
    }

    Verdict check(String token, String canonicalRoom, long nowMs) {
        boolean holder = switch (policy) {
            case HostPolicy.None n -> false;
            case HostPolicy.Secret s -> token != null && MessageDigest.isEqual(secretDigest, sha256(token));
            case HostPolicy.Jwt j -> token != null && validJwt(token, canonicalRoom, nowMs);
        };
        return new Verdict(holder || policy instanceof HostPolicy.None, holder);
    }

    private boolean validJwt(String token, String canonicalRoom, long nowMs) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())) return false;
            if (!jwt.verify(verifier)) return false;
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Date exp = claims.getExpirationTime();
            Date nbf = claims.getNotBeforeTime();
            if (exp == null || nowMs >= exp.getTime() + CLOCK_SKEW_MS) return false;
            if (nbf != null && nowMs + CLOCK_SKEW_MS < nbf.getTime()) return false;
            Object room = claims.getClaim("room");
            return room == null || (room instanceof String r && (r.equals("*") || r.equalsIgnoreCase(canonicalRoom)));
        } catch (ParseException | JOSEException | RuntimeException e) {
            return false; // any malformed token is simply not a host token
        }
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
