package parley.media.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RtpPacketTest {
    /** A plain packet with 2 CSRCs, 3 payload bytes and 2 bytes of padding. */
    private static final String WITH_CSRCS_AND_PADDING = """
            a2 e0 ff ff   // V=2 P=1 X=0 CC=2 | M=1 PT=96 | seq 65535
            ff ff ff fe   // timestamp 4294967294
            80 00 00 01   // SSRC 0x80000001
            00 00 00 0a   // CSRC 10
            00 00 00 0b   // CSRC 11
            aa bb cc      // payload
            00 02         // padding, count 2
            """;

    @Test
    void readsChromePacketWithOneByteExtensions() throws RtpException {
        byte[] p = Fixtures.chromeOneByte();
        RtpPacket.validate(p, 0, p.length);
        assertEquals(2, RtpPacket.version(p, 0));
        assertFalse(RtpPacket.hasPadding(p, 0));
        assertTrue(RtpPacket.hasExtension(p, 0));
        assertEquals(0, RtpPacket.csrcCount(p, 0));
        assertFalse(RtpPacket.marker(p, 0));
        assertEquals(45, RtpPacket.payloadType(p, 0));
        assertEquals(6751, RtpPacket.sequenceNumber(p, 0));
        assertEquals(3557360969L, RtpPacket.timestamp(p, 0));
        assertEquals(0xf7b16e83, RtpPacket.ssrc(p, 0));
        assertEquals(0xBEDE, RtpPacket.extensionProfile(p, 0));
        assertEquals(12, RtpPacket.extensionDataLength(p, 0));
        assertEquals(28, RtpPacket.headerLength(p, 0));
        assertEquals(28, RtpPacket.payloadOffset(p, 0));
        assertEquals(0, RtpPacket.payloadLength(p, 0, p.length));
    }

    @Test
    void readsCsrcsPaddingAndUnsignedFieldsAtAnOffset() throws RtpException {
        byte[] packet = Hex.bytes(WITH_CSRCS_AND_PADDING);
        byte[] b = new byte[packet.length + 7];
        System.arraycopy(packet, 0, b, 5, packet.length);
        RtpPacket.validate(b, 5, packet.length);
        assertTrue(RtpPacket.marker(b, 5));
        assertEquals(96, RtpPacket.payloadType(b, 5));
        assertEquals(65535, RtpPacket.sequenceNumber(b, 5));
        assertEquals(4294967294L, RtpPacket.timestamp(b, 5));
        assertEquals(0x80000001, RtpPacket.ssrc(b, 5));
        assertEquals(11, RtpPacket.csrc(b, 5, 1));
        assertEquals(-1, RtpPacket.extensionProfile(b, 5));
        assertEquals(20, RtpPacket.headerLength(b, 5));
        assertEquals(25, RtpPacket.payloadOffset(b, 5));
        assertEquals(2, RtpPacket.paddingLength(b, 5, packet.length));
        assertEquals(3, RtpPacket.payloadLength(b, 5, packet.length));
    }

    @Test
    void settersChangeOnlyTheirField() {
        byte[] b = Hex.bytes(WITH_CSRCS_AND_PADDING);
        RtpPacket.setSequenceNumber(b, 0, 0x1234);
        RtpPacket.setTimestamp(b, 0, 0x1_0000_0005L);
        RtpPacket.setSsrc(b, 0, 0xcafebabe);
        RtpPacket.setPayloadType(b, 0, 111);
        RtpPacket.setMarker(b, 0, false);
        // marker cleared + PT 111 | seq 0x1234 | timestamp truncated to 32 bits | SSRC | CSRCs, payload, padding untouched
        assertEquals("a2 6f 12 34 00 00 00 05 ca fe ba be 00 00 00 0a 00 00 00 0b aa bb cc 00 02", Hex.of(b));
        RtpPacket.setMarker(b, 0, true);
        assertEquals(0xef, b[1] & 0xFF);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            shorter than the fixed header     | 80 60 00 01 00 00 00 01 00 00 00
            version 1                         | 40 60 00 01 00 00 00 01 00 00 00 01
            CSRC count past the end           | 81 60 00 01 00 00 00 01 00 00 00 01
            extension header past the end     | 90 60 00 01 00 00 00 01 00 00 00 01 be de
            extension length past the end     | 90 60 00 01 00 00 00 01 00 00 00 01 be de 00 01
            padding count 0                   | a0 60 00 01 00 00 00 01 00 00 00 01 aa 00
            padding larger than the payload   | a0 60 00 01 00 00 00 01 00 00 00 01 aa 03
            padding bit on a bare header      | a0 60 00 01 00 00 00 01 00 00 00 0c
            """)
    void rejectsMalformedPackets(String why, String hex) {
        byte[] b = Hex.bytes(hex);
        assertThrows(RtpException.class, () -> RtpPacket.validate(b, 0, b.length), why);
    }

    @ParameterizedTest(name = "second byte {0} -> rtcp {1}")
    @CsvSource({"127, false", "191, false", "192, true", "200, true", "206, true", "223, true", "224, false", "255, false"})
    void demultiplexesRtcpByPacketTypeByte(int secondByte, boolean rtcp) {
        byte[] b = {(byte) 0x80, (byte) secondByte, 0, 1};
        assertEquals(rtcp, RtpPacket.isRtcp(b, 0, b.length));
    }

    @Test
    void rtcpDemuxNeedsVersion2AndTwoBytes() {
        assertFalse(RtpPacket.isRtcp(new byte[] {0x40, (byte) 200}, 0, 2));
        assertFalse(RtpPacket.isRtcp(new byte[] {(byte) 0x80}, 0, 1));
    }

    @Test
    void copiesHeaderWithoutExtension() {
        byte[] in = Fixtures.chromeOneByte();
        byte[] out = new byte[40];
        assertEquals(12, RtpPacket.copyHeaderWithoutExtension(in, 0, out, 3));
        assertEquals("80 2d 1a 5f d4 09 05 49 f7 b1 6e 83", Hex.of(out, 3, 12));
    }
}
