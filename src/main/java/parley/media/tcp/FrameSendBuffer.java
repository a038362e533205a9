package parley.media.tcp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;

/**
 * The bytes waiting to go out on one ICE-TCP connection: whole RFC 4571 frames (length prefix
 * and packet), appended in order and written as far as the socket takes them. Bounded: a frame
 * that does not fit whole is refused, never cut, so the receiver only ever misses whole packets
 * (media is loss-tolerant; a partial frame would break the stream for good). A receiver slower
 * than its media thus loses packets at this server, as it would on a congested UDP path.
 *
 * <p>Not thread-safe: one writer thread owns it (the media loop, or the transport's sealer).
 * Allocates nothing after construction.
 */
public final class FrameSendBuffer {
    private final ByteBuffer buffer;
    /** The first byte not yet written. */
    private int start;
    /** The end of the queued bytes. */
    private int end;

    /** @param capacityBytes at least one largest frame with its prefix */
    public FrameSendBuffer(int capacityBytes) {
        if (capacityBytes < FrameDecoder.LENGTH_BYTES + 1) {
            throw new IllegalArgumentException("send buffer " + capacityBytes + " bytes (expected: at least 3)");
        }
        this.buffer = ByteBuffer.allocateDirect(capacityBytes);
    }

    /**
     * Queues one frame; false, with nothing queued, when it does not fit whole (the caller counts
     * the drop) or is longer than a frame can be.
     */
    public boolean offer(byte[] buf, int off, int len) {
        int need = FrameDecoder.LENGTH_BYTES + len;
        if (len > 0xffff || end - start + need > buffer.capacity()) return false;
        if (buffer.capacity() - end < need) compact();
        buffer.put(end, (byte) (len >>> 8));
        buffer.put(end + 1, (byte) len);
        buffer.put(end + FrameDecoder.LENGTH_BYTES, buf, off, len);
        end += need;
        return true;
    }

    /**
     * Writes what the channel takes now (non-blocking: maybe nothing).
     *
     * @return the bytes written
     * @throws IOException from the channel (the connection is then broken)
     */
    public int writeTo(WritableByteChannel channel) throws IOException {
        if (start == end) return 0;
        buffer.limit(end).position(start);
        int n = channel.write(buffer);
        start = buffer.position();
        buffer.clear();
        if (start == end) start = end = 0;
        return n;
    }

    /** Whether bytes wait to be written. */
    public boolean isEmpty() {
        return start == end;
    }

    /** Bytes waiting to be written. */
    public int queuedBytes() {
        return end - start;
    }

    /** Moves the unwritten bytes to the front; only when a frame would not fit behind them. */
    private void compact() {
        int n = end - start;
        buffer.put(0, buffer, start, n);
        start = 0;
        end = n;
    }
}
