package parley.cc;

/**
 * The rate the receiver acknowledged: bytes of packets that arrived in the last
 * {@value #WINDOW_US} us of the receiver's clock, counted in {@value #BUCKET_US}-us buckets so that
 * packets reported out of order land in the right place. Rates in bit/s, times in us on the
 * receiver's clock. Allocation-free; not thread-safe.
 */
final class AckedRate {
    static final long WINDOW_US = 500_000;
    static final long BUCKET_US = 10_000;
    /** No rate until arrivals span this long: a few packets say little (libwebrtc's initial window). */
    static final long MIN_SPAN_US = 150_000;
    /** Buckets in the window. */
    private static final int WINDOW_BUCKETS = (int) (WINDOW_US / BUCKET_US);
    /** A power of two above the window, so a bucket is free for the next period's packets. */
    private static final int BUCKETS = 64;
    private static final long NONE = Long.MIN_VALUE;

    /** Which period (arrival / BUCKET_US) each bucket holds now. */
    private final long[] period = new long[BUCKETS];
    private final long[] bytes = new long[BUCKETS];
    private long firstUs = NONE;
    private long newestUs = NONE;

    AckedRate() {
        reset();
    }

    void add(long arrivalUs, int sizeBytes) {
        if (firstUs == NONE) {
            firstUs = arrivalUs;
            newestUs = arrivalUs;
        }
        newestUs = Math.max(newestUs, arrivalUs);
        long p = Math.floorDiv(arrivalUs, BUCKET_US);
        int i = (int) (p & (BUCKETS - 1));
        if (period[i] == p) {
            bytes[i] += sizeBytes;
        } else if (period[i] < p) {
            period[i] = p;           // the bucket held an older period: reuse it
            bytes[i] = sizeBytes;
        }
        // else: older than the bucket's period, so far older than the window: ignore
        firstUs = Math.min(firstUs, arrivalUs);
    }

    /** The acknowledged rate as of the newest arrival; 0 until arrivals span {@link #MIN_SPAN_US}. */
    long bps() {
        if (newestUs == NONE || newestUs - firstUs < MIN_SPAN_US) {
            return 0;
        }
        long newest = Math.floorDiv(newestUs, BUCKET_US);
        long oldest = newest - WINDOW_BUCKETS + 1;
        long sum = 0;
        for (int i = 0; i < BUCKETS; i++) {
            if (period[i] >= oldest && period[i] <= newest) {
                sum += bytes[i];
            }
        }
        long spanUs = newestUs - Math.max(oldest * BUCKET_US, firstUs);
        return spanUs <= 0 ? 0 : sum * 8 * 1_000_000 / spanUs;
    }

    /** Newest arrival time seen (us), or {@link Long#MIN_VALUE} before the first. */
    long newestUs() {
        return newestUs;
    }

    void reset() {
        java.util.Arrays.fill(period, NONE);
        java.util.Arrays.fill(bytes, 0);
        firstUs = NONE;
        newestUs = NONE;
    }
}
