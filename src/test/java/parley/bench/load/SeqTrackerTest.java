package parley.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SeqTrackerTest {
    @Test
    void countsGapsAsLossUntilTheLatePacketArrives() {
        SeqTracker t = new SeqTracker();
        for (int seq : new int[] {100, 101, 103, 104}) assertTrue(t.record(seq));
        assertEquals(5, t.expected());
        assertEquals(4, t.received(), "102 is missing");
        assertTrue(t.record(102), "late, within the window");
        assertEquals(5, t.received());
        assertFalse(t.record(103), "a duplicate counts once");
        assertEquals(5, t.received());
    }

    @Test
    void followsTheWrapAndIgnoresWhatIsTooOld() {
        SeqTracker t = new SeqTracker();
        t.record(65534);
        t.record(65535);
        t.record(0);
        t.record(2);
        assertEquals(5, t.expected(), "65534 .. 2 across the wrap");
        assertEquals(4, t.received());
        for (int s = 3; s < 3 + SeqTracker.WINDOW; s++) t.record(s);
        assertFalse(t.record(1), "1 arrives after the window moved past it");
        assertEquals(SeqTracker.WINDOW + 5, t.expected());
        assertEquals(SeqTracker.WINDOW + 4, t.received());
    }

    @Test
    void aHugeJumpIsARestartNotLoss() {
        SeqTracker t = new SeqTracker();
        t.record(10);
        t.record(10 + SeqTracker.MAX_JUMP + 5);
        assertEquals(2, t.expected());
        assertEquals(1, t.restarts());
    }
}
