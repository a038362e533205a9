package parley.captions;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import parley.sfu.MediaTap;
import parley.sfu.TrackSink;

/**
 * One room's live captions: a {@link MediaTap} that takes the audio tracks only, copies each
 * packet into a bounded queue on the media loop (never blocking it: when the queue is full the
 * packet is dropped and counted), and a captions thread that turns each track into text with its
 * own {@link Speaker}. No audio or text is kept beyond the recogniser's current line, and none
 * is logged. Thread-safe.
 */
public final class Captioner implements MediaTap, AutoCloseable {
    /** Counts only: never text, names or rooms. */
    private static final Logger LOG = LoggerFactory.getLogger("parley.captions");
    /** About 5 s of audio for 10 speakers. */
    static final int QUEUE_PACKETS = 2_500;
    /** A track that sent nothing for this long (its owner left, or stopped it) loses its speaker and recogniser. */
    static final long GONE_MS = 30_000;
    private static final Packet END = new Packet(-1, new byte[0], 0, 0);

    private record Packet(int track, byte[] payload, int seq, long nowMs) {}

    private final Recognizer.Factory factory;
    private final CaptionListener listener;
    private final BlockingQueue<Packet> queue;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private final Speaker.Counts counts = new Speaker.Counts();
    /** Track index to its participant; written on the loop, read on the captions thread. */
    private final Map<Integer, String> owners = new java.util.concurrent.ConcurrentHashMap<>();
    private int nextTrack;
    private final Thread thread;
    private volatile boolean closed;

    public Captioner(Recognizer.Factory factory, CaptionListener listener) {
        this(factory, listener, QUEUE_PACKETS);
    }

    Captioner(Recognizer.Factory factory, CaptionListener listener, int queuePackets) {
        this.factory = factory;
        this.listener = listener;
        this.queue = new ArrayBlockingQueue<>(queuePackets);
        this.thread = Thread.ofPlatform().daemon().name("captions").unstarted(this::run);
    }

    /** Starts the captions thread; then add it to the room's router. */
    public Captioner start() {
        thread.start();
        return this;
    }

    @Override
    public TrackSink open(TappedTrack track) {
        if (track.video() || closed) return null;
        int index = nextTrack++;
        owners.put(index, track.participantId());
        return (buf, off, len, seq, ts, nowMs) -> offer(index, buf, off, len, seq, nowMs);
    }

    /** Loop thread: the Opus payload copied, or dropped and counted when the queue is full. */
    void offer(int track, byte[] buf, int off, int len, int seq, long nowMs) {
        received.incrementAndGet();
        int payload = Rtp.payloadOffset(buf, off, len);
        if (payload < 0 || closed || !queue.offer(new Packet(track, java.util.Arrays.copyOfRange(buf, payload, off + len - Rtp.padding(buf, off, len)), seq, nowMs))) {
            dropped.incrementAndGet();
        }
    }

    @Override
    public void onRouterClosed() {
        close();
    }

    /** Stops the thread once it has finished what it is doing; queued audio is thrown away. Idempotent. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        queue.clear();
        queue.offer(END);
    }

    /** Waits for the captions thread to end (tests, shutdown). */
    public boolean awaitClosed(long timeoutMs) throws InterruptedException {
        return thread.join(java.time.Duration.ofMillis(timeoutMs));
    }

    public long dropped() {
        return dropped.get();
    }

    public long received() {
        return received.get();
    }

    private void run() {
        Map<Integer, Speaker> speakers = new HashMap<>();
        Map<Integer, Long> lastMs = new HashMap<>();
        long sweptMs = Long.MIN_VALUE;
        try {
            while (true) {
                Packet p = queue.poll(1, TimeUnit.SECONDS);
                if (p == END || closed) break;
                if (p == null) continue;
                if (p.payload().length == 0) continue;
                Speaker s = speakers.computeIfAbsent(p.track(), t -> new Speaker(owners.get(t), factory, listener, counts));
                s.packet(p.payload(), 0, p.payload().length, p.seq());
                lastMs.put(p.track(), p.nowMs());
                if (p.nowMs() - sweptMs >= GONE_MS / 3) {
                    sweptMs = p.nowMs();
                    for (Integer t : List.copyOf(speakers.keySet())) {
                        if (p.nowMs() - lastMs.get(t) > GONE_MS) {
                            speakers.remove(t).close();
                            lastMs.remove(t);
                        }
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("captions stopped: {}", e.getClass().getSimpleName());
        } finally {
            for (Speaker s : speakers.values()) s.close();
            LOG.info("captions ended: {} speakers, {} frames ({} recognised, {} concealed), {} late, {} bad, {} dropped at hand-over",
                    speakers.size(), counts.frames, counts.recognisedFrames, counts.concealed, counts.late,
                    counts.badPackets, dropped.get());
        }
    }
}
