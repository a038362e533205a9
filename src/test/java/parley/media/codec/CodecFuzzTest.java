package parley.media.codec;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Random payloads: descriptor parsers throw only CodecException; every other reader never throws. */
class CodecFuzzTest {
    @Test
    void randomPayloadsNeverThrowAnythingElse() {
        SplittableRandom random = new SplittableRandom(11);
        for (int round = 0; round < 100_000; round++) {
            byte[] b = new byte[random.nextInt(24)];
            random.nextBytes(b);
            int off = b.length == 0 ? 0 : random.nextInt(b.length);
            int len = b.length - off;
            Vp8.isKeyframe(b, off, len);
            Vp8.pictureId(b, off, len);
            Vp8.temporalId(b, off, len);
            Vp8.keyframeWidth(b, off, len);
            Vp8.setPictureId(b, off, len, round);
            Vp9.isKeyframe(b, off, len);
            Vp9.tl0PicIdx(b, off, len);
            H264.isKeyframe(b, off, len);
            Av1.isKeyframe(b, off, len);
            try {
                Vp8.descriptorLength(b, off, len);
            } catch (CodecException expected) {
                // allowed
            }
            try {
                Vp9.descriptorLength(b, off, len);
            } catch (CodecException expected) {
                // allowed
            }
        }
    }
}
