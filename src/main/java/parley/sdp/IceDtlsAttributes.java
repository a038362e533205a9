package parley.sdp;

import java.util.Set;

/**
 * Collects a=ice-ufrag, a=ice-pwd, a=fingerprint and a=setup at one level of an SDP (the
 * session or one m-line). Not thread-safe: one per level of one parse.
 */
final class IceDtlsAttributes {
    private static final Set<String> SETUP_ROLES = Set.of("actpass", "active", "passive", "holdconn");

    private String iceUfrag;
    private String icePwd;
    private Fingerprint fingerprint;
    private String setup;

    /** Takes the attribute if it is one of the four; returns false for any other attribute. */
    boolean accept(String name, String valueOrNull, int line) throws SdpException {
        String value = valueOrNull == null ? "" : valueOrNull;
        switch (name) {
            case "ice-ufrag" -> iceUfrag = iceValue("ice-ufrag", iceUfrag, value, 4, line);
            case "ice-pwd" -> icePwd = iceValue("ice-pwd", icePwd, value, 22, line);
            case "fingerprint" -> fingerprint(value, line);
            case "setup" -> setup = setup(value, line);
            default -> {
                return false;
            }
        }
        return true;
    }

    IceDtls build() {
        return new IceDtls(iceUfrag, icePwd, fingerprint, setup);
    }

    /**
     * An ice-ufrag (4..256) or ice-pwd (22..256) of ice-chars (RFC 8839 section 5.4). The value
     * is never quoted back: it is a credential.
     */
    private static String iceValue(String name, String previous, String value, int minChars, int line)
            throws SdpException {
        once(previous, name, line);
        if (!SdpTokens.isIceChars(value, minChars, 256)) {
            throw SdpException.atLine(line, name + " of " + value.length() + " characters"
                    + " (expected: " + minChars + "..256 of A-Z a-z 0-9 + /)");
        }
        return value;
    }

    private void fingerprint(String value, int line) throws SdpException {
        String[] f = SdpTokens.fields(value);
        if (f.length != 2) {
            throw SdpException.atLine(line, "fingerprint " + SdpTokens.quote(value)
                    + " (expected: <hash-function> <hex:hex:...>)");
        }
        String problem = Fingerprint.problem(f[0], f[1]);
        if (problem != null) throw SdpException.atLine(line, problem);
        // RFC 8122 allows several; the first is the one the offerer prefers.
        if (fingerprint == null) fingerprint = new Fingerprint(f[0], f[1]);
    }

    private String setup(String value, int line) throws SdpException {
        once(setup, "setup", line);
        if (!SETUP_ROLES.contains(value)) {
            throw SdpException.atLine(line, "setup " + SdpTokens.quote(value)
                    + " (expected: actpass, active, passive or holdconn)");
        }
        return value;
    }

    private static void once(String previous, String name, int line) throws SdpException {
        if (previous != null) throw SdpException.atLine(line, "second a=" + name + " (expected: one)");
    }
}
