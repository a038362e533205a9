package parley.media.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import parley.media.rtp.Hex;

class Vp8Test {
    /** First packet of a 640x360 keyframe as Chrome sends it with temporal layers. */
    private static final String KEYFRAME_15BIT = """
            90          // X=1 N=0 S=1 PID=0
            e0          // I=1 L=1 T=1 K=0
            9a 6b       // M=1, picture id 0x1a6b = 6763
            2c          // TL0PICIDX 44
            20          // TID 0, Y=1, KEYIDX 0
            50 42 00    // VP8 payload header: P=0 (keyframe), show_frame=1
            9d 01 2a    // keyframe start code
            80 02       // width 640, scale 0
            68 01       // height 360, scale 0
            00 11 22    // compressed data
            """;
    /** First packet of a delta frame in temporal layer 2. */
    private static final String DELTA_15BIT = """
            90 e0 9a 6c   // S=1 PID=0 | I L T | picture id 6764
            2c            // TL0PICIDX 44
            80            // TID 2, Y=0
            31 22 00      // payload header: P=1 (interframe)
            """;
    /** Second packet of the keyframe: S=0. */
    private static final String KEYFRAME_CONTINUATION = "80 e0 9a 6b 2c 20 aa bb cc dd";
    /** 7-bit picture id, no TL0PICIDX or TID. */
    private static final String KEYFRAME_7BIT = """
            90 80 15      // S=1 | I | picture id 21 (M=0)
            10 02 00 9d 01 2a 40 01 f0 00   // keyframe 320x240
            """;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            keyframe 15-bit        | KEYFRAME_15BIT        | 6 | true  | 6763 | 44 | 0  | true  | -1 | 640 | 360
            delta 15-bit           | DELTA_15BIT           | 6 | false | 6764 | 44 | 2  | false | -1 | -1  | -1
            keyframe continuation  | KEYFRAME_CONTINUATION | 6 | false | 6763 | 44 | 0  | true  | -1 | -1  | -1
            keyframe 7-bit         | KEYFRAME_7BIT         | 3 | true  | 21   | -1 | -1 | false | -1 | 320 | 240
            bare descriptor        | 10 50 42 00           | 1 | true  | -1   | -1 | -1 | false | -1 | -1  | -1
            second partition start | 11 50 42 00           | 1 | false | -1   | -1 | -1 | false | -1 | -1  | -1
            KEYIDX only            | 90 10 0b 31 00 00     | 3 | false | -1   | -1 | -1 | false | 11 | -1  | -1
            """)
    void readsDescriptor(String why, String packet, int descriptorLength, boolean keyframe, int pictureId, int tl0,
            int tid, boolean sync, int keyIdx, int width, int height) throws CodecException {
        byte[] b = bytes(packet);
        assertEquals(descriptorLength, Vp8.descriptorLength(b, 0, b.length), why);
        assertEquals(keyframe, Vp8.isKeyframe(b, 0, b.length), why);
        assertEquals(pictureId, Vp8.pictureId(b, 0, b.length), why);
        assertEquals(tl0, Vp8.tl0PicIdx(b, 0, b.length), why);
        assertEquals(tid, Vp8.temporalId(b, 0, b.length), why);
        assertEquals(sync, Vp8.isLayerSync(b, 0, b.length), why);
        assertEquals(keyIdx, Vp8.keyIdx(b, 0, b.length), why);
        assertEquals(width, Vp8.keyframeWidth(b, 0, b.length), why);
        assertEquals(height, Vp8.keyframeHeight(b, 0, b.length), why);
    }

    @Test
    void rewritesPictureIdAndTl0PicIdxInPlace() {
        byte[] b = bytes(KEYFRAME_15BIT);
        byte[] payload = java.util.Arrays.copyOfRange(b, 6, b.length);
        assertTrue(Vp8.setPictureId(b, 0, b.length, 0x8123));   // masked to 15 bits: 0x0123
        assertTrue(Vp8.setTl0PicIdx(b, 0, b.length, 301));      // masked to 8 bits: 45
        assertEquals("90 e0 81 23 2d 20", Hex.of(b, 0, 6));
        assertEquals(0x0123, Vp8.pictureId(b, 0, b.length));
        assertEquals(45, Vp8.tl0PicIdx(b, 0, b.length));
        assertEquals(Hex.of(payload), Hex.of(b, 6, b.length - 6));

        byte[] short7 = bytes(KEYFRAME_7BIT);
        assertTrue(Vp8.setPictureId(short7, 0, short7.length, 0x1ff));
        assertEquals(0x7f, Vp8.pictureId(short7, 0, short7.length));
        assertFalse(Vp8.setTl0PicIdx(short7, 0, short7.length, 1));
        assertFalse(Vp8.setPictureId(bytes("10 50 42 00"), 0, 4, 1));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            empty                     | ''
            X without extension byte  | 90
            15-bit id cut in half     | 90 80 9a
            TL0PICIDX missing         | 90 c0 9a 6b
            """)
    void truncatedDescriptors(String why, String hex) {
        byte[] b = Hex.bytes(hex);
        assertThrows(CodecException.class, () -> Vp8.descriptorLength(b, 0, b.length), why);
        assertFalse(Vp8.isKeyframe(b, 0, b.length), why);
        assertEquals(-1, Vp8.tl0PicIdx(b, 0, b.length), why);
    }

    @Test
    void keyframeAtAnOffsetIgnoresBytesPastLength() {
        byte[] packet = bytes(KEYFRAME_15BIT);
        byte[] b = new byte[packet.length + 20];
        System.arraycopy(packet, 0, b, 12, packet.length);
        assertTrue(Vp8.isKeyframe(b, 12, packet.length));
        assertEquals(640, Vp8.keyframeWidth(b, 12, packet.length));
        assertEquals(-1, Vp8.keyframeWidth(b, 12, 12));   // start code cut off
        assertFalse(Vp8.isKeyframe(b, 12, 6));             // no payload header byte
    }

    private static byte[] bytes(String packet) {
        return Hex.bytes(switch (packet) {
            case "KEYFRAME_15BIT" -> KEYFRAME_15BIT;
            case "DELTA_15BIT" -> DELTA_15BIT;
            case "KEYFRAME_CONTINUATION" -> KEYFRAME_CONTINUATION;
            case "KEYFRAME_7BIT" -> KEYFRAME_7BIT;
            default -> packet;
        });
    }
}
