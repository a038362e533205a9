package parley.sfu;

/**
 * Transport-wide congestion feedback to a sender on what we received from it (without it,
 * Chrome's estimate stays at its start rate and simulcast never climbs past the lowest layer).
 */
final class TransportFeedback extends RtcpStage {
    static final long INTERVAL_MS = 100;
    /** Feedback packets per run at most (each covers hundreds of packets). */
    private static final int MAX_PACKETS_PER_RUN = 8;


    TransportFeedback(SfuPeer peer, RtcpSender.Out out) {
        super(peer, out, INTERVAL_MS);
    }

    @Override
    void run(long nowMs) {
        for (int i = 0; i < MAX_PACKETS_PER_RUN; i++) {
            int n = peer.twcc().writeFeedback(out.buffer, 0, peer.localSsrc());
            if (n == 0) return;
            out.send(n);
        }
    }
}
