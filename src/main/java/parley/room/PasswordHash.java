package parley.room;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A room password as the server keeps it: PBKDF2-HMAC-SHA256 with a random 16-byte salt,
 * in memory only. The password itself is never kept and never sent to anyone; guesses
 * are compared in constant time. Immutable, thread-safe.
 */
public final class PasswordHash {
    private static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] salt;
    private final byte[] hash;
    private final int iterations;

    private PasswordHash(byte[] salt, byte[] hash, int iterations) {
        this.salt = salt;
        this.hash = hash;
        this.iterations = iterations;
    }

    /** Hashes {@code password} with a fresh salt; {@code iterations} trades CPU for guessing cost. */
    public static PasswordHash of(String password, int iterations) {
        if (iterations < 1) throw new IllegalArgumentException("iterations " + iterations + " (expected: >= 1)");
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return new PasswordHash(salt, derive(password, salt, iterations), iterations);
    }

    /** Whether {@code guess} is the password; the comparison takes the same time wherever they differ. */
    public boolean matches(String guess) {
        return MessageDigest.isEqual(hash, derive(guess, salt, iterations));
    }

    private static byte[] derive(String password, byte[] salt, int iterations) {
        // PBEKeySpec wants chars; UTF-8 bytes mapped 1:1 keep non-Latin passwords exact.
        byte[] utf8 = password.getBytes(StandardCharsets.UTF_8);
        char[] chars = new char[utf8.length];
        for (int i = 0; i < utf8.length; i++) chars[i] = (char) (utf8[i] & 0xff);
        PBEKeySpec spec = new PBEKeySpec(chars, salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " unavailable", e);
        } finally {
            spec.clearPassword();
        }
    }
}
