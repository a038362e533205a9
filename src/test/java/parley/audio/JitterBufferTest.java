package parley.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class JitterBufferTest {
    private static final int TICKS = 960;

    /** A one-byte payload naming its frame, so a poll shows which frame came out. */
    private static JitterBuffer.Push push(JitterBuffer jb, int stamp, int mark) throws AudioException {
        return jb.push(stamp, new byte[] {(byte) mark}, 0, 1);
    }

    private static int pollMark(JitterBuffer jb) {
        return jb.poll() < 0 ? -1 : jb.payload()[0];
    }

    @Test
    void playsInTimestampOrderAfterTheDelay() throws AudioException {
        JitterBuffer jb = new JitterBuffer(TICKS, 2, 8, 100);
        int base = 5000;
        push(jb, base, 0);
        push(jb, base + 2 * TICKS, 2);   // arrives before frame 1: reordered
        push(jb, base + TICKS, 1);
        assertEquals(-1, pollMark(jb));  // two frames of delay
        assertEquals(-1, pollMark(jb));
        assertEquals(0, pollMark(jb));
        assertEquals(1, pollMark(jb));
        assertEquals(2, pollMark(jb));
        assertEquals(-1, pollMark(jb));  // nothing came for frame 3: missing, no stall
        push(jb, base + 4 * TICKS, 4);
        assertEquals(4, pollMark(jb));
    }

    @Test
    void lateAndDuplicatePayloadsAreDropped() throws AudioException {
        JitterBuffer jb = new JitterBuffer(TICKS, 1, 8, 100);
        push(jb, 0, 0);
        assertEquals(JitterBuffer.Push.DUPLICATE, push(jb, 0, 9));
        pollMark(jb);
        assertEquals(0, pollMark(jb));
        assertEquals(-1, pollMark(jb));                       // frame 1 due, missing
        assertEquals(JitterBuffer.Push.LATE, push(jb, TICKS, 1)); // came after its turn
        assertEquals(1, jb.late());
    }

    @Test
    void timestampsWrapRound() throws AudioException {
        JitterBuffer jb = new JitterBuffer(TICKS, 1, 8, 100);
        int stamp = -TICKS;   // 2^32 - 960: the next frame's timestamp is 0
        push(jb, stamp, 0);
        push(jb, stamp + TICKS, 1);
        push(jb, stamp + 2 * TICKS, 2);
        pollMark(jb);
        assertEquals(0, pollMark(jb));
        assertEquals(1, pollMark(jb));
        assertEquals(2, pollMark(jb));
    }

    @Test
    void aJumpAheadStartsAgainFromThere() throws AudioException {
        JitterBuffer jb = new JitterBuffer(TICKS, 1, 8, 100);
        push(jb, 0, 0);
        assertEquals(JitterBuffer.Push.RESYNC, push(jb, 100 * TICKS, 7)); // a new talk spurt far ahead
        assertEquals(1, jb.resyncs());
        assertEquals(-1, pollMark(jb));
        assertEquals(7, pollMark(jb));
    }

    @Test
    void aSenderWhoseClockFallsBehindIsCaughtUpWith() throws AudioException {
        JitterBuffer jb = new JitterBuffer(TICKS, 1, 8, 100);
        push(jb, 0, 0);
        for (int i = 0; i < 10; i++) pollMark(jb);   // the mixer ran ahead: everything after is late
        for (int f = 1; f < JitterBuffer.LATE_RESYNC; f++) assertEquals(JitterBuffer.Push.LATE, push(jb, f * TICKS, f));
        assertEquals(JitterBuffer.Push.RESYNC, push(jb, 5 * TICKS, 5));
        pollMark(jb);
        assertEquals(5, pollMark(jb));
    }

    @Test
    void anOversizedPayloadIsRefused() {
        JitterBuffer jb = new JitterBuffer(TICKS, 1, 8, 100);
        assertThrows(AudioException.class, () -> jb.push(0, new byte[101], 0, 101));
    }
}
