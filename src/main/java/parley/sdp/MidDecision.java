package parley.sdp;

/** What the server does with one live m-line of an offer, as the SFU decides it from the signaling. */
public sealed interface MidDecision {
    /** The client sends a track on this m-line (offered sendonly): the server answers recvonly. */
    record FromClient() implements MidDecision {}

    /** The server sends a track to the client on this m-line (offered recvonly): answered sendonly. */
    record ToClient(SendStream stream) implements MidDecision {
        public ToClient {
            if (stream == null) throw new IllegalArgumentException("no stream for ToClient");
        }
    }

    /** Kept but idle (for a recv slot whose track is gone): answered inactive. */
    record Inactive() implements MidDecision {}

    /** Rejected: answered with port 0. */
    record Reject() implements MidDecision {}

    static MidDecision fromClient() {
        return new FromClient();
    }

    static MidDecision toClient(SendStream stream) {
        return new ToClient(stream);
    }

    static MidDecision inactive() {
        return new Inactive();
    }

    static MidDecision reject() {
        return new Reject();
    }
}
