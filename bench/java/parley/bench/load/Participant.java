package parley.bench.load;

import java.util.concurrent.TimeUnit;

/**
 * One synthetic participant as the run sees it, whatever server it speaks to: a Parley participant
 * ({@link SyntheticParticipant}) or a Janus publisher or subscriber ({@link JanusParticipant}).
 * Implementations are thread-safe.
 */
interface Participant {
    /** Starts joining; returns at once. */
    void start();

    /** Leaves and closes everything; blocks for a moment at most. */
    void leave();

    /** Milliseconds from the start to the first RTP packet (or to DTLS done), or -1 while not joined. */
    long joinMs();

    /**
     * Where the join time went, in ms (-1 for a step not reached): start to joined, joined to the
     * SDP answer, answer to DTLS done, DTLS done to the first RTP packet.
     */
    long[] phasesMs();

    /** The transport, for its ports. */
    MediaPeer peer();

    /** Whether its media is connected (ICE and DTLS done) and not closed. */
    boolean isConnected();

    /** Whether it has received at least one RTP packet. */
    boolean isReceiving();

    /** Why it will not join (a stage name), or null. */
    String failure();

    /** Receive slots that carry someone now: {audio, video}. */
    int[] filledSlots();

    /** {@link #joinMs} from the moments (System.nanoTime, 0 = not yet): to the first RTP packet, else to DTLS done. */
    static long joinMs(long startNanos, long connectedNanos, long firstRtpNanos) {
        long end = firstRtpNanos != 0 ? firstRtpNanos : connectedNanos;
        return end == 0 || startNanos == 0 ? -1 : TimeUnit.NANOSECONDS.toMillis(end - startNanos);
    }

    /** {@link #phasesMs} from the moments of each step (System.nanoTime, 0 = not reached). */
    static long[] phasesMs(long... at) {
        long[] ms = new long[at.length - 1];
        for (int i = 0; i < ms.length; i++) {
            ms[i] = at[i] == 0 || at[i + 1] == 0 ? -1 : TimeUnit.NANOSECONDS.toMillis(Math.max(0, at[i + 1] - at[i]));
        }
        return ms;
    }
}
