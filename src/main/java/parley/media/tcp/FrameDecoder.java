package parley.media.tcp;

import java.nio.ByteBuffer;

/**
 * Cuts RFC 4571 frames out of a TCP byte stream: each frame is a 16-bit big-endian length
 * followed by that many bytes (one STUN message, DTLS record flight or SRTP/SRTCP packet, as a
 * datagram would carry it on UDP).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |             LENGTH            |  RTP or RTCP packet ...       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * The socket reads straight into {@link #readBuffer()}; {@link #decode} then hands every whole
 * frame to a sink in place (the sink may change its bytes, as SRTP decryption does) and keeps an
 * unfinished one for the next read. A frame longer than {@code maxFrame} is an error: the server
 * never handles a packet longer than its largest datagram, so nothing honest sends one.
 * Zero-length frames are handed on like any other (the sink decides; RFC 4571 allows them).
 *
 * <p>Not thread-safe: the media loop owns each connection's decoder. Allocates nothing per frame.
 */
public final class FrameDecoder {
    /** The length prefix (RFC 4571 section 2). */
    public static final int LENGTH_BYTES = 2;
    /** Whole frames a read may bring at once: fewer system calls per burst. */
    private static final int FRAMES_PER_READ = 4;

    /** Receives each whole frame; returns false to stop decoding (the connection is being closed). */
    @FunctionalInterface
    public interface Sink {
        boolean onFrame(byte[] buf, int off, int len);
    }

    private final int maxFrame;
    private final byte[] bytes;
    /** Where the socket writes: position is the end of what has been read, limit the capacity. */
    private final ByteBuffer readBuffer;

    /** @param maxFrame the longest frame accepted, 1..65535 */
    public FrameDecoder(int maxFrame) {
        if (maxFrame < 1 || maxFrame > 0xffff) {
            throw new IllegalArgumentException("max frame " + maxFrame + " (expected: 1..65535)");
        }
        this.maxFrame = maxFrame;
        this.bytes = new byte[FRAMES_PER_READ * (LENGTH_BYTES + maxFrame)];
        this.readBuffer = ByteBuffer.wrap(bytes);
    }

    /** The buffer to read the socket into (its position is where the next byte goes). */
    public ByteBuffer readBuffer() {
        return readBuffer;
    }

    /**
     * Hands every whole frame read so far to {@code sink}, in order, and keeps the rest for the
     * next read. Stops early (keeping nothing more) when the sink returns false.
     *
     * @throws FramingException when a frame announces more than {@code maxFrame} bytes; the
     *                          stream cannot be resynchronised, so the connection must close
     */
    public void decode(Sink sink) throws FramingException {
        int end = readBuffer.position();
        int p = 0;
        while (end - p >= LENGTH_BYTES) {
            int length = ((bytes[p] & 0xff) << 8) | (bytes[p + 1] & 0xff);
            if (length > maxFrame) {
                readBuffer.clear();
                throw new FramingException("ICE-TCP frame length " + length + " (expected: at most " + maxFrame + ")");
            }
            if (end - p - LENGTH_BYTES < length) break;
            if (!sink.onFrame(bytes, p + LENGTH_BYTES, length)) {
                readBuffer.clear();
                return;
            }
            p += LENGTH_BYTES + length;
        }
        // What remains is less than one frame and its prefix: move it to the front.
        System.arraycopy(bytes, p, bytes, 0, end - p);
        readBuffer.clear().position(end - p);
    }

    /**
     * Copies {@code data} in and decodes it, as reads of any size would (tests and the fuzz
     * target; the socket path reads into {@link #readBuffer()} instead).
     */
    public void feed(byte[] data, int off, int len, Sink sink) throws FramingException {
        int p = off;
        int end = off + len;
        while (p < end) {
            int n = Math.min(readBuffer.remaining(), end - p);
            readBuffer.put(data, p, n);
            p += n;
            decode(sink);
        }
    }

    /** Bytes of an unfinished frame held (a close now loses them; the connection ends mid-frame). */
    public int pendingBytes() {
        return readBuffer.position();
    }
}
