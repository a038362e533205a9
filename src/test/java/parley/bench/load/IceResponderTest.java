package parley.bench.load;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import parley.media.ice.IceCredentials;
import parley.media.ice.StunMessage;
import parley.media.ice.StunWriter;

/** The answering half of ICE, against RFC 5769's sample request (a check for ufrag "evtj" with its password). */
class IceResponderTest {
    private static final String PASSWORD = "VOkJxbRl1RmTxUk/WvJxBt";
    private static final IceCredentials LOCAL = new IceCredentials("evtj", PASSWORD);

    /** RFC 5769 §2.1 Sample Request: USERNAME "evtj:h6vY", MESSAGE-INTEGRITY keyed with PASSWORD, FINGERPRINT. */
    private static final byte[] SAMPLE_REQUEST = HexFormat.of().parseHex((""
            + "000100582112a442b7e7a701bc34d686fa87dfae"   // Binding request, length 88, cookie, transaction id
            + "802200105354554e20746573742063"              // SOFTWARE "STUN test client"
            + "6c69656e74"
            + "002400046e0001ff"                            // PRIORITY
            + "80290008932ff9b151263b36"                    // ICE-CONTROLLED tie breaker
            + "000600096576746a3a683676592020 20"           // USERNAME "evtj:h6vY", padded with spaces
            + "000800149aeaa70cbfd8cb56781ef2b5b2d3f249c1b571a2" // MESSAGE-INTEGRITY
            + "80280004e57a3bcf").replace(" ", ""));         // FINGERPRINT

    @Test
    void answersTheRfcSampleCheckWithIntegrityAndFingerprint() throws Exception {
        StunMessage request = StunMessage.parse(SAMPLE_REQUEST, 0, SAMPLE_REQUEST.length);
        InetSocketAddress from = new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 32853);
        byte[] answer = IceResponder.answer(request, LOCAL, from);
        StunMessage response = StunMessage.parse(answer, 0, answer.length);
        assertEquals(StunMessage.BINDING_SUCCESS_RESPONSE, response.type());
        assertArrayEquals(request.transactionId(), response.transactionId());
        assertEquals(from, response.xorMappedAddress());
        assertTrue(response.hasValidIntegrity(PASSWORD.getBytes(StandardCharsets.UTF_8)));
        assertTrue(response.isFingerprintValid());
        // RFC 5769 §2.2's response to it has the same XOR-MAPPED-ADDRESS bytes (after a SOFTWARE we do not send).
        assertEquals("00200008 0001 a147 e112a643".replace(" ", ""), HexFormat.of().formatHex(answer, 20, 32));
    }

    @Test
    void ignoresChecksForAnotherUfragOrWithAWrongPassword() throws Exception {
        StunMessage request = StunMessage.parse(SAMPLE_REQUEST, 0, SAMPLE_REQUEST.length);
        InetSocketAddress from = new InetSocketAddress(InetAddress.getLoopbackAddress(), 9);
        assertNull(IceResponder.answer(request, new IceCredentials("h6vY", PASSWORD), from));
        assertNull(IceResponder.answer(request, new IceCredentials("evtj", "VOkJxbRl1RmTxUk/WvJxBu"), from));
    }

    @Test
    void answersOnlyBindingRequests() throws Exception {
        byte[] response = new StunWriter(StunMessage.BINDING_SUCCESS_RESPONSE, new byte[12]).username("evtj:h6vY")
                .toBytes(PASSWORD.getBytes(StandardCharsets.UTF_8), true);
        StunMessage m = StunMessage.parse(response, 0, response.length);
        assertNull(IceResponder.answer(m, LOCAL, new InetSocketAddress(InetAddress.getLoopbackAddress(), 9)));
    }
}
