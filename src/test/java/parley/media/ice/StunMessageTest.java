package parley.media.ice;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StunMessageTest {
    /** Hex as the RFCs print it: spaces, line breaks and // comments ignored. */
    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replaceAll("//[^\n]*", "").replaceAll("\\s", ""));
    }

    static final String SHORT_TERM_PASSWORD = "VOkJxbRl1RmTxUk/WvJxBt";
    static final byte[] TRANSACTION_ID = hex("b7 e7 a7 01 bc 34 d6 86 fa 87 df ae");

    /** RFC 5769 §2.1 Sample Request (padding of SOFTWARE-free values is 0x20 in the RFC). */
    static final byte[] SAMPLE_REQUEST = hex("""
            00 01 00 58     // Request type and message length
            21 12 a4 42     // Magic cookie
            b7 e7 a7 01     // }
            bc 34 d6 86     // }  Transaction ID
            fa 87 df ae     // }
            80 22 00 10     // SOFTWARE attribute header
            53 54 55 4e     // }
            20 74 65 73     // }  User-agent...
            74 20 63 6c     // }  ...name
            69 65 6e 74     // }
            00 24 00 04     // PRIORITY attribute header
            6e 00 01 ff     // ICE priority value
            80 29 00 08     // ICE-CONTROLLED attribute header
            93 2f f9 b1     // }  Pseudo-random tie breaker...
            51 26 3b 36     // }   ...for ICE control
            00 06 00 09     // USERNAME attribute header
            65 76 74 6a     // }
            3a 68 36 76     // }  Username (9 bytes) and padding (3 bytes)
            59 20 20 20     // }
            00 08 00 14     // MESSAGE-INTEGRITY attribute header
            9a ea a7 0c     // }
            bf d8 cb 56     // }
            78 1e f2 b5     // }  HMAC-SHA1 fingerprint
            b2 d3 f2 49     // }
            c1 b5 71 a2     // }
            80 28 00 04     // FINGERPRINT attribute header
            e5 7a 3b cf     // CRC32 fingerprint
            """);

    /** RFC 5769 §2.2 Sample IPv4 Response. */
    static final byte[] SAMPLE_IPV4_RESPONSE = hex("""
            01 01 00 3c     // Response type and message length
            21 12 a4 42     // Magic cookie
            b7 e7 a7 01     // }
            bc 34 d6 86     // }  Transaction ID
            fa 87 df ae     // }
            80 22 00 0b     // SOFTWARE attribute header
            74 65 73 74     // }
            20 76 65 63     // }  UTF-8 server name
            74 6f 72 20     // }
            00 20 00 08     // XOR-MAPPED-ADDRESS attribute header
            00 01 a1 47     // Address family (IPv4) and xor'd mapped port number
            e1 12 a6 43     // Xor'd mapped IPv4 address
            00 08 00 14     // MESSAGE-INTEGRITY attribute header
            2b 91 f5 99     // }
            fd 9e 90 c3     // }
            8c 74 89 f9     // }  HMAC-SHA1 fingerprint
            2a f9 ba 53     // }
            f0 6b e7 d7     // }
            80 28 00 04     // FINGERPRINT attribute header
            c0 7d 4c 96     // CRC32 fingerprint
            """);

    /** RFC 5769 §2.3 Sample IPv6 Response. */
    static final byte[] SAMPLE_IPV6_RESPONSE = hex("""
            01 01 00 48     // Response type and message length
            21 12 a4 42     // Magic cookie
            b7 e7 a7 01     // }
            bc 34 d6 86     // }  Transaction ID
            fa 87 df ae     // }
            80 22 00 0b     // SOFTWARE attribute header
            74 65 73 74     // }
            20 76 65 63     // }  UTF-8 server name
            74 6f 72 20     // }
            00 20 00 14     // XOR-MAPPED-ADDRESS attribute header
            00 02 a1 47     // Address family (IPv6) and xor'd mapped port number
            01 13 a9 fa     // }
            a5 d3 f1 79     // }  Xor'd mapped IPv6 address
            bc 25 f4 b5     // }
            be d2 b9 d9     // }
            00 08 00 14     // MESSAGE-INTEGRITY attribute header
            a3 82 95 4e     // }
            4b e6 7b f1     // }
            17 84 c9 7c     // }  HMAC-SHA1 fingerprint
            82 92 c2 75     // }
            bf e3 ed 41     // }
            80 28 00 04     // FINGERPRINT attribute header
            c8 fb 0b 4c     // CRC32 fingerprint
            """);

    /** RFC 5769 §2.4 Sample Request with Long-Term Authentication. */
    static final byte[] SAMPLE_LONG_TERM_REQUEST = hex("""
            00 01 00 60     // Request type and message length
            21 12 a4 42     // Magic cookie
            78 ad 34 33     // }
            c6 ad 72 c0     // }  Transaction ID
            29 da 41 2e     // }
            00 06 00 12     // USERNAME attribute header
            e3 83 9e e3     // }
            83 88 e3 83     // }
            aa e3 83 83     // }  Username value (18 bytes) and padding (2 bytes)
            e3 82 af e3     // }
            82 b9 00 00     // }
            00 15 00 1c     // NONCE attribute header
            66 2f 2f 34     // }
            39 39 6b 39     // }
            35 34 64 36     // }
            4f 4c 33 34     // }  Nonce value
            6f 4c 39 46     // }
            53 54 76 79     // }
            36 34 73 41     // }
            00 14 00 0b     // REALM attribute header
            65 78 61 6d     // }
            70 6c 65 2e     // }  Realm value (11 bytes) and padding (1 byte)
            6f 72 67 00     // }
            00 08 00 14     // MESSAGE-INTEGRITY attribute header
            f6 70 24 65     // }
            6d d6 4a 3e     // }
            02 b8 e0 71     // }  HMAC-SHA1 fingerprint
            2e 85 c9 a2     // }
            8c a8 96 66     // }
            """);

    static StunMessage parse(byte[] b) throws StunException {
        return StunMessage.parse(b, 0, b.length);
    }

    @Test
    void rfc5769SampleRequest() throws StunException {
        StunMessage m = parse(SAMPLE_REQUEST);
        assertEquals(StunMessage.BINDING_REQUEST, m.type());
        assertTrue(m.isRequest());
        assertArrayEquals(TRANSACTION_ID, m.transactionId());
        assertEquals(108, m.size());
        assertEquals("STUN test client", m.software());
        assertEquals("evtj:h6vY", m.username());
        assertEquals(OptionalLong.of(0x6e0001ffL), m.priority());
        assertEquals(OptionalLong.of(0x932ff9b151263b36L), m.iceControlled());
        assertEquals(OptionalLong.empty(), m.iceControlling());
        assertFalse(m.useCandidate());
        assertTrue(m.hasValidIntegrity(SHORT_TERM_PASSWORD.getBytes(StandardCharsets.UTF_8)));
        assertFalse(m.hasValidIntegrity("VOkJxbRl1RmTxUk/WvJxBu".getBytes(StandardCharsets.UTF_8)));
        assertTrue(m.hasFingerprint());
        assertTrue(m.isFingerprintValid());
    }

    @Test
    void rfc5769SampleIpv4Response() throws Exception {
        StunMessage m = parse(SAMPLE_IPV4_RESPONSE);
        assertEquals(StunMessage.BINDING_SUCCESS_RESPONSE, m.type());
        assertFalse(m.isRequest());
        assertEquals("test vector", m.software());
        assertEquals(new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 32853), m.xorMappedAddress());
        assertTrue(m.hasValidIntegrity(SHORT_TERM_PASSWORD.getBytes(StandardCharsets.UTF_8)));
        assertTrue(m.isFingerprintValid());
    }

    @Test
    void rfc5769SampleIpv6Response() throws Exception {
        StunMessage m = parse(SAMPLE_IPV6_RESPONSE);
        assertEquals(new InetSocketAddress(InetAddress.getByName("2001:db8:1234:5678:11:2233:4455:6677"), 32853),
                m.xorMappedAddress());
        assertTrue(m.hasValidIntegrity(SHORT_TERM_PASSWORD.getBytes(StandardCharsets.UTF_8)));
        assertTrue(m.isFingerprintValid());
    }

    @Test
    void rfc5769LongTermRequest() throws Exception {
        StunMessage m = parse(SAMPLE_LONG_TERM_REQUEST);
        assertEquals("\u30DE\u30C8\u30EA\u30C3\u30AF\u30B9", m.username()); // "マトリックス"
        assertArrayEquals("f//499k954d6OL34oL9FSTvy64sA".getBytes(StandardCharsets.US_ASCII), m.value(StunAttribute.NONCE));
        assertArrayEquals("example.org".getBytes(StandardCharsets.US_ASCII), m.value(StunAttribute.REALM));
        assertFalse(m.hasFingerprint());
        // The password "The<U+00AD>M<U+00AA>tr<U+2168>" after SASLprep is "TheMatrIX" (RFC 5769 §2.4).
        byte[] key = longTermKey(m.username(), "example.org", "TheMatrIX");
        assertTrue(m.hasValidIntegrity(key));
        assertFalse(m.hasValidIntegrity(longTermKey(m.username(), "example.org", "TheMatrix")));

        // The writer rebuilds it byte for byte (its padding is zeros, as the writer pads).
        byte[] rebuilt = new StunWriter(StunMessage.BINDING_REQUEST, m.transactionId())
                .username(m.username())
                .attribute(StunAttribute.NONCE, m.value(StunAttribute.NONCE))
                .attribute(StunAttribute.REALM, m.value(StunAttribute.REALM))
                .toBytes(key, false);
        assertArrayEquals(SAMPLE_LONG_TERM_REQUEST, rebuilt);
    }

    static byte[] longTermKey(String username, String realm, String password) throws Exception {
        return MessageDigest.getInstance("MD5")
                .digest((username + ":" + realm + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void writerRoundTripsEveryAttribute() throws Exception {
        byte[] key = "a-short-term-password!".getBytes(StandardCharsets.UTF_8);
        InetSocketAddress v6 = new InetSocketAddress(InetAddress.getByName("2001:db8::1"), 65535);
        StunWriter writer = new StunWriter(StunMessage.BINDING_ERROR_RESPONSE, TRANSACTION_ID)
                .username("abcd:efgh")
                .software("parley")
                .priority(0xFFFFFFFFL)
                .useCandidate()
                .iceControlling(0x8000000000000001L)
                .xorMappedAddress(v6)
                .errorCode(StunErrorCode.ROLE_CONFLICT);
        byte[] bytes = writer.toBytes(key, true);
        assertEquals(writer.size(true, true), bytes.length);

        StunMessage m = parse(bytes);
        assertEquals(StunMessage.BINDING_ERROR_RESPONSE, m.type());
        assertArrayEquals(TRANSACTION_ID, m.transactionId());
        assertEquals("abcd:efgh", m.username());
        assertEquals("parley", m.software());
        assertEquals(OptionalLong.of(0xFFFFFFFFL), m.priority());
        assertTrue(m.useCandidate());
        assertEquals(OptionalLong.of(0x8000000000000001L), m.iceControlling());
        assertEquals(v6, m.xorMappedAddress());
        assertEquals(StunErrorCode.ROLE_CONFLICT, m.errorCode());
        assertTrue(m.hasValidIntegrity(key));
        assertTrue(m.isFingerprintValid());

        // One flipped bit in an attribute breaks both checksums.
        bytes[HEADER_PLUS_USERNAME_VALUE] ^= 1;
        StunMessage flipped = parse(bytes);
        assertFalse(flipped.hasValidIntegrity(key));
        assertFalse(flipped.isFingerprintValid());
    }

    private static final int HEADER_PLUS_USERNAME_VALUE = 24;

    @Test
    void writerWritesAtAnOffsetWithoutChecksums() throws Exception {
        StunWriter writer = new StunWriter(StunMessage.BINDING_INDICATION, TRANSACTION_ID);
        byte[] dst = new byte[40];
        assertEquals(20, writer.write(dst, 7, null, false));
        StunMessage m = StunMessage.parse(dst, 7, 20);
        assertEquals(StunMessage.BINDING_INDICATION, m.type());
        assertFalse(m.has(StunAttribute.MESSAGE_INTEGRITY));
        assertFalse(m.hasValidIntegrity(new byte[] {1}));
        assertFalse(m.hasFingerprint());
    }

    @Test
    void attributesAfterMessageIntegrityAreIgnored() throws Exception {
        byte[] key = {1, 2, 3};
        byte[] signed = new StunWriter(StunMessage.BINDING_REQUEST, TRANSACTION_ID).username("a:b").toBytes(key, false);
        byte[] tampered = concat(signed, hex("00 24 00 04  00 00 00 01")); // PRIORITY after MESSAGE-INTEGRITY
        tampered[3] += 8;
        StunMessage m = parse(tampered);
        assertFalse(m.has(StunAttribute.PRIORITY));
        assertTrue(m.hasValidIntegrity(key));
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static Stream<Arguments> malformed() {
        String header = "00 01 00 %s  21 12 a4 42  b7 e7 a7 01 bc 34 d6 86 fa 87 df ae ";
        return Stream.of(
                Arguments.of("19 bytes", hex("00 01 00 00 21 12 a4 42 b7 e7 a7 01 bc 34 d6 86 fa 87 df"), "at least 20"),
                Arguments.of("top bits", hex("40 01 00 00 21 12 a4 42 b7 e7 a7 01 bc 34 d6 86 fa 87 df ae"), "top two bits"),
                Arguments.of("cookie", hex("00 01 00 00 21 12 a4 43 b7 e7 a7 01 bc 34 d6 86 fa 87 df ae"), "magic cookie"),
                Arguments.of("length % 4", hex(header.formatted("02") + "00 00"), "multiple of 4"),
                Arguments.of("length > datagram", hex(header.formatted("08") + "80 22 00 00"), "datagram size"),
                Arguments.of("length < datagram", hex(header.formatted("00") + "80 22 00 00"), "datagram size"),
                Arguments.of("TLV overrun", hex(header.formatted("04") + "80 22 00 01"), "within the message"),
                Arguments.of("padding overrun", hex(header.formatted("08") + "80 22 00 05 61 62 63 64"), "within the message"),
                Arguments.of("MI length", hex(header.formatted("08") + "00 08 00 04 00 00 00 00"), "expected: 20"),
                Arguments.of("FP length", hex(header.formatted("0c") + "80 28 00 08 00 00 00 00 00 00 00 00"), "expected: 4"),
                Arguments.of("after FP", hex(header.formatted("0c") + "80 28 00 04 00 00 00 00 00 25 00 00"), "FINGERPRINT last"),
                Arguments.of("PRIORITY length", hex(header.formatted("08") + "00 24 00 02 00 01 00 00"), "expected: 4"),
                Arguments.of("USE-CANDIDATE length", hex(header.formatted("08") + "00 25 00 01 01 00 00 00"), "expected: 0"),
                Arguments.of("ICE-CONTROLLING length", hex(header.formatted("08") + "80 2a 00 04 00 00 00 01"), "expected: 8"),
                Arguments.of("XOR family", hex(header.formatted("0c") + "00 20 00 08 00 02 a1 47 e1 12 a6 43"), "of family 1"),
                Arguments.of("XOR empty", hex(header.formatted("04") + "00 20 00 00"), "of family 1"),
                Arguments.of("ERROR-CODE class", hex(header.formatted("08") + "00 09 00 04 00 00 07 00"), "class 3-6"),
                Arguments.of("ERROR-CODE number", hex(header.formatted("08") + "00 09 00 04 00 00 04 64"), "number 0-99"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void rejectsMalformed(String name, byte[] bytes, String messagePart) {
        StunException e = assertThrows(StunException.class, () -> parse(bytes));
        assertTrue(e.getMessage().contains(messagePart), e.getMessage());
    }

    @Test
    void demultiplexerHelpers() {
        assertTrue(StunMessage.isStun(SAMPLE_REQUEST, 0, SAMPLE_REQUEST.length));
        assertEquals("evtj", StunMessage.localUfrag(SAMPLE_REQUEST, 0, SAMPLE_REQUEST.length));
        byte[] shifted = concat(new byte[5], SAMPLE_REQUEST);
        assertEquals("evtj", StunMessage.localUfrag(shifted, 5, SAMPLE_REQUEST.length));
        assertNull(StunMessage.localUfrag(SAMPLE_IPV4_RESPONSE, 0, SAMPLE_IPV4_RESPONSE.length)); // no USERNAME
        assertNull(StunMessage.localUfrag(SAMPLE_REQUEST, 0, 60)); // cut before USERNAME ends
        byte[] noColon = new StunWriter(StunMessage.BINDING_REQUEST, TRANSACTION_ID).username("evtj").toBytes(null, false);
        assertNull(StunMessage.localUfrag(noColon, 0, noColon.length));
        assertFalse(StunMessage.isStun(SAMPLE_REQUEST, 0, 19)); // shorter than a header
        expectNotStun(b -> b[0] = 22); // DTLS handshake record
        expectNotStun(b -> b[0] = (byte) 0x80); // RTP version 2
        expectNotStun(b -> b[4] = 0); // no magic cookie (RFC 3489 STUN)
    }

    private static void expectNotStun(Consumer<byte[]> mutation) {
        byte[] b = SAMPLE_REQUEST.clone();
        mutation.accept(b);
        assertFalse(StunMessage.isStun(b, 0, b.length));
        assertNull(StunMessage.localUfrag(b, 0, b.length));
    }
}
