package parley.room;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks one at a time, in submission order, on a backing executor (virtual threads
 * in production, the caller's thread in tests). Everything that touches a room's state
 * runs here, so a room needs no locks. No thread lingers while the queue is empty.
 * Thread-safe: {@link #execute} may be called from any thread.
 */
public final class SerialExecutor implements Executor {
    private static final Logger log = LoggerFactory.getLogger(SerialExecutor.class);

    private final Executor backing;
    private final Queue<Runnable> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();

    public SerialExecutor(Executor backing) {
        this.backing = backing;
    }

    @Override
    public void execute(Runnable task) {
        queue.add(task);
        if (draining.compareAndSet(false, true)) backing.execute(this::drain);
    }

    private void drain() {
        while (true) {
            try {
                Runnable task;
                while ((task = queue.poll()) != null) runSafely(task);
            } finally {
                draining.set(false); // even after an Error, so that later tasks still run
            }
            // A task added after the last poll and before set(false) found draining=true
            // and did not start a drain: take it over unless someone else already did.
            if (queue.isEmpty() || !draining.compareAndSet(false, true)) return;
        }
    }

    private static void runSafely(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            // The exception's message may quote client input: log its type and place only.
            StackTraceElement[] at = e.getStackTrace();
            log.warn("room task failed: {} at {}", e.getClass().getName(), at.length > 0 ? at[0] : "?");
        }
    }
}
