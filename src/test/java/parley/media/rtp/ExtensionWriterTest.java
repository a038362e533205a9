package parley.media.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ExtensionWriterTest {
    @Test
    void rebuildsChromeTwoByteBlockWithReceiverIds() throws RtpException {
        byte[] in = Fixtures.chromeTwoByte();
        byte[] out = new byte[100];
        RtpPacket.copyHeaderWithoutExtension(in, 0, out, 2);
        int header = new ExtensionWriter().start(out, 2)
                .copy(in, 0, in.length, 2, 3)        // abs-send-time: sender id 2 -> receiver id 3
                .add16(5, 0x1234)                    // transport-wide seq assigned by the SFU, id 5
                .copy(in, 0, in.length, 13, 7)       // 33 bytes: does not fit the one-byte form, skipped
                .copy(in, 0, in.length, 11, 8)       // absent, skipped
                .finish();
        assertEquals(24, header);
        assertEquals("""
                90 2d 61 c5 95 0a 0f ee 8d 38 14 e5 \
                be de 00 02 \
                32 03 f7 ae \
                51 12 34 00""", Hex.of(out, 2, header));
        RtpPacket.validate(out, 2, header);
        assertEquals(0x1234, HeaderExtensions.transportSequence(out, 2, header, 5));
        assertEquals(0x03f7ae, HeaderExtensions.absSendTime(out, 2, header, 3));
    }

    @Test
    void writesEveryWidthAndPadsToAWord() {
        byte[] out = new byte[64];
        out[0] = (byte) 0x80;
        byte[] mid = {'a', 'b'};
        int header = new ExtensionWriter().start(out, 0)
                .add8(1, 0x85)          // audio level
                .add24(2, 0xabcdef)     // abs-send-time
                .add(3, mid, 0, 2)      // mid "ab"
                .finish();
        assertEquals("""
                90 00 00 00 00 00 00 00 00 00 00 00 \
                be de 00 03 \
                10 85 22 ab \
                cd ef 31 61 \
                62 00 00 00""", Hex.of(out, 0, header));
    }

    @Test
    void noElementsMeansNoBlockAndNoExtensionBit() {
        byte[] out = new byte[32];
        out[0] = (byte) 0x91;   // X set, one CSRC
        assertEquals(16, new ExtensionWriter().start(out, 0).finish());
        assertFalse(RtpPacket.hasExtension(out, 0));
    }

    @Test
    void rejectsIdsAndLengthsTheOneByteFormCannotCarry() {
        ExtensionWriter writer = new ExtensionWriter().start(new byte[64], 0);
        assertThrows(IllegalArgumentException.class, () -> writer.add8(0, 1));
        assertThrows(IllegalArgumentException.class, () -> writer.add8(15, 1));
        assertThrows(IllegalArgumentException.class, () -> writer.add(1, new byte[17], 0, 17));
        assertThrows(IllegalStateException.class, () -> new ExtensionWriter().finish());
    }
}
