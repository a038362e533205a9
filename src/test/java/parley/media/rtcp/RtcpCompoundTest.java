package parley.media.rtcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import parley.media.rtp.Hex;

class RtcpCompoundTest {
    @Test
    void walksChromeCompound() throws RtcpException {
        assertEquals(List.of("200/0@0+28", "202/1@28+28", "206/15@56+28"), walk(RtcpFixtures.chromeSrSdesRemb()));
    }

    @Test
    void walksFirefoxCompoundWithTypesNotParsedHere() throws RtcpException {
        assertEquals(List.of("201/1@0+32", "202/1@32+52", "203/1@84+8", "206/1@92+12", "205/5@104+12", "204/0@116+16"),
                walk(RtcpFixtures.firefoxCompound()));
    }

    @Test
    void walksAtAnOffsetWithTheVisitor() throws RtcpException {
        byte[] chrome = RtcpFixtures.chromeSrSdesRemb();
        byte[] b = new byte[chrome.length + 10];
        System.arraycopy(chrome, 0, b, 6, chrome.length);
        List<Integer> offsets = new ArrayList<>();
        RtcpCompound.forEach(b, 6, chrome.length, (type, count, off, len) -> offsets.add(off));
        assertEquals(List.of(6, 34, 62), offsets);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            trailing 2 bytes             | 81 cb 00 01 90 2f 9e 2e 00 00 | RTCP length 2 (expected: at least 4)
            version 1                    | 41 cb 00 01 90 2f 9e 2e | RTCP version 1
            length past the datagram     | 81 cb 00 02 90 2f 9e 2e | length field 12 bytes
            second packet truncated      | 81 cb 00 01 90 2f 9e 2e 81 cb 00 01 90 | at most the 5 remaining
            padding count 0              | a1 cb 00 02 90 2f 9e 2e 00 00 00 00 | RTCP padding 0
            padding past the header      | a1 cb 00 02 90 2f 9e 2e 00 00 00 0d | RTCP padding 13
            """)
    void rejectsMalformedCompounds(String why, String hex, String message) {
        byte[] b = Hex.bytes(hex);
        RtcpException e = assertThrows(RtcpException.class, () -> RtcpCompound.validate(b, 0, b.length, new RtcpCompound()), why);
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void isRtcpChecksVersionTypeAndLength() {
        byte[] chrome = RtcpFixtures.chromeSrSdesRemb();
        assertTrue(Rtcp.isRtcp(chrome, 0, chrome.length));
        assertFalse(Rtcp.isRtcp(chrome, 0, 20));                                  // SR length 28 does not fit
        assertFalse(Rtcp.isRtcp(Hex.bytes("80 60 00 01 00 00 00 00"), 0, 8));   // RTP, PT 96
        assertFalse(Rtcp.isRtcp(Hex.bytes("40 c8 00 00"), 0, 4));               // version 1
        assertFalse(Rtcp.isRtcp(Hex.bytes("80 c8 00"), 0, 3));
    }

    private static List<String> walk(byte[] b) throws RtcpException {
        List<String> seen = new ArrayList<>();
        RtcpCompound compound = new RtcpCompound().reset(b, 0, b.length);
        while (compound.next()) {
            seen.add(compound.type() + "/" + compound.count() + "@" + compound.offset() + "+" + compound.length());
        }
        return seen;
    }
}
