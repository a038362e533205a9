package parley.media.srtp;

/**
 * The SRTP protection profiles Parley negotiates in DTLS-SRTP (RFC 5764 §4.1.2, RFC 7714 §14.2),
 * with the lengths in bytes each one keys and tags with.
 */
public enum SrtpProfile {
    /** AES-128 counter mode, 80-bit HMAC-SHA1 tag (RFC 3711 §4); DTLS-SRTP id 0x0001. */
    AES_CM_128_HMAC_SHA1_80(0x0001, 16, 14, 10),
    /** AES-128 GCM, 128-bit tag (RFC 7714); DTLS-SRTP id 0x0007. */
    AEAD_AES_128_GCM(0x0007, 16, 12, 16);

    /** Bytes of the E flag and 31-bit SRTCP index that every SRTCP packet carries (RFC 3711 §3.4). */
    static final int SRTCP_INDEX_LENGTH = 4;

    private final int id;
    private final int keyLength;
    private final int saltLength;
    private final int tagLength;

    SrtpProfile(int id, int keyLength, int saltLength, int tagLength) {
        this.id = id;
        this.keyLength = keyLength;
        this.saltLength = saltLength;
        this.tagLength = tagLength;
    }

    /** The profile a DTLS-SRTP use_srtp extension names by this id. */
    public static SrtpProfile fromId(int id) throws SrtpException {
        for (SrtpProfile p : values()) {
            if (p.id == id) {
                return p;
            }
        }
        throw new SrtpException(String.format("SRTP profile id 0x%04x (expected: 0x0001 or 0x0007)", id));
    }

    /** The DTLS-SRTP protection profile id (RFC 5764 §4.1.2). */
    public int id() {
        return id;
    }

    /** Master (and session) key length in bytes. */
    public int keyLength() {
        return keyLength;
    }

    /** Master (and session) salt length in bytes. */
    public int saltLength() {
        return saltLength;
    }

    /** Authentication tag length in bytes, appended to every SRTP and SRTCP packet. */
    public int tagLength() {
        return tagLength;
    }

    /** Bytes {@link SrtpContext#protectRtp} appends to an RTP packet: the tag. */
    public int srtpOverhead() {
        return tagLength;
    }

    /** Bytes {@link SrtpContext#protectRtcp} appends to an RTCP packet: E flag, index and tag. */
    public int srtcpOverhead() {
        return SRTCP_INDEX_LENGTH + tagLength;
    }

    /**
     * Where the E flag and SRTCP index sit in an SRTCP packet of this length: before the tag for
     * AES-CM (RFC 3711 §3.4), after it for GCM (RFC 7714 §9.3).
     */
    int srtcpIndexOffset(int srtcpLength) {
        return this == AEAD_AES_128_GCM
                ? srtcpLength - SRTCP_INDEX_LENGTH
                : srtcpLength - tagLength - SRTCP_INDEX_LENGTH;
    }
}
