package parley.media.ice;

import java.util.Objects;
import java.util.Random;

/**
 * An ICE username fragment and password (RFC 8839 §5.4): ufrag 4-256 and pwd 22-256 ice-chars
 * (ALPHA / DIGIT / "+" / "/"). {@link #toString} hides the password.
 */
public record IceCredentials(String ufrag, String pwd) {
    private static final String ICE_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    private static final int RANDOM_UFRAG_LENGTH = 8;
    private static final int RANDOM_PWD_LENGTH = 24;

    public IceCredentials {
        check("ufrag", ufrag, 4);
        check("pwd", pwd, 22);
    }

    /**
     * Fresh credentials: ufrag of 8 and pwd of 24 ice-chars (48 and 144 random bits).
     *
     * @param rnd the source of randomness; pass a {@link java.security.SecureRandom}
     */
    public static IceCredentials random(Random rnd) {
        return new IceCredentials(randomChars(rnd, RANDOM_UFRAG_LENGTH), randomChars(rnd, RANDOM_PWD_LENGTH));
    }

    @Override
    public String toString() {
        return "IceCredentials[ufrag=" + ufrag + ", pwd=(hidden)]";
    }

    private static String randomChars(Random rnd, int count) {
        char[] out = new char[count];
        for (int i = 0; i < count; i++) {
            out[i] = ICE_CHARS.charAt(rnd.nextInt(ICE_CHARS.length()));
        }
        return new String(out);
    }

    private static void check(String name, String value, int minLength) {
        Objects.requireNonNull(value, name);
        if (value.length() < minLength || value.length() > 256) {
            throw new IllegalArgumentException("ICE " + name + " of " + value.length()
                    + " characters (expected: " + minLength + "-256)");
        }
        for (int i = 0; i < value.length(); i++) {
            if (ICE_CHARS.indexOf(value.charAt(i)) < 0) {
                throw new IllegalArgumentException("ICE " + name + " with character U+"
                        + Integer.toHexString(value.charAt(i)) + " at " + i + " (expected: A-Z a-z 0-9 + /)");
            }
        }
    }
}
