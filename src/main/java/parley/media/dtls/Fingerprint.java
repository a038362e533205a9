package parley.media.dtls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A certificate fingerprint as SDP carries it (RFC 8122 §5): a hash function name such as
 * "sha-256" and upper-case hex pairs separated by ':'. Immutable.
 */
final class Fingerprint {
    private static final HexFormat SDP_HEX = HexFormat.ofDelimiter(":").withUpperCase();

    private final String algorithm;
    private final byte[] digest;

    private Fingerprint(String algorithm, byte[] digest) {
        this.algorithm = algorithm;
        this.digest = digest;
    }

    /**
     * Parses the two parts of an SDP a=fingerprint line.
     *
     * @param algorithm "sha-1", "sha-224", "sha-256", "sha-384" or "sha-512", any case
     * @param hex hex pairs separated by ':', any case
     */
    static Fingerprint parse(String algorithm, String hex) throws DtlsException {
        String javaName = javaName(algorithm);
        byte[] digest;
        try {
            digest = SDP_HEX.parseHex(hex.trim());
        } catch (IllegalArgumentException e) {
            throw new DtlsException("DTLS fingerprint is not hex pairs separated by ':' (expected: like AB:CD:...)");
        }
        int expectedLength = newDigest(javaName).getDigestLength();
        if (digest.length != expectedLength) {
            throw new DtlsException("DTLS " + algorithm + " fingerprint of " + digest.length
                    + " bytes (expected: " + expectedLength + ")");
        }
        return new Fingerprint(javaName, digest);
    }

    /** The SHA-256 fingerprint of a DER certificate, formatted as in SDP. */
    static String sha256(byte[] der) {
        return SDP_HEX.formatHex(newDigest("SHA-256").digest(der));
    }

    /** Whether the DER certificate hashes to this fingerprint (constant-time compare). */
    boolean matches(byte[] der) {
        return MessageDigest.isEqual(digest, newDigest(algorithm).digest(der));
    }

    private static String javaName(String sdpName) throws DtlsException {
        return switch (sdpName.toLowerCase(Locale.ROOT)) {
            case "sha-1" -> "SHA-1";
            case "sha-224" -> "SHA-224";
            case "sha-256" -> "SHA-256";
            case "sha-384" -> "SHA-384";
            case "sha-512" -> "SHA-512";
            default -> throw new DtlsException("DTLS fingerprint hash function " + quoted(sdpName)
                    + " (expected: sha-1, sha-224, sha-256, sha-384 or sha-512)");
        };
    }

    /** The name quoted, cut short and reduced to safe characters: it comes from the client's SDP. */
    private static String quoted(String s) {
        String shortened = s.length() > 16 ? s.substring(0, 16) + "..." : s;
        return "\"" + shortened.replaceAll("[^A-Za-z0-9.-]", "?") + "\"";
    }

    private static MessageDigest newDigest(String javaName) {
        try {
            return MessageDigest.getInstance(javaName);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(javaName + " is required of every Java SE runtime", e);
        }
    }
}
