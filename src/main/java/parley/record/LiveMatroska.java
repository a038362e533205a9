package parley.record;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.List;

/**
 * A live Matroska stream of several tracks, written to a pipe (ffmpeg's standard input): the
 * headers once (a Segment of unknown size, since a live stream has no end to seek back to),
 * then one Cluster per {@link #flush}. Each block carries its frame's time on the stream's
 * timeline, so ffmpeg aligns the tracks by these times, not by when bytes reach it.
 * Not thread-safe (the stream's thread).
 */
final class LiveMatroska {
    /** A block's offset from its cluster's timecode is an int16; a cluster is flushed well before that. */
    static final long MAX_CLUSTER_SPAN_MS = 30_000;

    private final OutputStream out;
    private final Ebml cluster = new Ebml(64 * 1024);
    private final long[] lastMs;
    private long clusterMs = -1;

    /** Writes the headers of {@code tracks} (track i is Matroska track number i + 1). */
    LiveMatroska(OutputStream out, List<TrackFormat> tracks) throws IOException {
        this.out = out;
        this.lastMs = new long[tracks.size()];
        Arrays.fill(lastMs, 0);
        Ebml h = new Ebml(1024);
        WebmWriter.ebmlHeader(h, "matroska");
        h.id(WebmWriter.ID_SEGMENT).sizeIn(Ebml.UNKNOWN_SIZE, 8);
        int info = h.startMaster(WebmWriter.ID_INFO);
        h.uint(WebmWriter.ID_TIMECODE_SCALE, 1_000_000).string(WebmWriter.ID_MUXING_APP, "parley")
                .string(WebmWriter.ID_WRITING_APP, "parley");
        h.endMaster(info);
        int list = h.startMaster(WebmWriter.ID_TRACKS);
        for (int i = 0; i < tracks.size(); i++) WebmWriter.trackEntry(h, i + 1, tracks.get(i));
        h.endMaster(list);
        out.write(h.array(), 0, h.length());
        out.flush();
    }

    /** The time of the last frame of {@code track} (0 before its first). */
    long lastMs(int track) {
        return lastMs[track];
    }

    /**
     * Adds one frame of {@code track} at {@code timeMs}; a track never goes back in time (an
     * earlier frame is moved to the previous one's time), nor before 0.
     */
    void frame(int track, long timeMs, boolean keyframe, byte[] data, int off, int len) throws IOException {
        long t = Math.max(Math.max(0, timeMs), lastMs[track]);
        if (clusterMs >= 0 && Math.abs(t - clusterMs) > MAX_CLUSTER_SPAN_MS) flush();
        if (clusterMs < 0) {
            clusterMs = t;
            cluster.reset();
        }
        WebmWriter.simpleBlock(cluster, track + 1, (int) (t - clusterMs), keyframe, data, off, len);
        lastMs[track] = t;
    }

    /** Writes the frames added since the last flush as one Cluster. */
    void flush() throws IOException {
        if (clusterMs < 0) return;
        Ebml h = WebmWriter.clusterHeader(clusterMs, cluster.length());
        out.write(h.array(), 0, h.length());
        out.write(cluster.array(), 0, cluster.length());
        out.flush();
        clusterMs = -1;
    }
}
