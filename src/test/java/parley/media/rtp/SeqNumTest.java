package parley.media.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SeqNumTest {
    @ParameterizedTest(name = "diff({0}, {1}) = {2}")
    @CsvSource({
        "5, 3, 2",
        "3, 5, -2",
        "0, 65535, 1",        // across the wrap
        "65535, 0, -1",
        "10, 65530, 16",
        "32767, 0, 32767",    // largest forward distance
        "32768, 0, -32768",   // half the circle counts as older
        "0, 32768, -32768",
        "7, 7, 0",
    })
    void diffTakesTheShortWayRound(int a, int b, int expected) {
        assertEquals(expected, SeqNum.diff(a, b));
        assertEquals(expected > 0, SeqNum.isNewer(a, b));
    }

    @Test
    void addWraps() {
        assertEquals(1, SeqNum.add(65535, 2));
        assertEquals(65535, SeqNum.add(0, -1));
    }

    @Test
    void extendedSeqUnwrapsAcrossWrapsAndReordering() {
        ExtendedSeq ext = new ExtendedSeq();
        int[] seqs = {65534, 65535, 1, 0, 2, 65533, 3};
        long[] expected = {65534, 65535, 65537, 65536, 65538, 65533, 65539};
        for (int i = 0; i < seqs.length; i++) {
            assertEquals(expected[i], ext.unwrap(seqs[i]), "seq " + seqs[i]);
        }
        assertEquals(65539, ext.highest());
        assertEquals(65540, ext.peek(4));
        assertEquals(65539, ext.highest());
    }

    @Test
    void extendedSeqCountsManyCycles() {
        ExtendedSeq ext = new ExtendedSeq();
        long last = 0;
        for (int i = 0; i < 5 * 65536; i += 1000) {
            last = ext.unwrap(i & 0xFFFF);
        }
        assertEquals(327000, last);
        ext.reset();
        assertEquals(9, ext.unwrap(9));
    }
}
