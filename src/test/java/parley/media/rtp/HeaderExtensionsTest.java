package parley.media.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeaderExtensionsTest {
    /** One-byte form with audio level, mid and rid, at offset 0. */
    private static final String AUDIO_MID_RID = """
            90 6f 00 01 00 00 00 01 00 00 00 02   // X=1 PT=111 seq 1 ts 1 SSRC 2
            be de 00 02                           // one-byte, 2 words
            10 a1                                 // id 1 len 1: audio level V=1 level 33
            30 31                                 // id 3 len 1: mid "1"
            40 68                                 // id 4 len 1: rid "h"
            00 00                                 // padding
            ff                                    // payload
            """;

    @Test
    void findsChromeOneByteElements() {
        byte[] p = Fixtures.chromeOneByte();
        assertEquals(0xf34350, HeaderExtensions.absSendTime(p, 0, p.length, 2));
        assertEquals(155, HeaderExtensions.transportSequence(p, 0, p.length, 4));
        int at = HeaderExtensions.find(p, 0, p.length, 13);
        assertEquals(24, at);
        assertEquals(3, HeaderExtensions.dataLength(p, 0, at));
        assertEquals(-1, HeaderExtensions.find(p, 0, p.length, 5));
    }

    @Test
    void findsChromeTwoByteElements() {
        byte[] p = Fixtures.chromeTwoByte();
        assertEquals(0x03f7ae, HeaderExtensions.absSendTime(p, 0, p.length, 2));
        assertEquals(2, HeaderExtensions.transportSequence(p, 0, p.length, 4));
        int at = HeaderExtensions.find(p, 0, p.length, 13);
        assertEquals(33, HeaderExtensions.dataLength(p, 0, at));
        assertEquals(0xc0, p[at] & 0xFF);
    }

    @Test
    void readsAudioLevelMidAndRid() {
        byte[] p = Hex.bytes(AUDIO_MID_RID);
        int level = HeaderExtensions.audioLevel(p, 0, p.length, 1);
        assertTrue(HeaderExtensions.isVoice(level));
        assertEquals(33, HeaderExtensions.levelDbov(level));
        assertEquals("1", HeaderExtensions.mid(p, 0, p.length, 3));
        assertEquals("h", HeaderExtensions.rid(p, 0, p.length, 4));
        assertNull(HeaderExtensions.mid(p, 0, p.length, 9));
        assertEquals(-1, HeaderExtensions.audioLevel(p, 0, p.length, 9));
        assertFalse(HeaderExtensions.isVoice(-1));
    }

    @Test
    void cursorWalksEveryElementInOrder() {
        assertEquals(List.of("2:3", "4:2", "9:1", "3:1", "6:1", "7:13", "13:3"), walk(Fixtures.chromeOneByteMarker()));
        assertEquals(List.of("2:3", "4:2", "9:1", "3:1", "6:1", "7:13", "13:33"), walk(Fixtures.chromeTwoByte()));
    }

    @Test
    void stopsAtIdFifteenAndAtTruncatedElements() {
        byte[] stop = Hex.bytes("""
                90 00 00 01 00 00 00 01 00 00 00 02 be de 00 01
                10 aa      // id 1 len 1
                f0 00      // id 15: stop, nothing after counts
                """);
        assertEquals(List.of("1:1"), walk(stop));
        byte[] truncated = Hex.bytes("""
                90 00 00 01 00 00 00 01 00 00 00 02 be de 00 01
                10 aa      // id 1 len 1
                2f 00      // id 2 claims 16 bytes: past the block
                """);
        assertEquals(List.of("1:1"), walk(truncated));
        assertEquals(-1, HeaderExtensions.find(truncated, 0, truncated.length, 2));
    }

    @Test
    void absentForUnknownProfileNoExtensionOrBlockPastLength() {
        byte[] unknown = Hex.bytes("90 00 00 01 00 00 00 01 00 00 00 02 ab cd 00 01 10 aa 00 00");
        assertEquals(-1, HeaderExtensions.find(unknown, 0, unknown.length, 1));
        assertFalse(new ExtensionCursor().reset(unknown, 0, unknown.length));
        byte[] none = Hex.bytes("80 00 00 01 00 00 00 01 00 00 00 02 be de 00 01 10 aa 00 00");
        assertEquals(-1, HeaderExtensions.find(none, 0, none.length, 1));
        byte[] past = Hex.bytes("90 00 00 01 00 00 00 01 00 00 00 02 be de 00 09 10 aa 00 00");
        assertEquals(-1, HeaderExtensions.find(past, 0, past.length, 1));
    }

    /**
     * Found by fuzzing (RtpFuzzTest.packet): an empty two-byte-form audio level that ends the packet
     * made audioLevel read one byte past it (ArrayIndexOutOfBoundsException on the media loop, for
     * every such packet a participant sent).
     */
    @Test
    void emptyTwoByteAudioLevelAtTheEndOfThePacketIsAbsent() {
        byte[] p = Hex.bytes("""
                90 6f 00 01 00 00 00 01 00 00 00 02   // X=1 PT=111 seq 1 ts 1 SSRC 2
                10 00 00 01                           // two-byte form, 1 word
                00 00                                 // padding
                01 00                                 // id 1 length 0, and no payload after it
                """);
        assertEquals(p.length, HeaderExtensions.find(p, 0, p.length, 1));
        assertEquals(-1, HeaderExtensions.audioLevel(p, 0, p.length, 1));
    }

    private static List<String> walk(byte[] p) {
        List<String> seen = new ArrayList<>();
        ExtensionCursor cursor = new ExtensionCursor();
        if (cursor.reset(p, 0, p.length)) {
            while (cursor.next()) {
                seen.add(cursor.id() + ":" + cursor.dataLength());
            }
        }
        return seen;
    }
}
