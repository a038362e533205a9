package parley.sfu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SeqMapTest {
    private final SeqMap map = new SeqMap(90_000);

    @Test
    void firstSourcePassesThroughUnchanged() {
        assertTrue(map.accept(1000, 5000, 0));
        assertEquals(1000, map.outSeq());
        assertEquals(5000, map.outTs());
        assertTrue(map.accept(1001, 8000, 33));
        assertEquals(1001, map.outSeq());
    }

    @Test
    void gapsInsideOneSourceAreKeptSoReceiversNackThem() {
        map.accept(10, 0, 0);
        map.accept(13, 3000, 33);
        assertEquals(13, map.outSeq());
    }

    @Test
    void switchingSourceContinuesTheOutgoingNumbering() {
        map.accept(65534, 1000, 0);
        map.accept(65535, 4000, 33);
        map.switchSource();
        assertTrue(map.accept(20, 777_000, 66));
        assertEquals(0, map.outSeq(), "next after 65535 wraps to 0");
        assertEquals(4000 + 33 * 90, map.outTs(), "timestamp advances by the elapsed time");
        assertTrue(map.accept(21, 780_000, 99));
        assertEquals(1, map.outSeq());
    }

    @Test
    void packetsOlderThanTheSwitchAreDropped() {
        map.accept(100, 0, 0);
        map.switchSource();
        map.accept(500, 0, 10);
        assertFalse(map.accept(499, 0, 11));
    }

    @Test
    void outgoingNumbersMapBackForNacks() {
        map.accept(100, 0, 0);
        map.switchSource();
        map.accept(500, 0, 10);
        assertEquals(500, map.incomingFor(101));
        assertEquals(-1, map.incomingFor(100), "belongs to the previous source");
    }

    @Test
    void retransmissionKeepsItsOriginalOutgoingNumber() {
        map.accept(7, 100, 0);
        map.accept(9, 300, 1);
        assertTrue(map.accept(8, 200, 2));
        assertEquals(8, map.outSeq());
        assertTrue(map.accept(10, 400, 3));
        assertEquals(10, map.outSeq());
    }
}
