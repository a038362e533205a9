package parley.sdp;

/** A media or header-extension direction (RFC 8866 section 6.7, RFC 8285 section 7). */
public enum Direction {
    SENDRECV("sendrecv"), SENDONLY("sendonly"), RECVONLY("recvonly"), INACTIVE("inactive");

    private final String sdpName;

    Direction(String sdpName) {
        this.sdpName = sdpName;
    }

    /** The attribute name: "sendonly". */
    public String sdpName() {
        return sdpName;
    }

    /** The direction as the other side sees it: sendonly becomes recvonly and back. */
    public Direction reverse() {
        return switch (this) {
            case SENDONLY -> RECVONLY;
            case RECVONLY -> SENDONLY;
            default -> this;
        };
    }

    /** Whether the side using this direction sends media. */
    public boolean sends() {
        return this == SENDRECV || this == SENDONLY;
    }

    /** Whether the side using this direction receives media. */
    public boolean receives() {
        return this == SENDRECV || this == RECVONLY;
    }

    /** The direction named {@code s}, or null if {@code s} is not one. */
    static Direction fromSdp(String s) {
        for (Direction d : values()) if (d.sdpName.equals(s)) return d;
        return null;
    }
}
