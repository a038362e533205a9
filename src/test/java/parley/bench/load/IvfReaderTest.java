package parley.bench.load;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import parley.media.rtp.Hex;

class IvfReaderTest {
    /** A 320x180 VP8 IVF with a keyframe, then a delta frame. */
    private static final String TWO_FRAMES = """
            44 4b 49 46        // "DKIF"
            00 00 20 00        // version 0, header length 32
            56 50 38 30        // "VP80"
            40 01 b4 00        // width 320, height 180
            1e 00 00 00        // rate 30
            01 00 00 00        // scale 1
            02 00 00 00        // 2 frames
            00 00 00 00        // unused
            03 00 00 00        // frame 0: 3 bytes
            00 00 00 00 00 00 00 00   // timestamp 0
            50 42 00           // frame tag P = 0: a keyframe
            02 00 00 00        // frame 1: 2 bytes
            01 00 00 00 00 00 00 00   // timestamp 1
            31 22              // frame tag P = 1: a delta frame
            """;

    @Test
    void readsFramesAndFindsKeyframes() throws IOException {
        VideoFixture v = IvfReader.parse(Hex.bytes(TWO_FRAMES));
        assertEquals(320, v.width());
        assertEquals(180, v.height());
        assertEquals(2, v.frames().size());
        assertArrayEquals(Hex.bytes("50 42 00"), v.frames().get(0));
        assertArrayEquals(Hex.bytes("31 22"), v.frames().get(1));
        assertEquals(List.of(0), v.keyframes());
        assertEquals(0, v.nextKeyframe(1), "after the last keyframe the loop starts again at frame 0");
    }

    @Test
    void refusesWhatIsNotVp8Ivf() {
        byte[] vp9 = Hex.bytes(TWO_FRAMES.replace("56 50 38 30", "56 50 39 30"));
        assertEquals("IVF codec 'VP90' (expected: VP80)", assertThrows(IOException.class, () -> IvfReader.parse(vp9)).getMessage());
        byte[] cut = Hex.bytes(TWO_FRAMES.replace("31 22              // frame tag P = 1: a delta frame", "31"));
        assertEquals("IVF frame 1 of 2 bytes at 47 (expected: 1..1)",
                assertThrows(IOException.class, () -> IvfReader.parse(cut)).getMessage());
        byte[] deltaFirst = Hex.bytes(TWO_FRAMES.replace("50 42 00", "51 42 00"));
        assertEquals("video fixture starts with a delta frame (expected: a keyframe)",
                assertThrows(IOException.class, () -> IvfReader.parse(deltaFirst)).getMessage());
    }
}
