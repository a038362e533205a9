package parley.bench.load;

import java.io.IOException;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The one sender thread: sends every participant's media on time, from a schedule ordered by when
 * each stream is next due (a microphone every 20 ms, a camera tick every 33 ms, a consent check
 * every {@link #CONSENT_MS} ms). A stream that falls behind (the thread was late) sends at once and
 * keeps its rhythm from its schedule, not from when it ran, so rates hold on average.
 *
 * <p>Thread-safety: {@link #add} and {@link #stop} from any thread; everything else on the thread.
 */
final class Pacer implements Runnable {
    static final long AUDIO_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(MediaFixtures.OPUS_FRAME_MS);
    static final long VIDEO_INTERVAL_NANOS = 1_000_000_000L / MediaFixtures.FPS;
    static final long CONSENT_MS = 5000;
    /** How long the thread sleeps at most, so that new participants start soon. */
    private static final long MAX_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    /** A stream more than this late skips ahead instead of sending a burst to catch up. */
    private static final long MAX_LAG_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private enum Kind { AUDIO, VIDEO, CONSENT }

    /** One stream's next due time; ordered by it. {@code publisher} is null for {@link Kind#CONSENT} alone. */
    private record Due(long atNanos, Kind kind, Publisher publisher, MediaPeer peer) implements Comparable<Due> {
        @Override
        public int compareTo(Due o) {
            return Long.compare(atNanos, o.atNanos);
        }
    }

    private final ConcurrentLinkedQueue<Due> added = new ConcurrentLinkedQueue<>();
    private final PriorityQueue<Due> schedule = new PriorityQueue<>();
    private final byte[] buf = new byte[MediaPeer.BUFFER_BYTES];
    private volatile boolean running = true;
    private volatile Thread thread;
    private boolean reportedFailure;

    /** Starts sending for a connected participant, its streams at random phases within one interval. */
    void add(Publisher publisher, MediaPeer peer) {
        long now = System.nanoTime();
        long phase = (long) (Math.random() * VIDEO_INTERVAL_NANOS);
        added.add(new Due(now + phase, Kind.VIDEO, publisher, peer));
        added.add(new Due(now + phase % AUDIO_INTERVAL_NANOS, Kind.AUDIO, publisher, peer));
        added.add(new Due(now + TimeUnit.MILLISECONDS.toNanos(CONSENT_MS) + phase, Kind.CONSENT, publisher, peer));
        Thread t = thread;
        if (t != null) LockSupport.unpark(t);
    }

    /** Only consent checks, for a participant that publishes nothing (the server drops a transport without them). */
    void addConsent(MediaPeer peer) {
        long phase = (long) (Math.random() * TimeUnit.MILLISECONDS.toNanos(CONSENT_MS));
        added.add(new Due(System.nanoTime() + phase, Kind.CONSENT, null, peer));
        Thread t = thread;
        if (t != null) LockSupport.unpark(t);
    }

    void stop() {
        running = false;
        Thread t = thread;
        if (t != null) LockSupport.unpark(t);
    }

    @Override
    public void run() {
        thread = Thread.currentThread();
        while (running) {
            for (Due d; (d = added.poll()) != null; ) schedule.add(d);
            long now = System.nanoTime();
            Due next = schedule.peek();
            if (next == null || next.atNanos() > now) {
                LockSupport.parkNanos(next == null ? MAX_PARK_NANOS : Math.min(MAX_PARK_NANOS, next.atNanos() - now));
                continue;
            }
            schedule.poll();
            if (!next.peer().isConnected()) continue; // left or failed: drop its streams
            long interval;
            try {
                interval = run(next, now);
            } catch (RuntimeException e) {
                failed(e); // one participant's bug must not stop everyone's sending
                continue;
            }
            long at = next.atNanos() + interval;
            if (now - at > MAX_LAG_NANOS) at = now;
            schedule.add(new Due(at, next.kind(), next.publisher(), next.peer()));
        }
    }

    private void failed(RuntimeException e) {
        if (!reportedFailure) {
            reportedFailure = true;
            System.err.println("load: sender: " + e);
            e.printStackTrace();
        }
    }

    private long run(Due d, long nowNanos) {
        switch (d.kind()) {
            case AUDIO -> {
                d.publisher().sendAudio(d.peer(), buf, TimeUnit.NANOSECONDS.toMillis(nowNanos));
                return AUDIO_INTERVAL_NANOS;
            }
            case VIDEO -> {
                d.publisher().sendVideo(d.peer(), buf);
                return VIDEO_INTERVAL_NANOS;
            }
            default -> {
                try {
                    d.peer().sendConsentCheck(false);
                } catch (IOException e) {
                    // the next check may pass; consent is lost only after 30 s without one
                }
                return TimeUnit.MILLISECONDS.toNanos(CONSENT_MS);
            }
        }
    }
}
