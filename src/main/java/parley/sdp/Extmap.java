package parley.sdp;

/**
 * An RTP header extension mapping, {@code a=extmap:<id>[/<direction>] <uri>} (RFC 8285).
 *
 * @param id        1..255 (1..14 fit the one-byte header form)
 * @param uri       the extension's URI
 * @param direction the direction written after the id, or null when none was written (sendrecv)
 */
public record Extmap(int id, String uri, Direction direction) {
    public Extmap {
        if (id < 1 || id > 255) throw new IllegalArgumentException("extmap id " + id + " (expected: 1..255)");
        if (uri == null || uri.isEmpty()) throw new IllegalArgumentException("empty extmap uri");
    }

    /** The attribute value: "3 urn:ietf:params:rtp-hdrext:sdes:mid" or "9/recvonly urn:...". */
    @Override
    public String toString() {
        return id + (direction == null ? "" : "/" + direction.sdpName()) + " " + uri;
    }
}
