package parley.media.rtp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Random and mutated packets: validate throws only RtpException; readers never throw. */
class RtpFuzzTest {
    private static final int ROUNDS = 100_000;

    @Test
    void randomAndMutatedPacketsNeverThrowAnythingButRtpException() {
        SplittableRandom random = new SplittableRandom(7);
        byte[][] seeds = {Fixtures.chromeOneByte(), Fixtures.chromeOneByteMarker(), Fixtures.chromeTwoByte()};
        ExtensionCursor cursor = new ExtensionCursor();
        int valid = 0;
        for (int round = 0; round < ROUNDS; round++) {
            byte[] b = round % 2 == 0 ? randomBytes(random) : mutate(random, seeds[round % 3]);
            int len = b.length;
            for (int id = 0; id < 16; id += 5) {
                HeaderExtensions.find(b, 0, len, id);
            }
            if (cursor.reset(b, 0, len)) {
                while (cursor.next()) {
                    assertTrue(cursor.dataOffset() + cursor.dataLength() <= len);
                }
            }
            try {
                RtpPacket.validate(b, 0, len);
            } catch (RtpException expected) {
                continue;
            }
            valid++;
            assertTrue(RtpPacket.payloadLength(b, 0, len) >= 0);
            HeaderExtensions.audioLevel(b, 0, len, 1);
            HeaderExtensions.mid(b, 0, len, 3);
        }
        assertTrue(valid > 1000, "valid packets seen: " + valid);
    }

    private static byte[] randomBytes(SplittableRandom random) {
        byte[] b = new byte[random.nextInt(40)];
        random.nextBytes(b);
        if (b.length > 0 && random.nextBoolean()) {
            b[0] = (byte) (0x80 | b[0] & 0x3F);
        }
        return b;
    }

    private static byte[] mutate(SplittableRandom random, byte[] seed) {
        byte[] b = java.util.Arrays.copyOf(seed, random.nextInt(seed.length + 1));
        for (int i = random.nextInt(4); i > 0 && b.length > 0; i--) {
            b[random.nextInt(b.length)] = (byte) random.nextInt(256);
        }
        return b;
    }
}
