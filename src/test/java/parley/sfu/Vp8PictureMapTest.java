package parley.sfu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import parley.media.codec.Vp8;

/** Picture id and TL0PICIDX stay continuous across simulcast switches, rewritten in place. */
class Vp8PictureMapTest {
    private final Vp8PictureMap map = new Vp8PictureMap();

    /** A VP8 payload with a 15-bit picture id, TL0PICIDX and TID (RFC 7741 §4.2). */
    private static byte[] longId(int pictureId, int tl0PicIdx) {
        return new byte[] {
            (byte) 0x90,                                            // X=1, S=1, PID=0
            (byte) 0xe0,                                            // I, L, T present
            (byte) (0x80 | pictureId >> 8), (byte) pictureId,       // M=1: 15-bit picture id
            (byte) tl0PicIdx,                                       // TL0PICIDX
            0x20,                                                   // TID 0, Y=1
            0x00, 0x01, 0x02,                                       // VP8 payload
        };
    }

    /** A VP8 payload with a 7-bit picture id and no TL0PICIDX. */
    private static byte[] shortId(int pictureId) {
        return new byte[] {
            (byte) 0x90,                                            // X=1, S=1
            (byte) 0x80,                                            // I present
            (byte) pictureId,                                       // M=0: 7-bit picture id
            0x00, 0x01,                                             // VP8 payload
        };
    }

    /** Maps one payload and returns {picture id, tl0picidx} of the result. */
    private int[] send(byte[] payload) {
        map.rewrite(payload, 0, payload.length);
        return new int[] {Vp8.pictureId(payload, 0, payload.length), Vp8.tl0PicIdx(payload, 0, payload.length)};
    }

    private void assertSent(int pictureId, int tl0PicIdx, byte[] payload) {
        int[] got = send(payload);
        assertEquals(pictureId, got[0], "picture id");
        assertEquals(tl0PicIdx, got[1], "TL0PICIDX");
    }

    @Test
    void theFirstLayerKeepsItsNumbers() {
        assertSent(100, 5, longId(100, 5));
        assertSent(100, 5, longId(100, 5));   // second packet of the picture
        assertSent(101, 5, longId(101, 5));
    }

    @Test
    void aSwitchContinuesAfterTheLastPictureSent() {
        assertSent(100, 5, longId(100, 5));
        assertSent(101, 6, longId(101, 6));
        map.switchSource();                   // keyframe of another layer, numbered on its own
        assertSent(102, 7, longId(7000, 200));
        assertSent(102, 7, longId(7000, 200));
        assertSent(103, 8, longId(7001, 201));
        map.switchSource();                   // and back
        assertSent(104, 9, longId(102, 7));
    }

    @Test
    void aSwitchAfterALatePacketStillFollowsTheNewest() {
        assertSent(100, 5, longId(100, 5));
        assertSent(102, 7, longId(102, 7));
        assertSent(101, 6, longId(101, 6));   // reordered (or retransmitted)
        map.switchSource();
        assertSent(103, 8, longId(50, 0));
    }

    @Test
    void countersWrap() {
        assertSent(32767, 255, longId(32767, 255));
        assertSent(0, 0, longId(0, 0));
        map.switchSource();
        assertSent(1, 1, longId(12345, 99));
        assertSent(2, 2, longId(12346, 100));
    }

    @Test
    void sevenBitIdsWrapAtTheirWidth() {
        assertEquals(126, send(shortId(126))[0]);
        map.switchSource();
        assertEquals(127, send(shortId(40))[0]);
        assertEquals(0, send(shortId(41))[0]);
        assertEquals(1, send(shortId(42))[0]);
    }

    @Test
    void aSwitchWaitsForAPacketThatCarriesTheField() {
        assertSent(100, 5, longId(100, 5));
        map.switchSource();
        byte[] bare = {0x10, 0x00, 0x01};      // X=0: no picture id, no TL0PICIDX
        map.rewrite(bare, 0, bare.length);
        assertEquals(0x10, bare[0]);
        assertSent(101, 6, longId(900, 40));
    }
}
