package parley.cc;

/**
 * Groups acknowledged packets into send bursts and yields, for each completed group, how much
 * later it was sent and how much later it arrived than the group before (libwebrtc's
 * {@code InterArrivalDelta}). A pacer sends in bursts a few ms apart, so comparing single packets
 * would measure the pacer, not the path; comparing groups measures the queue.
 *
 * <p>A group is the packets sent within {@value #GROUP_LENGTH_US} us of its first one, plus
 * packets that arrived in a burst right after it (a queue emptying at once). Send times are on the
 * sender's clock, arrival times on the receiver's; only differences are used. Not thread-safe.
 */
final class InterArrival {
    /** Packets sent within this span of a group's first packet belong to the group (us). */
    static final long GROUP_LENGTH_US = 5_000;
    /** A packet arriving at most this long after the group's last, and sooner than sent, joins it (us). */
    static final long BURST_DELTA_US = 5_000;
    /** A burst stops growing after this long (us). */
    static final long MAX_BURST_US = 100_000;
    /** Arrival time outrunning our own clock by this much means the receiver's clock jumped (us). */
    static final long ARRIVAL_OFFSET_THRESHOLD_US = 3_000_000;
    /** This many reordered groups in a row start everything afresh. */
    static final int REORDERED_RESET = 3;

    private boolean hasCurrent;
    private long currentFirstSendUs;
    private long currentSendUs;
    private long currentFirstArrivalUs;
    private long currentCompleteUs;
    private long currentSystemUs;

    private boolean hasPrevious;
    private long previousSendUs;
    private long previousCompleteUs;
    private long previousSystemUs;

    private int reorderedInARow;

    /** Send-time difference of the group just completed to the one before (us), valid after {@link #add} returned true. */
    long sendDeltaUs;
    /** Arrival-time difference of the same two groups (us). */
    long arrivalDeltaUs;

    /**
     * Adds one acknowledged packet, in arrival order. {@code systemUs} is our clock when its feedback
     * came. Returns true when the packet starts a new group and the previous one completed: then
     * {@link #sendDeltaUs} and {@link #arrivalDeltaUs} hold that group's deltas.
     */
    boolean add(long sendUs, long arrivalUs, long systemUs) {
        boolean computed = false;
        if (!hasCurrent) {
            startGroup(sendUs, arrivalUs);
            hasCurrent = true;
        } else if (sendUs < currentFirstSendUs) {
            return false;   // sent before the group in progress: reordered, carries no news
        } else if (isNewGroup(sendUs, arrivalUs)) {
            if (hasPrevious) {
                sendDeltaUs = currentSendUs - previousSendUs;
                arrivalDeltaUs = currentCompleteUs - previousCompleteUs;
                long systemDeltaUs = currentSystemUs - previousSystemUs;
                if (arrivalDeltaUs - systemDeltaUs >= ARRIVAL_OFFSET_THRESHOLD_US) {
                    reset();
                    return false;
                }
                if (arrivalDeltaUs < 0) {
                    // The group was reordered after its arrival was stamped.
                    if (++reorderedInARow >= REORDERED_RESET) {
                        reset();
                    }
                    return false;
                }
                reorderedInARow = 0;
                computed = true;
            }
            previousSendUs = currentSendUs;
            previousCompleteUs = currentCompleteUs;
            previousSystemUs = currentSystemUs;
            hasPrevious = true;
            startGroup(sendUs, arrivalUs);
        } else {
            currentSendUs = Math.max(currentSendUs, sendUs);
        }
        currentCompleteUs = arrivalUs;
        currentSystemUs = systemUs;
        return computed;
    }

    /** Forgets all groups, as after a clock jump. */
    void reset() {
        hasCurrent = false;
        hasPrevious = false;
        reorderedInARow = 0;
    }

    private void startGroup(long sendUs, long arrivalUs) {
        currentFirstSendUs = sendUs;
        currentSendUs = sendUs;
        currentFirstArrivalUs = arrivalUs;
    }

    private boolean isNewGroup(long sendUs, long arrivalUs) {
        if (belongsToBurst(sendUs, arrivalUs)) {
            return false;
        }
        return sendUs - currentFirstSendUs > GROUP_LENGTH_US;
    }

    private boolean belongsToBurst(long sendUs, long arrivalUs) {
        long arrivalDelta = arrivalUs - currentCompleteUs;
        long sendDelta = sendUs - currentSendUs;
        if (sendDelta == 0) {
            return true;
        }
        long propagationDelta = arrivalDelta - sendDelta;
        return propagationDelta < 0 && arrivalDelta <= BURST_DELTA_US
                && arrivalUs - currentFirstArrivalUs < MAX_BURST_US;
    }
}
