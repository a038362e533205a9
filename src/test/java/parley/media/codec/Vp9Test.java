package parley.media.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import parley.media.rtp.Hex;

class Vp9Test {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            keyframe with scalability structure | 8e 80 01 18 02 80 01 68 01 04 01 aa | 11 | true  | 1  | -1 | -1 | -1
            non-flexible, layer indices       | e8 81 23 53 05 aa                    | 5  | false | 291 | 2 | 1  | 5
            flexible, two reference diffs     | f8 12 20 03 04 aa                    | 5  | false | 18 | 1  | 0  | -1
            keyframe of spatial layer 0       | a8 05 00 00 aa                       | 4  | true  | 5  | 0  | 0  | 0
            keyframe of spatial layer 1       | a8 05 02 00 aa                       | 4  | false | 5  | 0  | 1  | 0
            no picture id                     | 0c aa                                | 1  | true  | -1 | -1 | -1 | -1
            """)
    void readsDescriptor(String why, String hex, int descriptorLength, boolean keyframe, int pictureId, int tid,
            int sid, int tl0) throws CodecException {
        byte[] b = Hex.bytes(hex);
        assertEquals(descriptorLength, Vp9.descriptorLength(b, 0, b.length), why);
        assertEquals(keyframe, Vp9.isKeyframe(b, 0, b.length), why);
        assertEquals(pictureId, Vp9.pictureId(b, 0, b.length), why);
        assertEquals(tid, Vp9.temporalId(b, 0, b.length), why);
        assertEquals(sid, Vp9.spatialId(b, 0, b.length), why);
        assertEquals(tl0, Vp9.tl0PicIdx(b, 0, b.length), why);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            empty                          | ''
            15-bit id cut in half          | 80 81
            TL0PICIDX missing              | a0 05 00
            reference diffs never end      | f0 12 20 03 03 03
            scalability sizes cut off      | 82 05 18 02 80
            picture group cut off          | 02 08 01 04
            """)
    void truncatedDescriptors(String why, String hex) {
        byte[] b = Hex.bytes(hex);
        assertThrows(CodecException.class, () -> Vp9.descriptorLength(b, 0, b.length), why);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            switching up and inter-layer dependency | e8 81 23 53 05 | true  | true
            neither                                 | e8 81 23 40 05 | false | false
            """)
    void layerFlags(String why, String hex, boolean up, boolean dependency) {
        byte[] b = Hex.bytes(hex);
        assertEquals(up, Vp9.isSwitchingUpPoint(b, 0, b.length), why);
        assertEquals(dependency, Vp9.hasInterLayerDependency(b, 0, b.length), why);
        assertFalse(Vp9.isEndOfFrame(b, 0, b.length));
    }
}
