package parley.sdp;

/** An {@code a=ssrc-group:FID <primary> <rtx>} pair: the RTX stream that repairs a primary stream. */
public record FidGroup(long primarySsrc, long rtxSsrc) {
    public FidGroup {
        if (primarySsrc < 0 || primarySsrc > 0xFFFF_FFFFL || rtxSsrc < 0 || rtxSsrc > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("FID " + primarySsrc + " " + rtxSsrc + " (expected: 0..2^32-1)");
        }
    }
}
