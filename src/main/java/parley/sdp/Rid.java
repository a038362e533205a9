package parley.sdp;

/**
 * A restriction identifier, {@code a=rid:<id> send|recv [<params>]} (RFC 8851).
 *
 * @param id        1..16 characters of [A-Za-z0-9_-] (16 so it fits the RTP stream id header extension)
 * @param send      true for "send", false for "recv"
 * @param params    the restrictions as written ("pt=96;max-width=640"), "" if none
 */
public record Rid(String id, boolean send, String params) {
    public Rid {
        if (!SdpTokens.isRidId(id)) throw new IllegalArgumentException("rid " + SdpTokens.quote(id));
        if (params == null) params = "";
    }
}
