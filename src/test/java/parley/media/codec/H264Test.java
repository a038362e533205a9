package parley.media.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import parley.media.rtp.Hex;

class H264Test {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            IDR slice, single NAL          | 65 88 84 00 33              | 5  | true  | true
            SPS, single NAL                | 67 42 c0 1f da 01 40        | 7  | true  | true
            PPS, single NAL                | 68 ce 3c 80                 | 8  | false | true
            non-IDR slice                  | 41 9a 02 00                 | 1  | false | true
            STAP-A: SPS, PPS, IDR          | 78 00 04 67 42 c0 1f 00 02 68 ce 00 02 65 88 | 24 | true | true
            STAP-A: SEI and a slice        | 78 00 02 06 05 00 02 41 9a  | 24 | false | true
            STAP-A: size past the end      | 78 00 09 67 42              | 24 | false | true
            FU-A: start of an IDR          | 7c 85 88 84                 | 28 | true  | true
            FU-A: middle of an IDR         | 7c 05 11 22                 | 28 | false | false
            FU-A: end of an IDR            | 7c 45 11 22                 | 28 | false | false
            FU-A: start of a non-IDR slice | 5c 81 9a 02                 | 28 | false | true
            FU-A: header cut off           | 7c                          | 28 | false | false
            empty                          | ''                          | -1 | false | false
            """)
    void findsKeyframes(String why, String hex, int nalType, boolean keyframe, boolean startOfNal) {
        byte[] b = Hex.bytes(hex);
        assertEquals(nalType, H264.nalType(b, 0, b.length), why);
        assertEquals(keyframe, H264.isKeyframe(b, 0, b.length), why);
        assertEquals(startOfNal, H264.isStartOfNal(b, 0, b.length), why);
    }
}
