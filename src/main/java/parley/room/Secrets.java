package parley.room;

import java.security.SecureRandom;
import java.util.Base64;

/** Random names and secrets from a {@link SecureRandom}. Thread-safe. */
public final class Secrets {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String LOWER_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";
    /** Letters and digits that cannot be mistaken for one another when read aloud or typed. */
    private static final String UNAMBIGUOUS = "abcdefghjkmnpqrstuvwxyz23456789";

    private Secrets() {}

    /** A participant id: "p" and 15 lower-case letters or digits (77 bits). */
    public static String participantId() {
        return "p" + random(LOWER_ALNUM, 15);
    }

    /** A resume secret: 32 random bytes, base64url without padding (43 characters). */
    public static String resumeSecret() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** A room name no one can guess: four groups of five (103 bits), e.g. "k3f9a-q2m8z-0x7pd-w4rt1". */
    public static String roomName() {
        return groups(LOWER_ALNUM, 4, 5);
    }

    /** A password easy to type: four groups of four unambiguous characters (79 bits). */
    public static String password() {
        return groups(UNAMBIGUOUS, 4, 4);
    }

    private static String groups(String alphabet, int count, int length) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < count; i++) {
            if (i > 0) sb.append('-');
            sb.append(random(alphabet, length));
        }
        return sb.toString();
    }

    private static String random(String alphabet, int length) {
        char[] c = new char[length];
        for (int i = 0; i < length; i++) c[i] = alphabet.charAt(RANDOM.nextInt(alphabet.length()));
        return new String(c);
    }
}
