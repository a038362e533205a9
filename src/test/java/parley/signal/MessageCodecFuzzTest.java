package parley.signal;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * A WebSocket text frame from a client: the strict JSON codec returns a message or throws
 * SignalException (bad-request), nothing else. Seeds in
 * src/test/resources/parley/signal/MessageCodecFuzzTestInputs; fuzzed by bench/fuzz.sh.
 */
class MessageCodecFuzzTest {
    private static final MessageCodec CODEC = new MessageCodec();

    @FuzzTest
    void frame(byte[] input) {
        // A text frame is UTF-8 by RFC 6455; Jetty hands us the decoded String.
        String json = new String(input, StandardCharsets.UTF_8);
        try {
            assertNotNull(CODEC.decode(json));
        } catch (SignalException e) {
            assertNotNull(e.getMessage());
            assertTrue(e.code() == ErrorCode.BAD_REQUEST, "refusal code " + e.code());
        }
    }
}
