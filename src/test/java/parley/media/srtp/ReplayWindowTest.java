package parley.media.srtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static parley.media.srtp.ReplayWindow.FRESH;
import static parley.media.srtp.ReplayWindow.SEEN;
import static parley.media.srtp.ReplayWindow.TOO_OLD;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReplayWindowTest {

    @Test
    void remembersEveryIndexWithinTheWindow() {
        ReplayWindow window = new ReplayWindow();
        window.accept(1000);
        window.accept(998);
        assertEquals(SEEN, window.check(1000));
        assertEquals(SEEN, window.check(998));
        assertEquals(FRESH, window.check(999)); // reordered, not seen yet
        assertEquals(FRESH, window.check(1001));
    }

    @Test
    void forgetsBelowTheWindow() {
        ReplayWindow window = new ReplayWindow();
        window.accept(5000);
        assertEquals(FRESH, window.check(5000 - ReplayWindow.SIZE + 1));
        assertEquals(TOO_OLD, window.check(5000 - ReplayWindow.SIZE));
    }

    @Test
    void aJumpFarAheadClearsWhatTheRingHeld() {
        ReplayWindow window = new ReplayWindow();
        for (long i = 0; i < 1024; i++) {
            window.accept(i);
        }
        window.accept(1_000_000);
        assertEquals(FRESH, window.check(1_000_000 - 1));
        assertEquals(FRESH, window.check(1_000_000 - ReplayWindow.SIZE + 1));
    }

    @Test
    void agreesWithASetOfAcceptedIndices() {
        Random random = new Random(7);
        ReplayWindow window = new ReplayWindow();
        Set<Long> accepted = new HashSet<>();
        long highest = -1;
        for (int n = 0; n < 200_000; n++) {
            long index = Math.max(0, highest + random.nextInt(3000) - 2000);
            int expected = highest >= 0 && highest - index >= ReplayWindow.SIZE ? TOO_OLD
                    : accepted.contains(index) ? SEEN : FRESH;
            assertEquals(expected, window.check(index), "index " + index + ", highest " + highest);
            if (expected == FRESH) {
                window.accept(index);
                accepted.add(index);
                highest = Math.max(highest, index);
            }
        }
    }
}
