package parley.sfu;

/**
 * The bitrate of a stream over the last one to two seconds, from 250 ms buckets; allocation
 * free, so it can count every packet. Not thread-safe (loop thread only).
 */
final class BitrateMeter {
    private static final long BUCKET_MS = 250;
    private static final int BUCKETS = 8;
    private final long[] bytes = new long[BUCKETS];
    private long currentBucket = Long.MIN_VALUE;

    void add(int sizeBytes, long nowMs) {
        advance(nowMs);
        bytes[(int) (currentBucket % BUCKETS)] += sizeBytes;
    }

    /** Bits per second over the last full second (the four buckets before the current one). */
    long bps(long nowMs) {
        advance(nowMs);
        long sum = 0;
        for (int i = 1; i <= 4; i++) sum += bytes[(int) ((currentBucket - i) % BUCKETS)];
        return sum * 8 * 1000 / (4 * BUCKET_MS);
    }

    private void advance(long nowMs) {
        long bucket = Math.max(0, nowMs) / BUCKET_MS + BUCKETS; // offset keeps (bucket - i) >= 0
        if (currentBucket == Long.MIN_VALUE) currentBucket = bucket;
        if (bucket <= currentBucket) return;
        long steps = Math.min(bucket - currentBucket, BUCKETS);
        for (long i = 1; i <= steps; i++) bytes[(int) ((currentBucket + i) % BUCKETS)] = 0;
        currentBucket = bucket;
    }
}
