package parley.sfu;

/**
 * One periodic piece of the RTCP the server owes a peer (NACKs, transport-cc feedback,
 * reports), run by {@link RtcpSender} at its own interval. Loop thread only.
 */
interface RtcpStage {
    long intervalMs();

    void run(long nowMs);
}
