package parley.media.srtp;

/**
 * What one SSRC's streams need between packets (RFC 3711 §3.2.1, §3.3.1): the RTP rollover
 * counter and highest sequence number, the replay windows, and the next SRTCP index to send.
 * On a sending context the replay windows stay unused; on a receiving one the SRTCP index does.
 *
 * <p>Not thread-safe.
 */
final class SsrcState {
    private static final int SEQ_MODULUS = 1 << 16;
    private static final int SEQ_HALF = 1 << 15;
    private static final int SRTCP_INDEX_MASK = 0x7fff_ffff;

    final ReplayWindow rtpReplay = new ReplayWindow();
    final ReplayWindow rtcpReplay = new ReplayWindow();
    private boolean rtpStarted;
    /** ROC, an unsigned 32-bit counter of sequence number wraps. */
    private long rolloverCounter;
    /** s_l: the sequence number of the highest index so far. */
    private int highestSeq;
    private int nextSrtcpIndex;

    /**
     * The 48-bit packet index ROC·2^16 + SEQ of a packet with this sequence number, guessing the
     * ROC as RFC 3711 §3.3.1 and Appendix A do: one more than the current ROC if SEQ is far below
     * s_l (it wrapped), one less if far above (a late packet from before the wrap). Negative when
     * that would be before ROC 0. The first packet of a stream has ROC 0.
     */
    long estimateIndex(int seq) {
        if (!rtpStarted) {
            return seq;
        }
        long v;
        if (highestSeq < SEQ_HALF) {
            v = seq - highestSeq > SEQ_HALF ? rolloverCounter - 1 : rolloverCounter;
        } else {
            v = highestSeq - SEQ_HALF > seq ? rolloverCounter + 1 : rolloverCounter;
        }
        return v * SEQ_MODULUS + seq;
    }

    /** Takes an authenticated (or sent) index into account: ROC and s_l move only forward. */
    void advanceRtp(long index) {
        if (!rtpStarted || index > highestRtpIndex()) {
            rolloverCounter = index >>> 16;
            highestSeq = (int) (index & (SEQ_MODULUS - 1));
            rtpStarted = true;
        }
    }

    long highestRtpIndex() {
        return rolloverCounter * SEQ_MODULUS + highestSeq;
    }

    long rolloverCounter() {
        return rolloverCounter;
    }

    /** The SRTCP index for the next packet sent: 0 first, then +1 modulo 2^31 (RFC 3711 §3.4). */
    int takeSrtcpIndex() {
        int index = nextSrtcpIndex;
        nextSrtcpIndex = (index + 1) & SRTCP_INDEX_MASK;
        return index;
    }

    void setNextSrtcpIndex(int index) {
        nextSrtcpIndex = index & SRTCP_INDEX_MASK;
    }
}
