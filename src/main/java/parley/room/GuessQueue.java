package parley.room;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.function.Predicate;

/**
 * Guesses of a secret (a room password, the host key) waiting to be checked, paced by
 * their wrong answers: a check may start only while a bucket of wrong answers has a token
 * ({@code burst}, refilled one per {@code intervalNanos}); a right answer gives its token
 * back. So brute force runs at most at that pace however many connections and addresses
 * guess, and a right answer costs nothing. The guesses of a connection that has gone
 * ({@code alive} false) are dropped without a check.
 *
 * <p>Who waits is served fairly: first the guesses of <em>clean</em> origins (addresses with
 * no wrong answer lately: see the caller), then the others, round robin by origin within
 * each lane. A flood from a few addresses therefore delays a right answer from another
 * address by at most one interval. At most {@code capacity} guesses wait.
 *
 * <p>Times are nanoseconds from the caller's clock. Not thread-safe: one owner (a room's
 * executor, or a lock).
 */
public final class GuessQueue<T> {
    private final TokenBucket wrongAnswers;
    private final int capacity;
    private boolean wakeUpSet;
    private final LinkedHashMap<String, ArrayDeque<T>> clean = new LinkedHashMap<>();
    private final LinkedHashMap<String, ArrayDeque<T>> others = new LinkedHashMap<>();
    private int size;

    public GuessQueue(int burst, long intervalNanos, int capacity, long nowNanos) {
        if (capacity < 1) throw new IllegalArgumentException("capacity " + capacity + " (expected: >= 1)");
        this.wrongAnswers = new TokenBucket(1e9 / intervalNanos, burst, nowNanos);
        this.capacity = capacity;
    }

    /** Queues {@code guess} from {@code origin}; false when {@code capacity} guesses already wait. */
    public boolean offer(String origin, boolean cleanOrigin, T guess, Predicate<T> alive) {
        if (size >= capacity) dropDead(alive);
        if (size >= capacity) return false;
        (cleanOrigin ? clean : others).computeIfAbsent(origin, k -> new ArrayDeque<>()).add(guess);
        size++;
        return true;
    }

    /**
     * The next guess to check now, or null: none waits, or the pace allows no check yet
     * (then {@link #nanosUntilNext} says when). Takes a token: give it back with
     * {@link #right} if the guess was right.
     */
    public T poll(long nowNanos, Predicate<T> alive) {
        dropDead(alive);
        if (size == 0 || wrongAnswers.nanosUntilToken(nowNanos) > 0) return null;
        T next = take(clean.isEmpty() ? others : clean);
        wrongAnswers.tryTake(nowNanos);
        return next;
    }

    /** A checked guess was right: it does not count against the pace. */
    public void right() {
        wrongAnswers.giveBack();
    }

    /** Nanoseconds until {@link #poll} may return a guess; -1 when none waits. */
    public long nanosUntilNext(long nowNanos) {
        return size == 0 ? -1 : wrongAnswers.nanosUntilToken(nowNanos);
    }

    /** Marks the owner's wake-up for the next check as set; false if it already was. */
    public boolean setWakeUp() {
        if (wakeUpSet) return false;
        wakeUpSet = true;
        return true;
    }

    /** The owner's wake-up has run. */
    public void wokeUp() {
        wakeUpSet = false;
    }

    /** Guesses waiting. */
    public int size() {
        return size;
    }

    /** Takes the first guess of the first origin and moves that origin to the end of its lane. */
    private T take(LinkedHashMap<String, ArrayDeque<T>> lane) {
        Iterator<java.util.Map.Entry<String, ArrayDeque<T>>> first = lane.entrySet().iterator();
        java.util.Map.Entry<String, ArrayDeque<T>> e = first.next();
        first.remove();
        T guess = e.getValue().poll();
        if (!e.getValue().isEmpty()) lane.put(e.getKey(), e.getValue());
        size--;
        return guess;
    }

    private void dropDead(Predicate<T> alive) {
        for (LinkedHashMap<String, ArrayDeque<T>> lane : java.util.List.of(clean, others)) {
            for (Iterator<ArrayDeque<T>> it = lane.values().iterator(); it.hasNext(); ) {
                ArrayDeque<T> q = it.next();
                int before = q.size();
                q.removeIf(alive.negate());
                size -= before - q.size();
                if (q.isEmpty()) it.remove();
            }
        }
    }

    @Override
    public String toString() {
        return "GuessQueue[" + size + " waiting]"; // never origins
    }
}
