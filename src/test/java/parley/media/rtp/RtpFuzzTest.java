package parley.media.rtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Random and mutated packets: validate throws only RtpException; readers never throw. The
 * {@code @FuzzTest} runs its seeds (src/test/resources/parley/media/rtp/RtpFuzzTestInputs) in every
 * test run and is fuzzed by bench/fuzz.sh.
 */
class RtpFuzzTest {
    private static final int ROUNDS = 100_000;
    private static final ExtensionCursor CURSOR = new ExtensionCursor();
    private static final ExtensionWriter WRITER = new ExtensionWriter();

    /**
     * One decrypted RTP packet as a sender sends it: the header readers and extension lookups never
     * throw, and a valid packet's extensions, rewritten as the forward path does, read back the same.
     */
    @FuzzTest
    void packet(byte[] b) {
        int len = b.length;
        for (int id = 0; id < 16; id++) HeaderExtensions.find(b, 0, len, id);
        if (CURSOR.reset(b, 0, len)) {
            while (CURSOR.next()) assertTrue(CURSOR.dataOffset() + CURSOR.dataLength() <= len);
        }
        RtpPacket.isRtcp(b, 0, len);
        try {
            RtpPacket.validate(b, 0, len);
        } catch (RtpException expected) {
            return;
        }
        assertTrue(RtpPacket.payloadLength(b, 0, len) >= 0);
        HeaderExtensions.audioLevel(b, 0, len, 1);
        HeaderExtensions.transportSequence(b, 0, len, 3);
        HeaderExtensions.absSendTime(b, 0, len, 2);
        HeaderExtensions.mid(b, 0, len, 4);
        HeaderExtensions.rid(b, 0, len, 10);
        rewriteExtensions(b, len);
    }

    /** What the forward path does: copy the header, rebuild the extension block with ids 14..1. */
    private static void rewriteExtensions(byte[] in, int len) {
        byte[] out = new byte[len + 16 * 18 + 64];
        RtpPacket.copyHeaderWithoutExtension(in, 0, out, 0);
        WRITER.start(out, 0);
        for (int id = 1; id <= ExtensionWriter.MAX_ID; id++) WRITER.copy(in, 0, len, id, 15 - id);
        int headerLength = WRITER.finish();
        int payload = RtpPacket.payloadOffset(in, 0);
        System.arraycopy(in, payload, out, headerLength, len - payload);
        int outLen = headerLength + len - payload;
        try {
            RtpPacket.validate(out, 0, outLen);
        } catch (RtpException e) {
            throw new AssertionError("the rewritten packet is invalid: " + e.getMessage(), e);
        }
        for (int id = 1; id <= ExtensionWriter.MAX_ID; id++) {
            int src = HeaderExtensions.find(in, 0, len, id);
            int srcLength = src < 0 ? 0 : HeaderExtensions.dataLength(in, 0, src);
            int dst = HeaderExtensions.find(out, 0, outLen, 15 - id);
            if (srcLength < 1 || srcLength > ExtensionWriter.MAX_DATA_LENGTH) continue;
            assertTrue(dst >= 0, "extension " + id + " lost");
            assertArrayEquals(Arrays.copyOfRange(in, src, src + srcLength),
                    Arrays.copyOfRange(out, dst, dst + HeaderExtensions.dataLength(out, 0, dst)));
        }
        assertEquals(RtpPacket.payloadLength(in, 0, len), RtpPacket.payloadLength(out, 0, outLen));
    }

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
