package parley.sfu;

/**
 * How the SFU reaches one client's media transport: the only seam between {@code sfu} and
 * {@code media.transport}, so that the SFU's unit tests need no socket. Loop thread only.
 */
public interface MediaLink {
    /** Encrypts in place and sends one RTP packet; {@code b} has SRTP headroom. Dropped while not connected. */
    void sendRtp(byte[] b, int off, int len);

    /** As {@link #sendRtp} for one compound RTCP packet. */
    void sendRtcp(byte[] b, int off, int len);

    /** Frees the sending state of an SSRC we no longer send on. */
    void forgetOutgoingSsrc(long ssrc);

    /** Periodic work of the transport (consent freshness, test shaping). */
    void tick(long nowMs);

    void close();

    /** Test hook: drops this fraction of outgoing RTP. */
    default void setTestDropRate(double rate) {}

    /** Test hook: a downlink bottleneck of {@code bps} (0: none) with a queue of {@code maxQueueMs}. */
    default void setTestDownlink(long bps, long maxQueueMs) {}
}
