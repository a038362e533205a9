package parley.record;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import parley.sfu.MediaTap;
import parley.sfu.TrackSink;

/**
 * One live stream of one room to an RTMP(S) URL: a {@link MediaTap} whose sinks copy packets
 * into a {@link PacketRing}; a thread of its own drains it every {@link #TICK_MS} through one
 * {@link TrackRecorder} per track (reordering, VP8 frames from their keyframe, times on the
 * stream's timeline with lip sync by sender reports) into a {@link LiveEncoder}: one ffmpeg that
 * composes and encodes everything once and sends it.
 *
 * <p>A live Matroska has a fixed set of tracks, so a new track (someone starts a camera) or one
 * gone quiet for {@link #TRACK_GONE_MS} (someone left) restarts ffmpeg with the new set, after
 * {@link #SETTLE_MS}. A track quiet for a shorter time (a camera turned off, a lost packet
 * burst) is filled (its last keyframe again, Opus silence), since ffmpeg's mixer and overlay wait
 * for every input. When ffmpeg exits by itself (the RTMP server went away) the taps stay, the
 * stream says {@link State#RECONNECTING} and starts ffmpeg again with growing pauses, until it
 * flows again ({@link State#LIVE}) or {@code giveUpMs} passed: then it ends and says why.
 *
 * <p>Thread-safety: {@link #open} and the sinks run on the media loop; {@link #stop} on any
 * thread; everything else on the stream's thread.
 */
public final class LiveStream implements MediaTap {
    private static final Logger LOG = LoggerFactory.getLogger("parley.record");
    static final long TICK_MS = 20;
    static final long SETTLE_MS = 1_000;
    static final long TRACK_GONE_MS = 10_000;
    /** A track quiet this long is filled, up to {@link #FILL_LAG_MS} before now. */
    static final long FILL_AFTER_MS = 1_000;
    static final long FILL_LAG_MS = 500;
    static final long[] BACKOFF_MS = {1_000, 2_000, 4_000, 8_000};
    /** Opus (RFC 6716) TOC 0xF8 (CELT, fullband, 20 ms, one frame) and a frame the decoder reads as silence. */
    private static final byte[] OPUS_SILENCE = {(byte) 0xF8, (byte) 0xFF, (byte) 0xFE};

    /** What moderators are told. */
    public enum State { STARTING, LIVE, RECONNECTING }

    /** One track, on the stream's thread. */
    private final class Track {
        final TappedTrack info;
        final TrackRecorder pipe;
        final int index;
        long lastPacketMs;
        /** Its stream index in the running encoder, or -1 when that has no such stream. */
        int muxIndex = -1;
        boolean needsKeyframe = true;
        final PacketRing.Sink sink;
        byte[] lastKeyframe;
        int width = 640;
        int height = 360;

        Track(int index, TappedTrack info, PacketRing.Sink sink, long nowMs) {
            this.index = index;
            this.info = info;
            this.sink = sink;
            this.lastPacketMs = nowMs;
            this.pipe = new TrackRecorder(info.video(), senders.computeIfAbsent(info.participantId(), k -> new SenderClock()),
                    this::frame);
        }

        private void frame(long ms, boolean keyframe, byte[] b, int off, int len, int w, int h) throws IOException {
            if (info.video() && keyframe) {
                lastKeyframe = java.util.Arrays.copyOfRange(b, off, off + len);
                if (w > 0 && h > 0) {
                    width = w;
                    height = h;
                }
            }
            if (encoder == null || muxIndex < 0) return;
            if (info.video() && keyframe) {
                needsKeyframe = false;
                sink.wantsKeyframe = false; // the encoder has one (its first, or the one after a loss)
            } else if (info.video() && needsKeyframe) {
                return;
            }
            write(this, ms - muxStartMs, keyframe, b, off, len);
        }
    }

    private record Opened(int index, TappedTrack track, PacketRing.Sink sink) {}

