package parley.sfu;

/**
 * One periodic piece of the RTCP the server owes a peer (NACKs, transport-cc feedback,
 * reports), run by {@link RtcpSender} every {@link #intervalMs}; it writes into the shared
 * {@link RtcpSender.Out}. Loop thread only.
 */
abstract class RtcpStage {
    protected final SfuPeer peer;
    protected final RtcpSender.Out out;
    private final long intervalMs;

    RtcpStage(SfuPeer peer, RtcpSender.Out out, long intervalMs) {
        this.peer = peer;
        this.out = out;
        this.intervalMs = intervalMs;
    }

    abstract void run(long nowMs);

    SfuPeer peer() {
        return peer;
    }

    long intervalMs() {
        return intervalMs;
    }
}
