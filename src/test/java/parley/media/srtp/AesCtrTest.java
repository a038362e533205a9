package parley.media.srtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static parley.media.srtp.Hex.hex;

import org.junit.jupiter.api.Test;

/** RFC 3711 Appendix B.2: the AES-CM keystream for SSRC 0 and index 0, where the IV is the salt. */
class AesCtrTest {
    private static final byte[] SESSION_KEY = hex("2B7E151628AED2A6ABF7158809CF4F3C");
    private static final byte[] IV = hex("F0F1F2F3F4F5F6F7F8F9FAFBFCFD0000");

    @Test
    void keystreamOfTheWholeSegment() {
        byte[] keystream = new byte[0xFF02 * 16];
        new AesCtr(SESSION_KEY).xor(IV, 0, keystream, 0, keystream.length);
        // counter F0F1F2F3F4F5F6F7F8F9FAFBFCFD0000 and on
        assertEquals("e03ead0935c95e80e166b16dd92b4eb4", block(keystream, 0x0000));
        assertEquals("d23513162b02d0f72a43a2fe4a5f97ab", block(keystream, 0x0001));
        assertEquals("41e95b3bb0a2e8dd477901e4fca894c0", block(keystream, 0x0002));
        // counter ...FCFDFEFF, ...FCFDFF00, ...FCFDFF01
        assertEquals("ec8cdf7398607cb0f2d21675ea9ea1e4", block(keystream, 0xFEFF));
        assertEquals("362b7c3c6773516318a077d7fc5073ae", block(keystream, 0xFF00));
        assertEquals("6a2cc3787889374fbeb4c81b17ba6c44", block(keystream, 0xFF01));
    }

    @Test
    void aPartialLastBlockTakesThePrefixOfItsKeystream() {
        byte[] keystream = new byte[21];
        new AesCtr(SESSION_KEY).xor(IV, 0, keystream, 0, keystream.length);
        assertEquals("e03ead0935c95e80e166b16dd92b4eb4d23513162b", Hex.hex(keystream, 0, 21));
    }

    private static String block(byte[] keystream, int counter) {
        return Hex.hex(keystream, counter * 16, 16);
    }
}
