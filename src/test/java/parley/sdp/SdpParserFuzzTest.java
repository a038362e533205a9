package parley.sdp;

import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Truncated and mutated real offers: parsing and answering either succeed or throw
 * SdpException, never anything else. The {@code @FuzzTest} runs the browsers' real offers
 * (src/test/resources/parley/sdp/SdpParserFuzzTestInputs) in every test run and is fuzzed by
 * bench/fuzz.sh.
 */
class SdpParserFuzzTest {
    private static final List<String> OFFERS = List.of(SdpFixtures.CHROME, SdpFixtures.CHROME_STOPPED,
            SdpFixtures.FIREFOX, SdpFixtures.FIREFOX_STOPPED, SdpFixtures.AIORTC);
    /** Characters that matter to the grammar, to mutate with. */
    private static final String INTERESTING = "\r\n :/;=,~*0123456789 -amv\u0000\u00ff";

    /** An offer as it arrives in the {@code offer} message. */
    @FuzzTest
    void offer(byte[] input) {
        parseAndAnswer(new String(input, StandardCharsets.UTF_8));
    }

    @Test
    void truncatedOffers() {
        for (String name : OFFERS) {
            String sdp = SdpFixtures.read(name);
            for (int end = 0; end < sdp.length(); end += 31) parseAndAnswer(sdp.substring(0, end));
        }
    }

    @Test
    void mutatedOffers() {
        Random random = new Random(20240611L); // fixed seed: failures reproduce
        for (int round = 0; round < 1500; round++) {
            StringBuilder sdp = new StringBuilder(SdpFixtures.read(OFFERS.get(round % OFFERS.size())));
            int edits = 1 + random.nextInt(4);
            for (int i = 0; i < edits; i++) {
                int at = random.nextInt(sdp.length());
                switch (random.nextInt(3)) {
                    case 0 -> sdp.setCharAt(at, INTERESTING.charAt(random.nextInt(INTERESTING.length())));
                    case 1 -> sdp.deleteCharAt(at);
                    default -> sdp.insert(at, INTERESTING.charAt(random.nextInt(INTERESTING.length())));
                }
            }
            parseAndAnswer(sdp.toString());
        }
    }

    private static void parseAndAnswer(String sdp) {
        try {
            SdpOffer offer = SdpParser.parseOffer(sdp);
            SdpNegotiation.answer(offer, SdpFixtures.server(), mid -> {
                MediaSection m = offer.section(mid).orElseThrow();
                if (m.direction() == Direction.SENDONLY) return MidDecision.fromClient();
                if (m.direction() == Direction.RECVONLY) {
                    return MidDecision.toClient(new SendStream(1, 2, "cname", "stream", "track"));
                }
                return MidDecision.reject();
            });
        } catch (SdpException expected) {
            // fine: bad input is reported as SdpException
        } catch (RuntimeException e) {
            fail("unexpected " + e + " for offer:\n" + sdp, e);
        }
    }
}
