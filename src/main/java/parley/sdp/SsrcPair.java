package parley.sdp;

/** An SSRC the client announced for one of its streams, with its RTX SSRC (a=ssrc-group:FID) or -1. */
public record SsrcPair(long ssrc, long rtxSsrc) {
    public SsrcPair {
        if (ssrc < 0 || ssrc > 0xFFFF_FFFFL || rtxSsrc < -1 || rtxSsrc > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("ssrc pair " + ssrc + "/" + rtxSsrc + " (expected: 0..2^32-1, rtx -1 for none)");
        }
    }

    public boolean hasRtx() {
        return rtxSsrc >= 0;
    }
}
