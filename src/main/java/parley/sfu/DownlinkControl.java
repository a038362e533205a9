package parley.sfu;

/**
 * Congestion control toward one receiver: the bandwidth estimate from its transport-cc
 * feedback on what we send it, and the layer of each of its video slots within that estimate.
 * Loop thread only.
 */
final class DownlinkControl {
    /** What a receiver without transport-cc feedback is assumed to take. */
    static final long DEFAULT_BPS = 2_500_000;

    private long estimateBps = DEFAULT_BPS;

    void onSent(int transportSeq, int sizeBytes, long nowMs) {
        // estimator lands with parley.cc
    }

    void onFeedback(byte[] b, int off, int len, long nowMs) {
        // estimator lands with parley.cc
    }

    long estimateBps() {
        return estimateBps;
    }

    /** Gives each video slot, in priority order, the layer its tile calls for within the estimate. */
    void allocate(SfuPeer peer, long nowMs) {
        for (Consumer c : peer.videoPriority) c.setTargetLayer(c.target.usableLayer(c.preferredLayer, nowMs), nowMs);
    }
}
