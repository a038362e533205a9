package parley.record;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import parley.media.rtp.RtpPacket;

/**
 * One track of a recording, from RTP to its WebM file: a {@link ReorderBuffer}, then for video a
 * {@link Vp8Depacketizer} (frames, starting at a keyframe), for audio one Opus packet per frame;
 * {@link RtpTime} gives each frame its time on the recording's timeline. The file is created at
 * the first frame (a video's picture size comes from its first keyframe). Not thread-safe (the
 * recording's thread).
 */
final class TrackRecorder {
    /** How long a packet waits for the ones before it: covers reordering and a NACK's round trip. */
    static final long REORDER_MS = 300;

    private final Path path;
    private final boolean video;
    private final ReorderBuffer reorder;
    private final RtpTime time;
    private final Vp8Depacketizer vp8 = new Vp8Depacketizer();
    private final ReorderBuffer.Sink ordered = this::ordered;
    private final Vp8Depacketizer.FrameSink frames = this::frame;
    private WebmWriter writer;
    private final String tile;
    /** Where frames go instead of a file (a live stream), or null. */
    private final Frames live;

    /** Where a track's frames go when they are not written to a file. */
    interface Frames {
        /** One frame at {@code ms} on the timeline; a video's picture size (0 if not a keyframe). */
        void frame(long ms, boolean keyframe, byte[] b, int off, int len, int width, int height) throws IOException;
    }

    TrackRecorder(Path path, boolean video) {
        this(path, video, path.toString(), null);
    }

    /**
     * {@code tile}: the grid cell a video goes to (participant and source); {@code sender}: the
     * clock shared by the participant's tracks (lip sync by their sender reports), or null.
     */
    TrackRecorder(Path path, boolean video, String tile, SenderClock sender) {
        this(path, video, tile, sender, null);
    }

    /** A track whose frames go to {@code live} (no file). */
    TrackRecorder(boolean video, SenderClock sender, Frames live) {
        this(null, video, null, sender, live);
    }

    private TrackRecorder(Path path, boolean video, String tile, SenderClock sender, Frames live) {
        this.path = path;
        this.video = video;
        this.tile = tile;
        this.live = live;
        this.reorder = new ReorderBuffer(video ? 512 : 64, REORDER_MS);
        this.time = new RtpTime(video ? 90_000 : 48_000, sender);
    }

    /** The sender's report for this track (ts in the tap's continuous stream). */
    void senderReport(long ntpMs, long ts) {
        time.senderReport(ntpMs, ts);
    }

    /** One RTP packet as received (after any RTX unwrapping), at {@code arrivalMs} on the recording's timeline. */
    void packet(byte[] b, int off, int len, long arrivalMs) throws IOException {
        try {
            reorder.add(RtpPacket.sequenceNumber(b, off), b, off, len, arrivalMs, ordered);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private void ordered(byte[] b, int off, int len, long arrivalMs, boolean afterLoss) {
        if (video) {
            vp8.packet(b, off, len, afterLoss, arrivalMs, frames);
            return;
        }
        int po = RtpPacket.payloadOffset(b, off);
        int pl = RtpPacket.payloadLength(b, off, len);
        if (pl > 0) write(b, po, pl, RtpPacket.timestamp(b, off), true, 0, 0, arrivalMs);
    }

    private void frame(byte[] b, int off, int len, long rtpTs, boolean keyframe, int width, int height, long arrivalMs) {
        write(b, off, len, rtpTs, keyframe, width, height, arrivalMs);
    }

    private void write(byte[] b, int off, int len, long rtpTs, boolean keyframe, int width, int height, long arrivalMs) {
        long ms = time.toMs(rtpTs, arrivalMs);
        try {
            if (live != null) {
                live.frame(ms, keyframe, b, off, len, width, height);
                return;
            }
            if (writer == null) {
                writer = new WebmWriter(path, video ? TrackFormat.vp8(Math.max(16, width), Math.max(16, height)) : TrackFormat.opus());
            }
            writer.frame(ms, keyframe, b, off, len);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes what still waits for reordering and closes the file; returns it, or null if no frame was written. */
    TrackFile finish() throws IOException {
        try {
            reorder.flush(ordered);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        if (writer == null) return null;
        writer.close();
        return new TrackFile(path, video, writer.firstMs(), writer.lastMs(), writer.frames(), tile);
    }

    /** Packets lost (never arrived in time) and frames dropped for it. */
    long lostPackets() {
        return reorder.lost();
    }

    /** A video that skips frames until its next keyframe (a loss): worth asking the sender for one. */
    boolean waitsForKeyframe() {
        return video && vp8.waitsForKeyframe();
    }

    long droppedFrames() {
        return video ? vp8.framesDropped() : 0;
    }

    /** Closes the file without flushing (a failed recording's last resort). */
    void abandon() {
        if (writer == null) return;
        try {
            writer.close();
        } catch (IOException ignored) {
            // the failure that brought us here is what gets reported
        }
    }
}
