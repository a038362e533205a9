package parley.e2e.relay;

/**
 * What a {@link UdpRelay} does to each datagram it forwards, in either direction.
 *
 * @param lossRate      fraction (0..1) of datagrams dropped
 * @param delayMs       fixed one-way delay added to every datagram
 * @param jitterMs      a further delay drawn uniformly from 0..jitterMs per datagram; datagrams
 *                      are not kept in order, so jitter alone reorders some
 * @param reorderRate   fraction (0..1) of datagrams held back {@link #REORDER_HOLD_MS} more, so
 *                      that those after them overtake them
 * @param duplicateRate fraction (0..1) of datagrams sent twice
 */
public record Impairment(double lossRate, int delayMs, int jitterMs, double reorderRate, double duplicateRate) {
    /** How long a reordered datagram is held back beyond its delay. */
    public static final int REORDER_HOLD_MS = 30;
    /** Everything passes at once, unchanged. */
    public static final Impairment NONE = new Impairment(0, 0, 0, 0, 0);

    public Impairment {
        rate("loss", lossRate);
        rate("reorder", reorderRate);
        rate("duplicate", duplicateRate);
        if (delayMs < 0 || jitterMs < 0) {
            throw new IllegalArgumentException("delay " + delayMs + " ms, jitter " + jitterMs + " ms (expected: >= 0)");
        }
    }

    /** Only loss. */
    public static Impairment loss(double rate) {
        return new Impairment(rate, 0, 0, 0, 0);
    }

    public Impairment withDelay(int delay, int jitter) {
        return new Impairment(lossRate, delay, jitter, reorderRate, duplicateRate);
    }

    public Impairment withReordering(double rate) {
        return new Impairment(lossRate, delayMs, jitterMs, rate, duplicateRate);
    }

    public Impairment withDuplicates(double rate) {
        return new Impairment(lossRate, delayMs, jitterMs, reorderRate, rate);
    }

    private static void rate(String name, double r) {
        if (!(r >= 0 && r <= 1)) throw new IllegalArgumentException(name + " rate " + r + " (expected: 0..1)");
    }
}
