package parley.record;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes one track (VP8 or Opus, as received: nothing is decoded) to a WebM file: the EBML
 * header, a Segment with Info and Tracks, then Clusters of SimpleBlocks. Timestamps are in
 * milliseconds (TimecodeScale 1 ms) on the recording's timeline, so a track that starts later
 * starts later in its file. A cluster is written when it is full (about 5 s, or at a video
 * keyframe after 1 s), so a crash loses at most that much; {@link #close} fills in the
 * Segment's size and the Duration, which players and ffprobe read. No Cues: the files are read
 * from start to end by the composition, never seeked. Not thread-safe.
 *
 * <pre>
 * EBML { DocType "webm" }  Segment { Info { TimecodeScale, Duration } Tracks { TrackEntry }
 *                                    Cluster { Timecode, SimpleBlock... } ... }
 * SimpleBlock: track number (vint) | relative timecode (int16) | flags (0x80 keyframe) | frame
 * </pre>
 */
final class WebmWriter implements AutoCloseable {
    static final long ID_EBML = 0x1A45DFA3L, ID_EBML_VERSION = 0x4286, ID_EBML_READ_VERSION = 0x42F7,
            ID_EBML_MAX_ID_LENGTH = 0x42F2, ID_EBML_MAX_SIZE_LENGTH = 0x42F3, ID_DOCTYPE = 0x4282,
            ID_DOCTYPE_VERSION = 0x4287, ID_DOCTYPE_READ_VERSION = 0x4285;
    static final long ID_SEGMENT = 0x18538067L, ID_INFO = 0x1549A966L, ID_TIMECODE_SCALE = 0x2AD7B1,
            ID_MUXING_APP = 0x4D80, ID_WRITING_APP = 0x5741, ID_DURATION = 0x4489;
    static final long ID_TRACKS = 0x1654AE6BL, ID_TRACK_ENTRY = 0xAE, ID_TRACK_NUMBER = 0xD7, ID_TRACK_UID = 0x73C5,
            ID_TRACK_TYPE = 0x83, ID_CODEC_ID = 0x86, ID_CODEC_PRIVATE = 0x63A2, ID_CODEC_DELAY = 0x56AA,
            ID_SEEK_PRE_ROLL = 0x56BB, ID_VIDEO = 0xE0, ID_PIXEL_WIDTH = 0xB0, ID_PIXEL_HEIGHT = 0xBA,
            ID_AUDIO = 0xE1, ID_SAMPLING_FREQUENCY = 0xB5, ID_CHANNELS = 0x9F;
    static final long ID_CLUSTER = 0x1F43B675L, ID_TIMECODE = 0xE7, ID_SIMPLE_BLOCK = 0xA3;

    /** A cluster's blocks are at most this far from its timecode (the block's offset is an int16). */
    static final long MAX_CLUSTER_MS = 5_000;
    /** A video keyframe starts a new cluster once the current one is this long. */
    static final long KEYFRAME_CLUSTER_MS = 1_000;
    private static final int TRACK_NUMBER = 1;
    /** Opus's usual decoder delay (RFC 7845): 6.5 ms at 48 kHz. */
    private static final int OPUS_PRE_SKIP = 312;

    private final FileChannel file;
    private final Ebml cluster = new Ebml(64 * 1024);
    private final long segmentSizeAt;
    private final long segmentDataStart;
    private final long durationAt;
    private long clusterMs = -1;
    private long firstMs = -1;
    private long lastMs = -1;
    private long frames;
    private boolean closed;

    /** Creates (or replaces) {@code path} and writes the headers of one track of {@code format}. */
    WebmWriter(Path path, TrackFormat format) throws IOException {
        file = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
        try {
            Ebml h = new Ebml(512);
            ebmlHeader(h, "webm");
            h.id(ID_SEGMENT);
            segmentSizeAt = h.length();
            h.sizeIn(Ebml.UNKNOWN_SIZE, 8);
            segmentDataStart = h.length();
            int info = h.startMaster(ID_INFO);
            h.uint(ID_TIMECODE_SCALE, 1_000_000).string(ID_MUXING_APP, "parley").string(ID_WRITING_APP, "parley");
            durationAt = h.length() + 3; // after the Duration's id (2 bytes) and size (1 byte)
            h.float64(ID_DURATION, 0);
            h.endMaster(info);
            tracks(h, format);
            write(h.array(), h.length());
        } catch (IOException | RuntimeException e) {
            file.close();
            throw e;
        }
    }

    /** The EBML header of a file of {@code docType} ("webm", or "matroska" for a live stream). */
    static void ebmlHeader(Ebml h, String docType) {
        int ebml = h.startMaster(ID_EBML);
        h.uint(ID_EBML_VERSION, 1).uint(ID_EBML_READ_VERSION, 1).uint(ID_EBML_MAX_ID_LENGTH, 4)
                .uint(ID_EBML_MAX_SIZE_LENGTH, 8).string(ID_DOCTYPE, docType).uint(ID_DOCTYPE_VERSION, 4)
                .uint(ID_DOCTYPE_READ_VERSION, 2);
        h.endMaster(ebml);
    }

    private static void tracks(Ebml h, TrackFormat format) {
        int tracks = h.startMaster(ID_TRACKS);
        trackEntry(h, TRACK_NUMBER, format);
        h.endMaster(tracks);
    }

    /** One TrackEntry: VP8 of the format's size, or stereo Opus at 48 kHz. */
    static void trackEntry(Ebml h, int number, TrackFormat format) {
        int entry = h.startMaster(ID_TRACK_ENTRY);
        h.uint(ID_TRACK_NUMBER, number).uint(ID_TRACK_UID, number).uint(ID_TRACK_TYPE, format.video() ? 1 : 2);
        if (format.video()) {
            h.string(ID_CODEC_ID, "V_VP8");
            int video = h.startMaster(ID_VIDEO);
            h.uint(ID_PIXEL_WIDTH, format.width()).uint(ID_PIXEL_HEIGHT, format.height());
            h.endMaster(video);
        } else {
            h.string(ID_CODEC_ID, "A_OPUS");
            byte[] head = opusHead(2);
            h.bytes(ID_CODEC_PRIVATE, head, 0, head.length);
            h.uint(ID_CODEC_DELAY, OPUS_PRE_SKIP * 1_000_000_000L / 48_000).uint(ID_SEEK_PRE_ROLL, 80_000_000);
            int audio = h.startMaster(ID_AUDIO);
            h.float64(ID_SAMPLING_FREQUENCY, 48_000).uint(ID_CHANNELS, 2);
            h.endMaster(audio);
        }
        h.endMaster(entry);
    }

    /** The Opus identification header (RFC 7845 §5.1), mapping family 0. */
    static byte[] opusHead(int channels) {
        ByteBuffer b = ByteBuffer.allocate(19).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put("OpusHead".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).put((byte) 1).put((byte) channels)
                .putShort((short) OPUS_PRE_SKIP).putInt(48_000).putShort((short) 0).put((byte) 0);
        return b.array();
    }

    /**
     * Adds one frame at {@code timeMs} (not before the previous frame's: an earlier one is moved
     * to it, since a Matroska track must not go back in time).
     */
    void frame(long timeMs, boolean keyframe, byte[] data, int off, int len) throws IOException {
        if (closed) throw new IllegalStateException("closed");
        long t = Math.max(Math.max(0, timeMs), lastMs);
        boolean full = clusterMs >= 0 && (t - clusterMs > MAX_CLUSTER_MS || keyframe && t - clusterMs >= KEYFRAME_CLUSTER_MS);
        if (full) flushCluster();
        if (clusterMs < 0) {
            clusterMs = t;
            cluster.reset();
        }
        simpleBlock(cluster, TRACK_NUMBER, (int) (t - clusterMs), keyframe, data, off, len);
        if (firstMs < 0) firstMs = t;
        lastMs = t;
        frames++;
    }

    private void flushCluster() throws IOException {
        if (clusterMs < 0) return;
        Ebml h = clusterHeader(clusterMs, cluster.length());
        write(h.array(), h.length());
        write(cluster.array(), cluster.length());
        clusterMs = -1;
    }

    /** A Cluster's id, size and Timecode, for {@code blockBytes} of SimpleBlocks that follow. */
    static Ebml clusterHeader(long clusterMs, int blockBytes) {
        Ebml tc = new Ebml(16).uint(ID_TIMECODE, clusterMs);
        Ebml h = new Ebml(32);
        h.id(ID_CLUSTER).size(tc.length() + (long) blockBytes).raw(tc.array(), 0, tc.length());
        return h;
    }

    /** One SimpleBlock of track {@code number} at {@code offsetMs} from its cluster's timecode. */
    static void simpleBlock(Ebml cluster, int number, int offsetMs, boolean keyframe, byte[] data, int off, int len) {
        cluster.id(ID_SIMPLE_BLOCK).size(4L + len).sizeIn(number, 1);
        cluster.int16(offsetMs);
        cluster.put(keyframe ? 0x80 : 0x00);
        cluster.raw(data, off, len);
    }

    long frames() {
        return frames;
    }

    /** Time of the first frame (ms on the recording's timeline), or -1. */
    long firstMs() {
        return firstMs;
    }

    long lastMs() {
        return lastMs;
    }

    private void write(byte[] b, int n) throws IOException {
        ByteBuffer bb = ByteBuffer.wrap(b, 0, n);
        while (bb.hasRemaining()) file.write(bb);
    }

    /** Writes the last cluster, the Segment's size and the Duration; then closes the file. */
    @Override
    public void close() throws IOException {
        if (closed) return;
        closed = true;
        try {
            flushCluster();
            long end = file.position();
            byte[] size = new byte[8];
            Ebml.patchSize(size, 0, end - segmentDataStart);
            file.write(ByteBuffer.wrap(size), segmentSizeAt);
            double durationMs = lastMs < 0 ? 0 : lastMs + 20; // the last frame lasts about one frame
            file.write(ByteBuffer.allocate(8).putDouble(0, durationMs), durationAt);
        } finally {
            file.close();
        }
    }
}
