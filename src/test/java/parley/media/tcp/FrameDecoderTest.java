package parley.media.tcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 4571 frames cut out of a byte stream however the reads split it. */
class FrameDecoderTest {
    /** Two frames: 3 bytes "abc", then 1 byte 0x80. */
    static final byte[] TWO_FRAMES = {
            0x00, 0x03, 'a', 'b', 'c',   // length 3, payload
            0x00, 0x01, (byte) 0x80};    // length 1, payload

    private final List<byte[]> frames = new ArrayList<>();
    private final FrameDecoder.Sink collect = (buf, off, len) -> frames.add(Arrays.copyOfRange(buf, off, off + len));

    @Test
    void severalFramesInOneRead() throws FramingException {
        new FrameDecoder(1500).feed(TWO_FRAMES, 0, TWO_FRAMES.length, collect);

        assertEquals(2, frames.size());
        assertArrayEquals(new byte[] {'a', 'b', 'c'}, frames.get(0));
        assertArrayEquals(new byte[] {(byte) 0x80}, frames.get(1));
    }

    @Test
    void framesSplitAcrossReadsAtEveryByte() throws FramingException {
        for (int cut = 0; cut <= TWO_FRAMES.length; cut++) {
            frames.clear();
            FrameDecoder d = new FrameDecoder(1500);
            d.feed(TWO_FRAMES, 0, cut, collect);
            d.feed(TWO_FRAMES, cut, TWO_FRAMES.length - cut, collect);
            assertEquals(2, frames.size(), "cut at " + cut);
            assertArrayEquals(new byte[] {'a', 'b', 'c'}, frames.get(0), "cut at " + cut);
            assertEquals(0, d.pendingBytes(), "cut at " + cut);
        }
    }

    @Test
    void oneByteReads() throws FramingException {
        FrameDecoder d = new FrameDecoder(1500);
        for (byte b : TWO_FRAMES) d.feed(new byte[] {b}, 0, 1, collect);
        assertEquals(2, frames.size());
    }

    @Test
    void largestFramesBackToBackFillTheBufferExactly() throws FramingException {
        byte[] frame = new byte[2 + 1500];
        frame[0] = (byte) (1500 >> 8);
        frame[1] = (byte) 1500;
        byte[] stream = new byte[frame.length * 9];
        for (int i = 0; i < 9; i++) System.arraycopy(frame, 0, stream, i * frame.length, frame.length);
        new FrameDecoder(1500).feed(stream, 0, stream.length, collect);
        assertEquals(9, frames.size());
        assertEquals(1500, frames.get(8).length);
    }

    @Test
    void zeroLengthFramesAreHandedOn() throws FramingException {
        byte[] stream = {0x00, 0x00, 0x00, 0x01, 0x42, 0x00, 0x00};
        new FrameDecoder(1500).feed(stream, 0, stream.length, collect);
        assertEquals(List.of(0, 1, 0), frames.stream().map(f -> f.length).toList());
    }

    @Test
    void aFrameLongerThanTheLimitIsAnError() {
        byte[] stream = {0x05, (byte) 0xdd, 0x01}; // length 1501
        FramingException e = assertThrows(FramingException.class,
                () -> new FrameDecoder(1500).feed(stream, 0, stream.length, collect));
        assertEquals("ICE-TCP frame length 1501 (expected: at most 1500)", e.getMessage());
        assertEquals(0, frames.size());
    }

    @Test
    void theLengthAloneIsEnoughToRefuseAFrame() {
        byte[] stream = {(byte) 0xff, (byte) 0xff}; // 65535, no payload yet
        assertThrows(FramingException.class, () -> new FrameDecoder(1500).feed(stream, 0, 2, collect));
    }

    @Test
    void closeMidFrameLeavesThePartHeldAndHandsNothing() throws FramingException {
        FrameDecoder d = new FrameDecoder(1500);
        d.feed(TWO_FRAMES, 0, 7, collect); // the first frame and the second's length prefix
        assertEquals(1, frames.size());
        assertEquals(2, d.pendingBytes(), "the held prefix is what a close now loses");
        d.feed(TWO_FRAMES, 0, 3, collect); // a new frame's first byte after the held prefix is its payload
        assertEquals(2, frames.size());
        assertArrayEquals(new byte[] {0x00}, frames.get(1));
    }

    @Test
    void aSinkThatStopsEndsDecodingAndDropsTheRest() throws FramingException {
        FrameDecoder d = new FrameDecoder(1500);
        d.feed(TWO_FRAMES, 0, TWO_FRAMES.length, (buf, off, len) -> {
            frames.add(Arrays.copyOfRange(buf, off, off + len));
            return false;
        });
        assertEquals(1, frames.size());
        assertEquals(0, d.pendingBytes());
    }

    @Test
    void limitsOutsideWhatTheLengthCanSayAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new FrameDecoder(0));
        assertThrows(IllegalArgumentException.class, () -> new FrameDecoder(65536));
    }
}
