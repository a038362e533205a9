package parley.sdp;

/**
 * A source described by {@code a=ssrc:<ssrc> <attribute>:<value>} lines (RFC 5576).
 *
 * @param ssrc  0..2^32-1
 * @param cname its cname, or null if no cname line was given
 * @param msid  its msid value ("streamId trackId"), or null if none was given
 */
public record Ssrc(long ssrc, String cname, String msid) {
    public Ssrc {
        if (ssrc < 0 || ssrc > 0xFFFF_FFFFL) throw new IllegalArgumentException("ssrc " + ssrc + " (expected: 0..2^32-1)");
    }
}
