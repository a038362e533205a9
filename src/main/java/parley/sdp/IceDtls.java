package parley.sdp;

/**
 * The ICE and DTLS attributes written at one level of an SDP (session or one m-line); each is
 * null when that level does not have it.
 *
 * @param iceUfrag    a=ice-ufrag (RFC 8839)
 * @param icePwd      a=ice-pwd
 * @param fingerprint the first a=fingerprint (RFC 8122)
 * @param setup       a=setup value: "actpass", "active", "passive" or "holdconn" (RFC 4145)
 */
public record IceDtls(String iceUfrag, String icePwd, Fingerprint fingerprint, String setup) {
    static final IceDtls NONE = new IceDtls(null, null, null, null);

    /** Each attribute from this level, or else from {@code fallback}. */
    IceDtls or(IceDtls fallback) {
        return new IceDtls(iceUfrag != null ? iceUfrag : fallback.iceUfrag,
                icePwd != null ? icePwd : fallback.icePwd,
                fingerprint != null ? fingerprint : fallback.fingerprint,
                setup != null ? setup : fallback.setup);
    }
}
