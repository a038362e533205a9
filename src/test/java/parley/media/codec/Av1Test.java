package parley.media.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import parley.media.rtp.Hex;

class Av1Test {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            N, one element, sequence header             | 18 08 00 00    | true
            N, length-prefixed sequence header          | 08 0b 08 00 00 | true
            N, two-byte length, sequence header         | 08 8b 01 08 00 | true
            N, two elements, sequence header first      | 28 05 08 00 00 | true
            N, first OBU is a frame                     | 18 30 00       | false
            no N                                        | 10 08 00       | false
            N but first element continues a fragment    | 98 08 00       | false
            N, length without the OBU                   | 08 0b          | false
            empty                                       | ''             | false
            """)
    void findsKeyframes(String why, String hex, boolean keyframe) {
        byte[] b = Hex.bytes(hex);
        assertEquals(keyframe, Av1.isKeyframe(b, 0, b.length), why);
    }
}
