package parley.record;

/**
 * One sender's wall clock, as its RTCP sender reports give it, placed on a recording's timeline:
 * shared by all tracks of one participant, so that their audio and video line up by when they
 * were captured (the reports map each track's RTP clock to the same sender clock) rather than by
 * when their packets happened to arrive. The first mapped frame fixes the offset between the two
 * clocks; after that only the sender's clock counts. Not thread-safe (the recording's thread).
 */
final class SenderClock {
    private boolean known;
    private long offsetMs;

    /** The timeline time of sender time {@code senderMs}, for a frame that arrived at {@code arrivalMs}. */
    long toTimeline(long senderMs, long arrivalMs) {
        if (!known) {
            known = true;
            offsetMs = arrivalMs - senderMs;
        }
        return senderMs + offsetMs;
    }
}
