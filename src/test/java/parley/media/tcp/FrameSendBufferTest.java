package parley.media.tcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Whole frames in, as much as a slow socket takes out, whole frames dropped when full. */
class FrameSendBufferTest {
    /** A socket that takes at most {@code perWrite} bytes per call (0: a full kernel buffer). */
    static final class SlowChannel implements WritableByteChannel {
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        int perWrite;

        SlowChannel(int perWrite) {
            this.perWrite = perWrite;
        }

        @Override
        public int write(ByteBuffer src) {
            int n = Math.min(perWrite, src.remaining());
            for (int i = 0; i < n; i++) received.write(src.get());
            return n;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }

        /** What arrived, cut into frames by the receiver's decoder. */
        List<byte[]> frames() throws FramingException {
            List<byte[]> out = new ArrayList<>();
            byte[] bytes = received.toByteArray();
            new FrameDecoder(65535).feed(bytes, 0, bytes.length, (b, o, l) -> out.add(Arrays.copyOfRange(b, o, o + l)));
            return out;
        }
    }

    static byte[] packet(int n, int fill) {
        byte[] p = new byte[n];
        Arrays.fill(p, (byte) fill);
        return p;
    }

    @Test
    void framesGoOutWithTheirLengthPrefixAcrossPartialWrites() throws IOException, FramingException {
        FrameSendBuffer out = new FrameSendBuffer(4096);
        SlowChannel socket = new SlowChannel(7);
        assertTrue(out.offer(packet(100, 1), 0, 100));
        assertTrue(out.offer(packet(3, 2), 0, 3));
        assertEquals(2 + 100 + 2 + 3, out.queuedBytes());

        int writes = 0;
        while (!out.isEmpty()) {
            out.writeTo(socket);
            writes++;
        }

        assertEquals(16, writes, "7 bytes a write");
        List<byte[]> frames = socket.frames();
        assertEquals(2, frames.size());
        assertArrayEquals(packet(100, 1), frames.get(0));
        assertArrayEquals(packet(3, 2), frames.get(1));
    }

    @Test
    void whenFullWholeFramesAreDroppedAndTheStreamStaysIntact() throws IOException, FramingException {
        FrameSendBuffer out = new FrameSendBuffer(1000);
        SlowChannel socket = new SlowChannel(0); // the receiver reads nothing
        int accepted = 0;
        int dropped = 0;
        for (int i = 0; i < 20; i++) {
            if (out.offer(packet(200, i), 0, 200)) accepted++;
            else dropped++;
            out.writeTo(socket);
        }
        assertEquals(4, accepted, "four 202-byte frames fit in 1000 bytes, a fifth does not");
        assertEquals(16, dropped);
        assertEquals(808, out.queuedBytes());

        socket.perWrite = 101; // the receiver wakes up, half a frame at a time
        out.writeTo(socket);
        assertTrue(out.offer(packet(150, 99), 0, 150), "room behind the unsent half frame, after compaction");
        while (!out.isEmpty()) out.writeTo(socket);

        List<byte[]> frames = socket.frames();
        assertEquals(List.of(0, 1, 2, 3, 99), frames.stream().map(f -> (int) f[0]).toList(),
                "the first four frames whole, then the late one; none cut");
    }

    @Test
    void aFrameLargerThanTheWholeBufferIsRefused() {
        FrameSendBuffer out = new FrameSendBuffer(100);
        assertFalse(out.offer(packet(99, 0), 0, 99), "99 + 2 bytes of prefix");
        assertTrue(out.offer(packet(98, 0), 0, 98));
        assertTrue(new FrameSendBuffer(100).offer(new byte[0], 0, 0), "zero-length frames are allowed");
    }
}
