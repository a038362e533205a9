package parley.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import parley.web.UpgradeLimits.Verdict;

/** The per-address upgrade bucket and open count, on a made-up clock. */
class UpgradeLimitsTest {
    static final long SECOND = 1_000_000_000L;
    final UpgradeLimits limits = new UpgradeLimits(2, 4, 5); // 2/s, bursts of 4, 5 open

    @Test
    void aBurstThenTheRate() {
        for (int i = 0; i < 4; i++) assertEquals(Verdict.OK, limits.tryOpen("a", 0).verdict());
        UpgradeLimits.Decision refused = limits.tryOpen("a", 0);
        assertEquals(Verdict.TOO_FAST, refused.verdict());
        assertNull(refused.ticket());
        assertEquals(Verdict.OK, limits.tryOpen("b", 0).verdict(), "another address has its own bucket");
        assertEquals(Verdict.TOO_FAST, limits.tryOpen("a", SECOND / 4).verdict(), "half a token after 250 ms");
        assertEquals(Verdict.OK, limits.tryOpen("a", SECOND / 2).verdict(), "one token after 500 ms");
    }

    @Test
    void openPlacesComeBackOnceEach() {
        UpgradeLimits.Decision first = limits.tryOpen("a", 0);
        for (int i = 1; i < 5; i++) limits.tryOpen("a", i * SECOND);
        assertEquals(5, limits.open("a"));
        assertEquals(Verdict.TOO_MANY_OPEN, limits.tryOpen("a", 10 * SECOND).verdict());
        first.ticket().release();
        first.ticket().release();
        assertEquals(4, limits.open("a"), "a second release changes nothing");
        assertEquals(Verdict.OK, limits.tryOpen("a", 10 * SECOND).verdict());
    }

    @Test
    void quietAddressesAreForgotten() {
        limits.tryOpen("a", 0).ticket().release();
        limits.tryOpen("b", 0);
        limits.sweep(10 * SECOND);
        assertEquals(1, limits.addressesRemembered(), "b has a WebSocket open, a is like new");
    }
}
