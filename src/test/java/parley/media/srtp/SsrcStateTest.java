package parley.media.srtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Packet index estimation of RFC 3711 §3.3.1 and Appendix A, and the SRTCP send index. */
class SsrcStateTest {

    @ParameterizedTest(name = "ROC {0}, s_l {1}, SEQ {2} -> index {3}")
    @CsvSource({
        // ROC, s_l,  SEQ,   index
        "0,     100,   101,   101",            // next packet
        "0,     100,   50,    50",             // reordered, same ROC
        "0,     100,   32868, 32868",          // exactly 2^15 ahead: still this ROC
        "0,     65535, 0,     65536",          // wrap: ROC + 1
        "0,     65535, 65534, 65534",          // late, same ROC
        "0,     40000, 7231,  72767",          // s_l - 2^15 > SEQ: ROC + 1
        "0,     40000, 7232,  7232",           // s_l - 2^15 = SEQ: same ROC
        "1,     5,     65530, 65530",          // late packet from before the wrap: ROC - 1
        "1,     5,     100,   65636",
        "7,     32767, 65535, 524287",         // SEQ - s_l = 2^15 is not > 2^15: same ROC
        "7,     32767, 0,     458752",
    })
    void estimatesTheIndexAroundWraps(long roc, int highestSeq, int seq, long index) {
        SsrcState state = new SsrcState();
        state.advanceRtp(roc << 16 | highestSeq);
        assertEquals(index, state.estimateIndex(seq));
    }

    @Test
    void theFirstPacketHasRolloverCounterZero() {
        assertEquals(60000, new SsrcState().estimateIndex(60000));
    }

    @Test
    void aSequenceNumberBeforeRolloverCounterZeroIsNegative() {
        SsrcState state = new SsrcState();
        state.advanceRtp(5);
        assertTrue(state.estimateIndex(65530) < 0);
    }

    @Test
    void rolloverCounterAndHighestMoveOnlyForward() {
        SsrcState state = new SsrcState();
        state.advanceRtp(65536 + 10);
        state.advanceRtp(65530); // late packet from before the wrap
        assertEquals(1, state.rolloverCounter());
        assertEquals(65546, state.highestRtpIndex());
    }

    @Test
    void srtcpIndexCountsFromZeroModulo2To31() {
        SsrcState state = new SsrcState();
        assertEquals(0, state.takeSrtcpIndex());
        assertEquals(1, state.takeSrtcpIndex());
        state.setNextSrtcpIndex(0x7fff_ffff);
        assertEquals(0x7fff_ffff, state.takeSrtcpIndex());
        assertEquals(0, state.takeSrtcpIndex());
    }
}
