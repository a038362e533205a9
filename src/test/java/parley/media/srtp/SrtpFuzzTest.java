package parley.media.srtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;

/**
 * SRTP and SRTCP from the network: unprotect either returns a length or throws SrtpException,
 * for garbage and for packets our own sender protected (which must come back as they were sent,
 * unless refused as a replay). A fuzzer cannot forge an authentication tag, so the second kind is
 * what reaches the replay windows, rollover counters and the SSRC table. Seeds in
 * src/test/resources/parley/media/srtp/SrtpFuzzTestInputs; fuzzed by bench/fuzz.sh.
 */
class SrtpFuzzTest {
    private static final byte[] KEY = Hex.hex("E1F97A0D3E018BE0D64FA32C06DE4139");
    private static final byte[] SALT = Hex.hex("0EC675AD498AFEEBB6960B3AABE6");
    /** Few SSRCs, so that a fuzzer fills the table. */
    private static final int MAX_SSRCS = 4;

    @FuzzTest
    void packets(FuzzedDataProvider data) {
        SrtpProfile profile = data.pickValue(SrtpProfile.values());
        byte[] salt = Arrays.copyOf(SALT, profile.saltLength());
        SrtpContext sender = SrtpContext.create(profile, KEY, salt, MAX_SSRCS);
        SrtpContext receiver = SrtpContext.create(profile, KEY, salt, MAX_SSRCS);
        while (data.remainingBytes() > 0) {
            boolean rtcp = data.consumeBoolean();
            boolean protect = data.consumeBoolean();
            byte[] packet = data.consumeBytes(data.consumeInt(0, 1500));
            byte[] buf = Arrays.copyOf(packet, packet.length + profile.srtcpOverhead());
            int len = packet.length;
            if (protect) {
                len = protectOrSkip(sender, rtcp, buf, len);
                if (len < 0) continue;
            }
            int plainLength;
            try {
                plainLength = rtcp ? receiver.unprotectRtcp(buf, 0, len) : receiver.unprotectRtp(buf, 0, len);
            } catch (SrtpException refused) {
                continue;
            }
            if (protect) {
                assertArrayEquals(packet, Arrays.copyOf(buf, plainLength), "unprotect(protect(p)) != p");
            }
        }
    }

    /** Protects with the sender's context; -1 where the sender refuses to (not RTP, or a full table). */
    private static int protectOrSkip(SrtpContext sender, boolean rtcp, byte[] buf, int len) {
        try {
            return rtcp ? sender.protectRtcp(buf, 0, len) : sender.protectRtp(buf, 0, len);
        } catch (IllegalArgumentException | IllegalStateException notSendable) {
            return -1; // the sender's documented refusals: our own code never sends such a packet
        }
    }
}