    private final String id;
    private final Streamer owner;
    private final StreamConfig config;
    private final String url;
    private final List<String> secrets;
    private final LiveStreamListener listener;
    private final LongSupplier clockMs;
    private final long startMs;
    private final PacketRing ring = new PacketRing(Recording.RING_PACKETS);
    private final ConcurrentLinkedQueue<Opened> opened = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final Thread thread;
    /** Loop thread only. */
    private int tracksOpened;
    /** The stream's thread only, from here on. */
    private final List<Track> tracks = new ArrayList<>();
    private final Map<String, SenderClock> senders = new HashMap<>();
    private LiveEncoder encoder;
    private boolean writeFailed;
    private long muxStartMs;
    private long changedAtMs = -1;
    private State state;
    private long failingSinceMs = -1;
    private int failures;
    private long retryAtMs;
    private final PacketRing.Reader reader = new PacketRing.Reader() {
        @Override
        public void packet(int track, byte[] b, int off, int len, long nowMs) {
            Track t = tracks.get(track);
            t.lastPacketMs = nowMs;
            if (t.muxIndex < 0 && changedAtMs < 0) changedAtMs = nowMs; // it was gone and is back
            try {
                t.pipe.packet(b, off, len, nowMs - startMs);
            } catch (IOException e) {
                writeFailed = true; // ffmpeg stopped reading: it has ended
            }
            // a loss stops the video at ffmpeg until the next keyframe, which a browser sends only when asked
            if (t.pipe.waitsForKeyframe()) t.sink.wantsKeyframe = true;
        }

        @Override
        public void report(int track, long ntpMs, long ts) {
            tracks.get(track).pipe.senderReport(ntpMs, ts);
        }
    };

    LiveStream(String id, Streamer owner, String url, List<String> secrets, LongSupplier clockMs, LiveStreamListener listener) {
        this.id = id;
        this.owner = owner;
        this.config = owner.config();
        this.url = url;
        this.secrets = List.copyOf(secrets);
        this.listener = listener;
        this.clockMs = clockMs;
        this.startMs = clockMs.getAsLong();
        this.thread = Thread.ofPlatform().daemon().name("live-stream-" + id).unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    public String id() {
        return id;
    }

    /** Loop thread: one more track. */
    @Override
    public TrackSink open(TappedTrack track) {
        if (stopping.get()) return null;
        PacketRing.Sink sink = ring.sink(tracksOpened++, true);
        opened.add(new Opened(sink.index, track, sink));
        return sink;
    }

    @Override
    public void onRouterClosed() {
        stop();
    }

    /** Ends the stream (idempotent, any thread). */
    public void stop() {
        if (stopping.compareAndSet(false, true)) LockSupport.unpark(thread);
    }

    /** Packets the loop could not hand over (the ring was full). */
    public long droppedPackets() {
        return ring.dropped();
    }

    private void run() {
        String failure = null;
        try {
            while (!stopping.get() && failure == null) {
                long now = clockMs.getAsLong();
                drain(now);
                failure = supervise(now);
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(TICK_MS));
            }
        } catch (RuntimeException e) {
            failure = "the live stream failed (" + e.getClass().getSimpleName() + ")";
        }
        stopEncoder();
        owner.ended(this);
        LOG.info("live stream {} ended{}", id, failure == null ? "" : " with a failure");
        if (failure != null) listener.onFailed(failure);
    }

    private void drain(long now) {
        long mark = ring.published();
        for (Opened o = opened.poll(); o != null; o = opened.poll()) {
            tracks.add(new Track(o.index(), o.track(), o.sink(), now));
            changedAtMs = now;
        }
        ring.drain(mark, reader);
    }

