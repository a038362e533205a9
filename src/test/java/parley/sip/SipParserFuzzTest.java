package parley.sip;

import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Truncated and mutated trunk messages: parsing (and building the answer's response) either
 * succeeds or throws SipException, never anything else. The {@code @FuzzTest} runs its seeds
 * (src/test/resources/parley/sip/SipParserFuzzTestInputs) in every test run and is fuzzed by
 * bench/fuzz.sh.
 */
class SipParserFuzzTest {
    private static final List<String> MESSAGES = List.of(
            SipFixtures.invite("z9hG4bK1", "c1@h", SipFixtures.SDP_OFFER), SipFixtures.OPTIONS,
            SipFixtures.inDialog("INFO", "z9hG4bK2", "c1@h", 2, "t", "application/dtmf-relay", "Signal=5\r\nDuration=160\r\n"));
    private static final String INTERESTING = "\r\n :;=,<>@\"0123456789 -lvtifSIP/2.0\u0000\u00ff";

    /** One datagram as it arrives on the SIP port. */
    @FuzzTest
    void message(byte[] input) {
        parse(input);
    }

    @Test
    void truncated() {
        for (String m : MESSAGES) for (int end = 0; end < m.length(); end += 7) parse(m.substring(0, end).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void mutated() {
        Random random = new Random(20261206L); // fixed seed: failures reproduce
        for (int round = 0; round < 3000; round++) {
            StringBuilder sb = new StringBuilder(MESSAGES.get(round % MESSAGES.size()));
            for (int i = 1 + random.nextInt(4); i > 0; i--) {
                int at = random.nextInt(sb.length());
                switch (random.nextInt(3)) {
                    case 0 -> sb.setCharAt(at, INTERESTING.charAt(random.nextInt(INTERESTING.length())));
                    case 1 -> sb.deleteCharAt(at);
                    default -> sb.insert(at, INTERESTING.charAt(random.nextInt(INTERESTING.length())));
                }
            }
            parse(sb.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void parse(byte[] input) {
        try {
            SipMessage m = SipParser.parse(input);
            m.toString();
            m.branch();
            m.tag("From");
            SipMessage.user(m.header("From").orElse(""));
            if (m.isRequest()) m.respond(200, "OK", "t").encode();
            if ("application/sdp".equals(m.header("Content-Type").orElse(null))) PhoneSdp.parseOffer(m.body());
        } catch (SipException expected) {
            // bad input is reported as SipException
        } catch (RuntimeException e) {
            fail("unexpected " + e + " for:\n" + new String(input, StandardCharsets.ISO_8859_1), e);
        }
        SipParser.salvage(input, 0, input.length);
    }
}
