package parley.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VideoLayerTest {
    /** Ten frames, keyframes at 0 and 5. */
    private static final VideoFixture FIXTURE = fixture();

    private static VideoFixture fixture() {
        List<byte[]> frames = new ArrayList<>();
        for (int i = 0; i < 10; i++) frames.add(new byte[] {(byte) (i % 5 == 0 ? 0x00 : 0x01), (byte) i});
        return new VideoFixture(320, 180, frames);
    }

    @Test
    void loopsWithContinuousTimestampsAndPictureIds() {
        VideoLayer layer = new VideoLayer("q", 1, FIXTURE, 0, 0xffff_ffffL - 3000, 0x7fff, 0);
        for (int i = 0; i < 12; i++) {
            assertSame(FIXTURE.frames().get(i % 10), layer.nextFrame());
            assertEquals((0xffff_ffffL - 3000 + 3000L * i) & 0xffff_ffffL, layer.frameTimestamp(), "frame " + i);
            assertEquals((0x7fff + i) & 0x7fff, layer.framePictureId(), "frame " + i);
        }
    }

    @Test
    void aKeyframeRequestJumpsToTheNextKeyframe() {
        VideoLayer layer = new VideoLayer("q", 1, FIXTURE, 0, 0, 0, 0);
        layer.nextFrame(); // 0
        layer.nextFrame(); // 1
        layer.requestKeyframe();
        assertSame(FIXTURE.frames().get(5), layer.nextFrame());
        assertEquals(2 * VideoLayer.TICKS_PER_FRAME, layer.frameTimestamp(), "the clock does not jump with the picture");
        assertSame(FIXTURE.frames().get(6), layer.nextFrame());
    }

    @Test
    void aPausedLayerSendsNothingAndResumesWithAKeyframe() {
        VideoLayer layer = new VideoLayer("h", 2, FIXTURE, 0, 0, 0, 3); // starts at the keyframe after frame 3
        assertSame(FIXTURE.frames().get(5), layer.nextFrame());
        layer.setActive(false);
        assertNull(layer.nextFrame());
        assertNull(layer.nextFrame());
        layer.setActive(true);
        assertSame(FIXTURE.frames().get(0), layer.nextFrame(), "frame 8 is due; the next keyframe is 0, after the wrap");
        assertEquals(3 * VideoLayer.TICKS_PER_FRAME, layer.frameTimestamp());
        assertEquals(1, layer.framePictureId(), "picture ids count frames sent");
    }
}
