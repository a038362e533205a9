package parley.sdp;

/**
 * What the server sends on one of the client's recvonly m-lines: the RTP stream's SSRC, the
 * SSRC of its RTX stream, and the ids the client's ontrack event will see.
 *
 * @param ssrc     the primary stream's SSRC, 0..2^32-1
 * @param rtxSsrc  the RTX stream's SSRC, or -1 for none (it is also left out when RTX is not negotiated)
 * @param cname    RTCP CNAME (RFC 7022), 1..255 characters without spaces
 * @param streamId MediaStream id (msid, RFC 8830): the sending participant's id
 * @param trackId  MediaStreamTrack id: the track's id
 */
public record SendStream(long ssrc, long rtxSsrc, String cname, String streamId, String trackId) {
    private static final long MAX_SSRC = 0xFFFF_FFFFL;

    public SendStream {
        if (ssrc < 0 || ssrc > MAX_SSRC) throw new IllegalArgumentException("ssrc " + ssrc + " (expected: 0..2^32-1)");
        if (rtxSsrc < -1 || rtxSsrc > MAX_SSRC || rtxSsrc == ssrc) {
            throw new IllegalArgumentException("rtx ssrc " + rtxSsrc + " (expected: -1 or 0..2^32-1, not the ssrc)");
        }
        if (cname == null || cname.isEmpty() || cname.length() > 255 || cname.chars().anyMatch(c -> c <= ' ' || c > '~')) {
            throw new IllegalArgumentException("cname " + SdpTokens.quote(cname) + " (expected: 1..255 visible ASCII characters)");
        }
        // RFC 8830 section 2: msid-id is 1*64token-char.
        if (!SdpTokens.isToken(streamId, 64)) {
            throw new IllegalArgumentException("stream id " + SdpTokens.quote(streamId) + " (expected: 1..64 token characters)");
        }
        if (!SdpTokens.isToken(trackId, 64)) {
            throw new IllegalArgumentException("track id " + SdpTokens.quote(trackId) + " (expected: 1..64 token characters)");
        }
    }

    /** Whether there is an RTX stream. */
    public boolean hasRtx() {
        return rtxSsrc >= 0;
    }

    /** The msid value: "streamId trackId". */
    public String msid() {
        return streamId + " " + trackId;
    }
}