    /** Starts, restarts or fills the encoder as the tracks and ffmpeg require; a failure message ends the stream. */
    private String supervise(long now) {
        if (encoder != null && (writeFailed || !encoder.alive())) {
            LOG.info("live stream {}: ffmpeg exited (status {})", id, encoder.exitStatus());
            LOG.debug("live stream {}: ffmpeg said: {}", id, encoder.lastMessages());
            stopEncoder();
            failed(now);
        }
        if (encoder != null) {
            for (Track t : tracks) if (t.muxIndex >= 0 && now - t.lastPacketMs > TRACK_GONE_MS && changedAtMs < 0) changedAtMs = now;
        }
        if (encoder != null && changedAtMs >= 0 && now - changedAtMs >= SETTLE_MS) {
            stopEncoder(); // a new set of tracks: a new ffmpeg at once, not a failure
            retryAtMs = now;
        }
        if (encoder == null) {
            if (failingSinceMs >= 0 && now - failingSinceMs > config.giveUpMs()) {
                return "the live stream stopped: the streaming server could not be reached for "
                        + config.giveUpMs() / 1000 + " s";
            }
            if (now >= retryAtMs && (changedAtMs < 0 || now - changedAtMs >= SETTLE_MS)) startEncoder(now);
            return null;
        }
        if (encoder.flowing() && state != State.LIVE) {
            failingSinceMs = -1;
            failures = 0;
            state(State.LIVE);
        }
        fill(now);
        try {
            encoder.mux().flush();
        } catch (IOException e) {
            writeFailed = true;
        }
        return null;
    }

    private void failed(long now) {
        if (failingSinceMs < 0) failingSinceMs = now;
        retryAtMs = now + BACKOFF_MS[Math.min(failures, BACKOFF_MS.length - 1)];
        failures++;
        state(State.RECONNECTING);
    }

    private void startEncoder(long now) {
        changedAtMs = -1;
        List<Composition.LiveTrack> live = new ArrayList<>();
        List<TrackFormat> formats = new ArrayList<>();
        for (Track t : tracks) {
            t.muxIndex = -1;
            if (now - t.lastPacketMs > TRACK_GONE_MS) continue;
            t.muxIndex = live.size();
            t.needsKeyframe = true;
            t.sink.wantsKeyframe = t.info.video();
            live.add(new Composition.LiveTrack(t.info.video(), t.info.participantId() + "/" + t.info.source()));
            formats.add(t.info.video() ? TrackFormat.vp8(t.width, t.height) : TrackFormat.opus());
        }
        if (live.isEmpty()) {
            if (state == null) state(State.STARTING);
            return; // nobody sends anything yet: started when someone does
        }
        muxStartMs = now - startMs;
        writeFailed = false;
        try {
            encoder = LiveEncoder.start(config.ffmpeg(), live, formats, config.threads(), url, secrets);
            LOG.info("live stream {}: ffmpeg started with {} tracks", id, live.size());
            if (state == null) state(State.STARTING);
        } catch (IOException e) {
            LOG.warn("live stream {}: ffmpeg could not start", id);
            encoder = null;
            failed(now);
        }
    }

    private void stopEncoder() {
        if (encoder == null) return;
        encoder.close();
        encoder = null;
        for (Track t : tracks) t.muxIndex = -1;
    }

    private void write(Track t, long ms, boolean keyframe, byte[] b, int off, int len) {
        try {
            encoder.mux().frame(t.muxIndex, ms, keyframe, b, off, len);
        } catch (IOException e) {
            writeFailed = true;
        }
    }

    /** Fills tracks that went quiet (see the class comment), so that ffmpeg's output keeps going. */
    private void fill(long now) {
        long muxNow = now - startMs - muxStartMs;
        LiveMatroska mux = encoder.mux();
        for (Track t : tracks) {
            if (t.muxIndex < 0 || muxNow - mux.lastMs(t.muxIndex) < FILL_AFTER_MS) continue;
            if (t.info.video()) {
                if (t.lastKeyframe != null) write(t, muxNow - FILL_LAG_MS, true, t.lastKeyframe, 0, t.lastKeyframe.length);
            } else {
                for (long ms = mux.lastMs(t.muxIndex) + 20; ms <= muxNow - FILL_LAG_MS; ms += 20) {
                    write(t, ms, true, OPUS_SILENCE, 0, OPUS_SILENCE.length);
                }
            }
        }
    }

    private void state(State s) {
        if (s == state) return;
        state = s;
        LOG.info("live stream {}: {}", id, s.name().toLowerCase(java.util.Locale.ROOT));
        listener.onState(s);
    }
}
