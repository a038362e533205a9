package parley.sfu;

import java.util.ArrayList;
import java.util.List;
import parley.cc.BandwidthEstimator;
import parley.cc.LayerAllocator;

/**
 * Congestion control toward one receiver: the bandwidth estimate from its transport-cc
 * feedback on what we send it ({@link BandwidthEstimator}, GCC's delay and loss controllers),
 * and the layer of each of its video slots within that estimate ({@link LayerAllocator}: in
 * the receiver's priority order, lowest layers first, then upgrades with a hold-down so that
 * quality does not flap). Loop thread only.
 */
final class DownlinkControl {
    /**
     * Where the estimate starts. Without probing, GCC grows an app-limited estimate only to
     * 1.5x what is acknowledged, so it must start high enough for a page of small tiles and a
     * speaker (25 x 150 kbit/s + 1.5 Mbit/s); a slower link brings it down within a second.
     */
    static final long INITIAL_BPS = 6_000_000;
    static final long MIN_BPS = 100_000;
    static final long MAX_BPS = 30_000_000;
    /** SRTP authentication tag, added to each packet's size on the wire. */
    private static final int SRTP_TAG_BYTES = 10;

    private final BandwidthEstimator estimator = new BandwidthEstimator(INITIAL_BPS, MIN_BPS, MAX_BPS);
    private final LayerAllocator allocator = new LayerAllocator();

    void onSent(int transportSeq, int sizeBytes, long nowMs) {
        estimator.onPacketSent(transportSeq, sizeBytes + SRTP_TAG_BYTES, nowMs * 1000);
    }

    void onFeedback(byte[] b, int off, int len, long nowMs) {
        estimator.onFeedback(b, off, len, nowMs * 1000);
    }

    /** The estimate; receivers that never send transport-cc feedback keep the initial value. */
    long estimateBps() {
        return estimator.estimateBps();
    }


    /** Sets every video slot's target layer within the estimate (see {@link LayerAllocator}). */
    void allocate(SfuPeer peer, long nowMs) {
        List<Consumer> slots = peer.videoPriority;
        List<LayerAllocator.Slot> wants = new ArrayList<>(slots.size());
        for (Consumer c : slots) {
            Producer p = c.target();
            long[] bps = new long[p.layers().length];
            for (int i = 0; i < bps.length; i++) {
                bps[i] = p.layers()[i] != null && p.layers()[i].activeAt(nowMs) ? p.layers()[i].bitrate().bps(nowMs) : 0;
            }
            wants.add(new LayerAllocator.Slot((int) c.ssrc(), p.usableLayer(c.preferredLayer(), nowMs), bps, c.targetLayer()));
        }
        int[] layers = allocator.allocate(estimateBps() - audioBps(peer, nowMs), wants, nowMs);
        for (int i = 0; i < slots.size(); i++) slots.get(i).setTargetLayer(layers[i], nowMs);
    }

    private static long audioBps(SfuPeer peer, long nowMs) {
        long sum = 0;
        for (Consumer c : peer.audioSlots()) {
            if (c.current() != null && c.current().layers()[0] != null) sum += c.current().layers()[0].bitrate().bps(nowMs);
        }
        return sum;
    }
}
