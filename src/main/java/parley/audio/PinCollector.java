package parley.audio;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/**
 * Gathers a meeting PIN from a caller's key presses: digits until '#', '*' to start again. Entry
 * ends with the PIN at '#', or times out when the first key is slower than {@code firstKey} or a
 * later one slower than {@code betweenKeys}, or is refused once it is longer than {@code maxDigits}.
 * The clock is injected: {@link #poll()} checks the timeouts. Not thread-safe: one per caller.
 */
public final class PinCollector {
    public enum Status { COLLECTING, ENTERED, TIMED_OUT, TOO_LONG }

    private final InstantSource clock;
    private final Duration firstKey;
    private final Duration betweenKeys;
    private final int maxDigits;
    private final StringBuilder digits = new StringBuilder();
    private Instant deadline;
    private Status status;

    public PinCollector(InstantSource clock, Duration firstKey, Duration betweenKeys, int maxDigits) {
        if (maxDigits < 1) throw new IllegalArgumentException("maxDigits " + maxDigits + " (expected: at least 1)");
        this.clock = clock;
        this.firstKey = firstKey;
        this.betweenKeys = betweenKeys;
        this.maxDigits = maxDigits;
        restart();
    }

    /** Starts a new entry (after a wrong PIN, say): no digits, the first-key timeout from now. */
    public void restart() {
        digits.setLength(0);
        deadline = clock.instant().plus(firstKey);
        status = Status.COLLECTING;
    }

    /** One key press ('0'-'9', '*', '#'; 'A'-'D' are ignored). */
    public Status key(char key) {
        if (poll() != Status.COLLECTING) return status;
        switch (key) {
            case '#' -> {
                if (!digits.isEmpty()) status = Status.ENTERED;
            }
            case '*' -> digits.setLength(0);
            default -> {
                if (key >= '0' && key <= '9') {
                    digits.append(key);
                    if (digits.length() > maxDigits) status = Status.TOO_LONG;
                }
            }
        }
        deadline = clock.instant().plus(betweenKeys);
        return status;
    }

    /** The status now: collecting until a key ends it or the deadline passes. */
    public Status poll() {
        if (status == Status.COLLECTING && !clock.instant().isBefore(deadline)) status = Status.TIMED_OUT;
        return status;
    }

    /** When the entry times out if no key comes, for the caller's timer. */
    public Instant deadline() {
        return deadline;
    }

    /** The digits entered (complete once {@link Status#ENTERED}). */
    public String pin() {
        return digits.toString();
    }
}
