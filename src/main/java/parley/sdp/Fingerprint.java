package parley.sdp;

import java.util.Locale;
import java.util.Map;

/**
 * A DTLS certificate fingerprint (RFC 8122): {@code a=fingerprint:sha-256 AB:CD:...}.
 * The algorithm is kept in lower case, the hex in upper case with colons.
 */
public record Fingerprint(String algorithm, String hex) {
    /** Digest length in bytes of each algorithm accepted (RFC 8122 section 5; md2 and md5 are not). */
    private static final Map<String, Integer> DIGEST_BYTES =
            Map.of("sha-1", 20, "sha-224", 28, "sha-256", 32, "sha-384", 48, "sha-512", 64);

    public Fingerprint {
        String problem = problem(algorithm, hex);
        if (problem != null) throw new IllegalArgumentException(problem);
        algorithm = algorithm.toLowerCase(Locale.ROOT);
        hex = hex.toUpperCase(Locale.ROOT);
    }

    /** What is wrong with this algorithm and hex, or null if they make a valid fingerprint. */
    static String problem(String algorithm, String hex) {
        if (algorithm == null || hex == null) return "fingerprint missing algorithm or value";
        Integer bytes = DIGEST_BYTES.get(algorithm.toLowerCase(Locale.ROOT));
        if (bytes == null) {
            return "fingerprint algorithm " + SdpTokens.quote(algorithm)
                    + " (expected: sha-1, sha-224, sha-256, sha-384 or sha-512)";
        }
        if (!isColonHex(hex, bytes)) {
            return "fingerprint " + SdpTokens.quote(hex) + " (expected: " + bytes
                    + " hex bytes separated by colons for " + algorithm + ")";
        }
        return null;
    }

    private static boolean isColonHex(String s, int bytes) {
        if (s.length() != bytes * 3 - 1) return false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = i % 3 == 2 ? c == ':' : Character.digit(c, 16) >= 0;
            if (!ok) return false;
        }
        return true;
    }

    /** The attribute value: "sha-256 AB:CD:...". */
    @Override
    public String toString() {
        return algorithm + " " + hex;
    }
}
