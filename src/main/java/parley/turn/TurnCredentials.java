package parley.turn;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issues TURN credentials in the scheme coturn checks with {@code use-auth-secret}
 * (draft-uberti-behave-turn-rest section 2.2): username {@code <expiry>:<id>}, with the
 * expiry in Unix seconds and an id that is random per credential (never anything about the
 * participant), and password base64(HMAC-SHA1(secret, username)). coturn needs no state to
 * check them. Thread-safe.
 *
 * <p>coturn checks the expiry only when a TURN session first authenticates (its Allocate);
 * Refresh, CreatePermission and ChannelBind of that allocation use the key it cached, and a
 * REST credential sets no session limit. So a call in progress outlives its credential, and
 * only a new allocation (a new peer connection, an ICE restart) needs one that is still
 * valid: every {@code joined} carries a fresh one.
 */
public final class TurnCredentials {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** 96 random bits: ids never repeat, and coturn's 512-byte username limit is far away. */
    private static final int ID_BYTES = 12;

    private final TurnConfig config;

    public TurnCredentials(TurnConfig config) {
        this.config = config;
    }

    public TurnConfig config() {
        return config;
    }

    /** A fresh credential for every URI of the config, valid until {@code nowMs} plus the config's lifetime. */
    public IceServer issue(long nowMs) {
        byte[] id = new byte[ID_BYTES];
        RANDOM.nextBytes(id);
        return issue(nowMs, Base64.getUrlEncoder().withoutPadding().encodeToString(id));
    }

    /** {@link #issue(long)} with a given id (tests). */
    IceServer issue(long nowMs, String id) {
        long expirySeconds = Math.floorDiv(nowMs, 1000) + config.ttl().toSeconds();
        String username = expirySeconds + ":" + id;
        return new IceServer(config.uris(), username, credential(config.secret(), username));
    }

    /** base64(HMAC-SHA1(secret, username)): what coturn computes from its static-auth-secret. */
    static String credential(String secret, String username) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is missing from this JDK", e); // every JDK has it
        }
    }
}
