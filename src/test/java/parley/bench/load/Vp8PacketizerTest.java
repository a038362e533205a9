package parley.bench.load;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import parley.media.codec.CodecException;
import parley.media.codec.Vp8;
import parley.media.rtp.Hex;

class Vp8PacketizerTest {
    @Test
    void writesTheDescriptorWithA15BitPictureId() {
        byte[] keyframe = Hex.bytes("50 42 00 9d 01 2a 40 01 b4 00"); // P = 0, start code, 320x180
        byte[] out = new byte[64];
        int n = Vp8Packetizer.write(keyframe, 0, 0x1234, out, 0);
        assertEquals("90 80 92 34 50 42 00 9d 01 2a 40 01 b4 00", Hex.of(out, 0, n), "X S | I | M + 0x1234 | the frame");
        assertTrue(Vp8.isKeyframe(out, 0, n));
        assertEquals(0x1234, Vp8.pictureId(out, 0, n));
        assertEquals(320, Vp8.keyframeWidth(out, 0, n));
    }

    @ParameterizedTest(name = "{0} bytes in {1} packets")
    @CsvSource({"1, 1", "1146, 1", "1147, 2", "2292, 2", "2293, 3", "15687, 14"})
    void spreadsAFrameEvenlyWithinTheLimit(int frameBytes, int packets) throws CodecException {
        byte[] frame = new byte[frameBytes];
        for (int i = 0; i < frameBytes; i++) frame[i] = (byte) (i * 31);
        assertEquals(packets, Vp8Packetizer.packetCount(frameBytes));
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        byte[] out = new byte[2000];
        int smallest = Integer.MAX_VALUE;
        int largest = 0;
        for (int i = 0; i < packets; i++) {
            int n = Vp8Packetizer.write(frame, i, 7, out, 0);
            assertTrue(n <= Vp8Packetizer.MAX_PAYLOAD_BYTES, "payload " + n);
            assertEquals(i == 0, Vp8.isStartOfFrame(out, 0, n), "S only on the first packet");
            assertEquals(7, Vp8.pictureId(out, 0, n), "every packet carries the picture id");
            int descriptor = Vp8.descriptorLength(out, 0, n);
            joined.write(out, descriptor, n - descriptor);
            smallest = Math.min(smallest, n - descriptor);
            largest = Math.max(largest, n - descriptor);
        }
        assertArrayEquals(frame, joined.toByteArray());
        assertTrue(largest - smallest <= 1 + packets, "even: " + smallest + ".." + largest);
    }

    @Test
    void aDeltaFrameIsNoKeyframe() {
        byte[] out = new byte[16];
        int n = Vp8Packetizer.write(Hex.bytes("31 22 00"), 0, 0, out, 0);
        assertTrue(Vp8.isStartOfFrame(out, 0, n));
        assertFalse(Vp8.isKeyframe(out, 0, n));
    }
}
