package parley.sfu.feedback;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The NACK policy toward senders, driven by explicit times: batching, retries, give-up, restarts. */
class NackGeneratorTest {
    private static final long RTT_MS = 50;
    private final NackGenerator nacks = new NackGenerator();
    private final int[] out = new int[64];

    private int[] collect(long nowMs) {
        return collect(nowMs, RTT_MS);
    }

    private int[] collect(long nowMs, long rttMs) {
        return Arrays.copyOf(out, nacks.collect(nowMs, rttMs, out));
    }

    private void arrive(long nowMs, int... seqs) {
        for (int seq : seqs) nacks.onPacket(seq, nowMs);
    }

    @Test
    void aGapIsRequestedOnceAtTheNextTick() {
        arrive(0, 100, 101, 104);           // 102, 103 lost
        assertArrayEquals(new int[] {102, 103}, collect(20));
        assertArrayEquals(new int[] {}, collect(40));   // asked 20 ms ago, RTT 50 ms
    }

    @Test
    void packetsThatArriveBeforeTheTickAreNotRequested() {
        arrive(0, 100, 103, 101);           // 101 only reordered
        assertArrayEquals(new int[] {102}, collect(20));
    }

    @Test
    void aRetransmissionStopsTheRetries() {
        arrive(0, 100, 102);
        assertArrayEquals(new int[] {101}, collect(20));
        arrive(45, 101);                    // the sender's RTX, unwrapped
        assertArrayEquals(new int[] {}, collect(80));
        assertEquals(0, nacks.missingCount());
    }

    @Test
    void retriesAreSpacedByTheRoundTripTimeAndStopAfterThree() {
        arrive(0, 100, 102);
        assertArrayEquals(new int[] {101}, collect(20));    // try 1
        assertArrayEquals(new int[] {}, collect(60));       // 40 ms < RTT
        assertArrayEquals(new int[] {101}, collect(70));    // try 2
        assertArrayEquals(new int[] {101}, collect(120));   // try 3
        assertArrayEquals(new int[] {}, collect(170));      // given up
        assertEquals(0, nacks.missingCount());
    }

    @Test
    void aGapOlderThanOneSecondIsDropped() {
        arrive(0, 100, 102);
        assertArrayEquals(new int[] {101}, collect(20, 600));
        assertArrayEquals(new int[] {}, collect(1001, 600));   // would be try 2, but 1001 ms old
        assertEquals(0, nacks.missingCount());
    }

    @Test
    void newGapsAreBatchedWithRetriesInAscendingOrder() {
        arrive(0, 100, 102);
        assertArrayEquals(new int[] {101}, collect(20));
        arrive(30, 105);
        assertArrayEquals(new int[] {103, 104}, collect(40));
        assertArrayEquals(new int[] {101}, collect(70));
        assertArrayEquals(new int[] {103, 104}, collect(90));
    }

    @Test
    void gapsAcrossTheWrapAreFound() {
        arrive(0, 65534, 1);
        assertArrayEquals(new int[] {65535, 0}, collect(20));
    }

    @Test
    void aHugeJumpIsASenderRestartNotALoss() {
        arrive(0, 100, 102);
        arrive(5, 100 + NackGenerator.MAX_GAP + 3);
        assertArrayEquals(new int[] {}, collect(20));
        arrive(25, 100 + NackGenerator.MAX_GAP + 5);
        assertArrayEquals(new int[] {100 + NackGenerator.MAX_GAP + 4}, collect(40));
    }

    @Test
    void aJumpBackwardsBeyondTheGapLimitIsARestartToo() {
        arrive(0, 30_000, 30_002);
        arrive(5, 10_000, 10_002);
        assertArrayEquals(new int[] {10_001}, collect(20));
    }

    @Test
    void theLargestAllowedGapIsRequestedOverSeveralTicksWhenTheBufferIsSmall() {
        arrive(0, 0, NackGenerator.MAX_GAP);   // 499 missing
        int total = 0;
        for (long t = 20; t <= 200; t += 20) total += collect(t, 1000).length;
        assertEquals(NackGenerator.MAX_GAP - 1, total);   // 64 a tick, each once (RTT 1 s)
    }

    @Test
    void moreMissingThanTheCapacityForgetsTheOldest() {
        arrive(0, 0, 400);
        arrive(1, 800);                      // 1..399 and 401..799 missing: 798 > 512
        assertEquals(NackGenerator.CAPACITY, nacks.missingCount());
        assertEquals(287, collect(20)[0]);   // the newest 512: 287..399 and 401..799
    }

    @Test
    void duplicatesAndFirstPacketChangeNothing() {
        arrive(0, 7, 7, 8, 8);
        assertArrayEquals(new int[] {}, collect(20));
    }
}
