package parley.media.ice;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * STUN from the network: parse throws only StunException, and nothing else throws. The
 * {@code @FuzzTest}s run their seeds (src/test/resources/parley/media/ice/StunFuzzTestInputs) in
 * every test run and are fuzzed by bench/fuzz.sh; the plain test mutates at random without Jazzer.
 */
class StunFuzzTest {
    private static final int ROUNDS = 100_000;
    private static final IceLiteAgent AGENT = new IceLiteAgent(IceLiteAgentTest.SERVER, IceLiteAgentTest.CLIENT, 0);

    /**
     * One datagram as the media port receives it. MESSAGE-INTEGRITY and FINGERPRINT are made right
     * before the agent sees it (a fuzzer cannot forge an HMAC), so that what follows the checks is
     * fuzzed too.
     */
    @FuzzTest
    void datagram(byte[] input) {
        probe(input, 0, input.length, AGENT, 0);
        byte[] signed = resign(input);
        if (signed != null) {
            IceLiteAgent.Result r = AGENT.handle(signed, 0, signed.length, IceLiteAgentTest.A, 0);
            if (r.response() != null) parseOrFail(r.response());
        }
    }

    /** Whatever the writer writes, the parser reads back the same. */
    @FuzzTest
    void writerRoundTrip(FuzzedDataProvider data) throws StunException {
        byte[] transactionId = data.consumeBytes(StunMessage.TRANSACTION_ID_LENGTH);
        if (transactionId.length < StunMessage.TRANSACTION_ID_LENGTH) return;
        String username = data.consumeString(StunAttribute.MAX_USERNAME_LENGTH / 4);
        long priority = data.consumeLong(0, 0xFFFFFFFFL);
        long tieBreaker = data.consumeLong();
        int code = data.consumeInt(300, 699);
        String reason = data.consumeString(StunAttribute.MAX_TEXT_LENGTH / 4);
        InetSocketAddress mapped = address(data.consumeBytes(data.consumeBoolean() ? 4 : 16), data.consumeInt(0, 65535));
        boolean fingerprint = data.consumeBoolean();
        byte[] key = data.consumeRemainingAsBytes();
        StunWriter w = new StunWriter(StunMessage.BINDING_REQUEST, transactionId)
                .username(username).priority(priority).iceControlling(tieBreaker)
                .errorCode(new StunErrorCode(code, reason)).xorMappedAddress(mapped).useCandidate();
        byte[] bytes = w.toBytes(key.length == 0 ? null : key, fingerprint);
        StunMessage m = StunMessage.parse(bytes, 0, bytes.length);
        assertArrayEquals(transactionId, m.transactionId());
        assertEquals(username, m.username());
        assertEquals(priority, m.priority().orElseThrow());
        assertEquals(tieBreaker, m.iceControlling().orElseThrow());
        assertEquals(new StunErrorCode(code, reason), m.errorCode());
        assertEquals(mapped, m.xorMappedAddress());
        assertEquals(key.length > 0, m.hasValidIntegrity(key.length == 0 ? new byte[] {0} : key));
        assertEquals(fingerprint, m.isFingerprintValid());
    }

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

    private static void parseOrFail(byte[] response) {
        try {
            StunMessage.parse(response, 0, response.length);
        } catch (StunException e) {
            fail("the agent wrote a response its own parser refuses: " + e.getMessage());
        }
    }

    /**
     * A copy whose MESSAGE-INTEGRITY is the right HMAC for the server's password and whose
     * FINGERPRINT, if it follows, the right CRC; null when the input has no well-framed
     * MESSAGE-INTEGRITY.
     */
    static byte[] resign(byte[] input) {
        if (!StunMessage.isStun(input, 0, input.length)) return null;
        byte[] b = input.clone();
        int at = StunMessage.HEADER_LENGTH;
        int integrityAt = -1;
        while (at + StunMessage.ATTRIBUTE_HEADER_LENGTH <= b.length) {
            int type = StunMessage.readShort(b, at);
            int length = StunMessage.readShort(b, at + 2);
            int value = at + StunMessage.ATTRIBUTE_HEADER_LENGTH;
            if (value + length > b.length) return integrityAt < 0 ? null : b;
            if (type == StunAttribute.MESSAGE_INTEGRITY && integrityAt < 0
                    && length == StunAttribute.MESSAGE_INTEGRITY_LENGTH) {
                integrityAt = at;
                byte[] hmac = StunIntegrity.hmacSha1(IceLiteAgentTest.SERVER_KEY, b, 0, at);
                System.arraycopy(hmac, 0, b, value, hmac.length);
            } else if (type == StunAttribute.FINGERPRINT && length == StunAttribute.FINGERPRINT_LENGTH) {
                int crc = StunIntegrity.fingerprint(b, 0, at);
                for (int i = 0; i < 4; i++) b[value + i] = (byte) (crc >>> (24 - 8 * i));
            }
            at = value + StunAttribute.padded(length);
        }
        return integrityAt < 0 ? null : b;
    }

    private static InetSocketAddress address(byte[] ip, int port) {
        try {
            return new InetSocketAddress(InetAddress.getByAddress(ip.length >= 16 ? Arrays.copyOf(ip, 16)
                    : Arrays.copyOf(ip, 4)), port);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
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
