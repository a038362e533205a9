package parley.record;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import parley.sfu.MediaTap;
import parley.sfu.TrackSink;

/**
 * One recording of one room: a {@link MediaTap} on the room's router whose sinks copy packets
 * into a {@link PacketRing}, and a thread of its own that drains the ring every
 * {@link #DRAIN_INTERVAL_MS} into one {@link TrackRecorder} (one WebM file) per track, in the
 * recording's working folder. {@link #stop} (or the room's end) lets the thread write what is
 * left and close the files, then hands them to {@link Recorder} to compose and store.
 *
 * <p>Thread-safety: {@link #open} and the sinks run on the media loop; {@link #stop} on any
 * thread; the track recorders only on the recording's thread.
 */
public final class Recording implements MediaTap {
    static final long DRAIN_INTERVAL_MS = 20;
    /** About 5 s of a three-person meeting's packets: a disk that stalls that long costs packets, never the loop. */
    static final int RING_PACKETS = 4096;

    /** A track the loop opened, for the recording's thread to create its file. */
    private record Opened(int index, TappedTrack track, PacketRing.Sink sink) {}

    private final String id;
    private final Path workDir;
    private final LongSupplier clockMs;
    private final long startMs;
    private final Recorder owner;
    private final RecordingListener listener;
    private final String fileName;
    private final PacketRing ring = new PacketRing(RING_PACKETS);
    private final ConcurrentLinkedQueue<Opened> opened = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final Thread thread;
    /** Loop thread only. */
    private int tracksOpened;
    /** The recording's thread only. */
    private final List<TrackRecorder> tracks = new ArrayList<>();
    /** The recording's thread only: each track's sink, by index, to ask its sender for a keyframe. */
    private final List<PacketRing.Sink> sinks = new ArrayList<>();
    private final PacketRing.Reader reader = new PacketRing.Reader() {
        @Override
        public void packet(int track, byte[] b, int off, int len, long nowMs) {
            Recording.this.packet(track, b, off, len, nowMs);
        }

        @Override
        public void report(int track, long ntpMs, long ts) {
            TrackRecorder t = track < tracks.size() ? tracks.get(track) : null;
            if (t != null) t.senderReport(ntpMs, ts);
        }
    };
    /** Each participant's clock, shared by their tracks (the recording's thread). */
    private final java.util.Map<String, SenderClock> senders = new java.util.HashMap<>();
    private volatile long stopMs = -1;
    private volatile String failure;

    Recording(String id, Path workDir, String fileName, LongSupplier clockMs, Recorder owner, RecordingListener listener) {
        this.id = id;
        this.workDir = workDir;
        this.fileName = fileName;
        this.clockMs = clockMs;
        this.startMs = clockMs.getAsLong();
        this.owner = owner;
        this.listener = listener;
        this.thread = Thread.ofPlatform().daemon().name("recording-" + id).unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    public String id() {
        return id;
    }

    /** The composed file's name (no folder). */
    public String fileName() {
        return fileName;
    }

    Path workDir() {
        return workDir;
    }

    RecordingListener listener() {
        return listener;
    }

    /** Loop thread: one more track; its packets go into the ring under its index. */
    @Override
    public TrackSink open(TappedTrack track) {
        if (stopping.get()) return null;
        int index = tracksOpened++;
        PacketRing.Sink sink = ring.sink(index, false);
        opened.add(new Opened(index, track, sink));
        return sink;
    }

    @Override
    public void onRouterClosed() {
        stop();
    }

    /** Ends the recording (idempotent, any thread): the files are closed, composed and stored in the background. */
    public void stop() {
        if (!stopping.compareAndSet(false, true)) return;
        stopMs = clockMs.getAsLong();
        LockSupport.unpark(thread);
    }

    /** Waits up to {@code timeoutMs} for the recording's thread to close its files (server shutdown). */
    void awaitWritten(long timeoutMs) {
        try {
            thread.join(timeoutMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Packets the loop could not hand over (the ring was full). */
    public long droppedPackets() {
        return ring.dropped();
    }

    /** Milliseconds recorded so far (or in all, once stopped). */
    long durationMs() {
        long end = stopMs;
        return (end < 0 ? clockMs.getAsLong() : end) - startMs;
    }

    private void run() {
        try {
            while (!stopping.get()) {
                drain();
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(DRAIN_INTERVAL_MS));
            }
            drain();
        } catch (IOException | RuntimeException e) {
            failure = "the recording could not be written (" + e.getClass().getSimpleName() + ")";
            for (TrackRecorder t : tracks) if (t != null) t.abandon();
        }
        List<TrackFile> files = new ArrayList<>();
        if (failure == null) {
            try {
                for (TrackRecorder t : tracks) {
                    TrackFile f = t == null ? null : t.finish();
                    if (f != null) files.add(f);
                }
            } catch (IOException | RuntimeException e) {
                failure = "the recording could not be written (" + e.getClass().getSimpleName() + ")";
            }
        }
        owner.finished(this, files, failure);
    }

    /**
     * The packets published so far, after the tracks opened before them: the loop announces a
     * track before its first packet, so polling the announcements after reading the mark finds all.
     */
    private void drain() throws IOException {
        long mark = ring.published();
        for (Opened o = opened.poll(); o != null; o = opened.poll()) {
            String name = String.format("%03d-%s.webm", o.index(), o.track().kind());
            while (tracks.size() <= o.index()) tracks.add(null);
            while (sinks.size() <= o.index()) sinks.add(null);
            sinks.set(o.index(), o.sink());
            tracks.set(o.index(), new TrackRecorder(workDir.resolve(name), o.track().video(),
                    o.track().participantId() + "/" + o.track().source(),
                    senders.computeIfAbsent(o.track().participantId(), k -> new SenderClock())));
        }
        try {
            ring.drain(mark, reader);
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private void packet(int track, byte[] b, int off, int len, long nowMs) {
        TrackRecorder t = track < tracks.size() ? tracks.get(track) : null;
        if (t == null) return;
        try {
            t.packet(b, off, len, nowMs - startMs);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        // After a loss the file's video stands still until the next keyframe, which a browser sends only when asked.
        sinks.get(track).wantsKeyframe = t.waitsForKeyframe();
    }

    /** Loss figures of the tracks (the recording's thread, after it finished). */
    long lostPackets() {
        long n = 0;
        for (TrackRecorder t : tracks) if (t != null) n += t.lostPackets();
        return n;
    }
}
