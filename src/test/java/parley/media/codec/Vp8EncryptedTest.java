package parley.media.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import parley.media.rtp.Hex;

/**
 * The SFU finds keyframes and their size in end-to-end encrypted VP8 (docs/e2ee.md, "Frame
 * format"): the browser leaves the payload header in clear (10 bytes of a keyframe, 3 of a
 * delta frame) and encrypts the rest, then the packetiser adds the payload descriptor as
 * usual. Everything after the clear bytes here is ciphertext, and changes nothing.
 */
class Vp8EncryptedTest {
    /** First packet of an encrypted 1280x720 keyframe. */
    private static final String ENCRYPTED_KEYFRAME = """
            90 e0 9a 6b 2c 20             // descriptor: S=1 PID=0 | I L T | picture id 6763 | TL0 44 | TID 0 Y
            50 42 00 9d 01 2a 00 05 d0 02 // clear: frame tag P=0, start code, width 1280, height 720
            e3 8f 01 7c 5a 99 c4 21 0b 6e // ciphertext (AES-GCM) ...
            f2 d7 33 48 aa 19 5c 80       // ... tag, SFrame header, header length at the very end
            """;
    /** First packet of an encrypted delta frame: only the 3-byte frame tag is clear. */
    private static final String ENCRYPTED_DELTA = """
            90 e0 9a 6c 2c 80             // descriptor: S=1 PID=0, TID 2
            31 22 00                      // clear: frame tag P=1
            9d 01 2a 00 05 d0 02 77 41    // ciphertext that happens to look like a start code: ignored
            """;
    /** A later packet of the keyframe: ciphertext only, S=0. */
    private static final String ENCRYPTED_CONTINUATION = "80 e0 9a 6b 2c 20 00 9d 01 2a 00 05 d0 02";

    @Test
    void anEncryptedKeyframeIsStillAKeyframeWithItsSize() {
        byte[] p = Hex.bytes(ENCRYPTED_KEYFRAME);
        assertTrue(Vp8.isKeyframe(p, 0, p.length));
        assertEquals(1280, Vp8.keyframeWidth(p, 0, p.length));
        assertEquals(720, Vp8.keyframeHeight(p, 0, p.length));
        assertEquals(6763, Vp8.pictureId(p, 0, p.length));
        assertEquals(0, Vp8.temporalId(p, 0, p.length));
    }

    @Test
    void encryptedDeltaFramesAndLaterPacketsAreNot() {
        byte[] delta = Hex.bytes(ENCRYPTED_DELTA);
        assertFalse(Vp8.isKeyframe(delta, 0, delta.length));
        assertEquals(-1, Vp8.keyframeWidth(delta, 0, delta.length));
        assertEquals(2, Vp8.temporalId(delta, 0, delta.length));
        byte[] later = Hex.bytes(ENCRYPTED_CONTINUATION);
        assertFalse(Vp8.isKeyframe(later, 0, later.length), "S=0: whatever the ciphertext looks like");
    }
}
