package parley.media.ice;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** 100k random, truncated and mutated datagrams: parse throws only StunException, nothing else throws. */
class StunFuzzTest {
    private static final int ROUNDS = 100_000;

    @Test
    void randomAndMutatedInputNeverThrowsAnythingElse() {
        Random rnd = new Random(0x57A4);
        List<byte[]> seeds = List.of(
                StunMessageTest.SAMPLE_REQUEST,
                StunMessageTest.SAMPLE_IPV4_RESPONSE,
                StunMessageTest.SAMPLE_IPV6_RESPONSE,
                StunMessageTest.SAMPLE_LONG_TERM_REQUEST,
                IceLiteAgentTest.signed(IceLiteAgentTest.check().useCandidate()),
                IceLiteAgentTest.signed(IceLiteAgentTest.check().iceControlled(1)));
        IceLiteAgent agent = new IceLiteAgent(IceLiteAgentTest.SERVER, IceLiteAgentTest.CLIENT, 0);
        for (int i = 0; i < ROUNDS; i++) {
            byte[] seed = seeds.get(i % seeds.size());
            byte[] input = switch (i % 4) {
                case 0 -> randomBytes(rnd, rnd.nextInt(120));
                case 1 -> Arrays.copyOf(seed, rnd.nextInt(seed.length + 1));
                case 2 -> flipBits(rnd, seed.clone(), 1 + rnd.nextInt(4));
                default -> randomAttributes(rnd);
            };
            int off = rnd.nextInt(3);
            byte[] buf = new byte[off + input.length];
            System.arraycopy(input, 0, buf, off, input.length);
            probe(buf, off, input.length, agent, i);
        }
    }

    private static void probe(byte[] buf, int off, int len, IceLiteAgent agent, long nowMs) {
        try {
            StunMessage m = StunMessage.parse(buf, off, len);
            // Every accessor of a message that parsed must work.
            m.username();
            m.software();
            m.priority();
            m.iceControlled();
            m.iceControlling();
            m.xorMappedAddress();
            m.errorCode();
            m.hasValidIntegrity(new byte[] {1});
            m.isFingerprintValid();
        } catch (StunException expected) {
            // the only exception allowed
        } catch (RuntimeException e) {
            fail("parse threw " + e + " for " + Arrays.toString(Arrays.copyOfRange(buf, off, off + len)), e);
        }
        StunMessage.isStun(buf, off, len);
        StunMessage.localUfrag(buf, off, len);
        assertNotNull(agent.handle(buf, off, len, IceLiteAgentTest.A, nowMs));
    }

    private static byte[] randomBytes(Random rnd, int n) {
        byte[] b = new byte[n];
        rnd.nextBytes(b);
        return b;
    }

    private static byte[] flipBits(Random rnd, byte[] b, int flips) {
        for (int k = 0; k < flips; k++) {
            b[rnd.nextInt(b.length)] ^= (byte) (1 << rnd.nextInt(8));
        }
        return b;
    }

    /** A valid header and a body of random TLVs, mostly of known types, so parsing gets deep. */
    private static byte[] randomAttributes(Random rnd) {
        int[] types = {0x0006, 0x0008, 0x0009, 0x0020, 0x0024, 0x0025, 0x8022, 0x8028, 0x8029, 0x802A, 0x1234};
        byte[] body = new byte[4 * rnd.nextInt(30)];
        int at = 0;
        while (at + 4 <= body.length) {
            int type = types[rnd.nextInt(types.length)];
            int length = rnd.nextInt(24);
            body[at] = (byte) (type >>> 8);
            body[at + 1] = (byte) type;
            body[at + 2] = 0;
            body[at + 3] = (byte) length;
            for (int j = at + 4; j < Math.min(body.length, at + 4 + length); j++) {
                body[j] = (byte) rnd.nextInt(4); // small values hit family and class checks
            }
            at += 4 + ((length + 3) & ~3);
        }
        byte[] header = StunMessageTest.hex("00 01 0000 2112a442 000000000000000000000000");
        header[2] = (byte) (body.length >>> 8);
        header[3] = (byte) body.length;
        return StunMessageTest.concat(header, body);
    }
}
