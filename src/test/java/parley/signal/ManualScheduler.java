package parley.signal;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A clock and a scheduler that move only when the test says so: {@link #advance} runs the
 * due tasks, in time order, on the test's thread. No sleeping, no threads. Not thread-safe.
 */
final class ManualScheduler extends AbstractExecutorService implements ScheduledExecutorService, InstantSource {
    private long nowMs = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
    private long sequence;
    private final PriorityQueue<Task> queue = new PriorityQueue<>();

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(nowMs);
    }

    /** Moves time forward, running each task when its time comes. */
    void advance(Duration d) {
        long end = nowMs + d.toMillis();
        while (!queue.isEmpty() && queue.peek().atMs <= end) {
            Task t = queue.poll();
            nowMs = Math.max(nowMs, t.atMs);
            if (t.cancelled) continue;
            t.command.run();
            if (t.periodMs > 0 && !t.cancelled) {
                t.atMs += t.periodMs;
                queue.add(t);
            }
        }
        nowMs = end;
    }

    /** Tasks waiting (periodic ones included). */
    int pending() {
        return (int) queue.stream().filter(t -> !t.cancelled).count();
    }

    private Task add(Runnable r, long delay, long period, TimeUnit unit) {
        Task t = new Task(r, nowMs + unit.toMillis(delay), unit.toMillis(period), sequence++);
        queue.add(t);
        return t;
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        return add(command, delay, 0, unit);
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException("not used by the server");
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        return add(command, initialDelay, period, unit);
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        return add(command, initialDelay, delay, unit);
    }

    @Override
    public void execute(Runnable command) {
        command.run();
    }

    @Override
    public void shutdown() {}

    @Override
    public List<Runnable> shutdownNow() {
        return new ArrayList<>();
    }

    @Override
    public boolean isShutdown() {
        return false;
    }

    @Override
    public boolean isTerminated() {
        return false;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return true;
    }

    private final class Task implements ScheduledFuture<Object>, Comparable<Delayed> {
        final Runnable command;
        long atMs;
        final long periodMs;
        final long seq;
        boolean cancelled;

        Task(Runnable command, long atMs, long periodMs, long seq) {
            this.command = command;
            this.atMs = atMs;
            this.periodMs = periodMs;
            this.seq = seq;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(atMs - nowMs, TimeUnit.MILLISECONDS);
        }

        @Override
        public int compareTo(Delayed o) {
            Task t = (Task) o;
            return atMs != t.atMs ? Long.compare(atMs, t.atMs) : Long.compare(seq, t.seq);
        }

        @Override
        public boolean cancel(boolean mayInterrupt) {
            cancelled = true;
            return true;
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public boolean isDone() {
            return cancelled;
        }

        @Override
        public Object get() {
            return null;
        }

        @Override
        public Object get(long timeout, TimeUnit unit) {
            return null;
        }
    }
}
