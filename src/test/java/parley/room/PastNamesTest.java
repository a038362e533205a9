package parley.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** The memory of ended and moved meeting names: expiry, bound, forgetting, and no name kept. */
class PastNamesTest {
    @Test
    void aNameIsRememberedWithItsReasonUntilItExpires() {
        PastNames past = new PastNames(1_000, 10);
        past.remember("team", PastNames.Reason.ENDED, 0);
        past.remember("crew", PastNames.Reason.MOVED, 500);
        assertEquals(PastNames.Reason.ENDED, past.reason("team", 999));
        assertEquals(PastNames.Reason.MOVED, past.reason("crew", 999));
        assertNull(past.reason("other", 999));
        assertNull(past.reason("team", 1_000), "expired after the ttl");
        assertEquals(PastNames.Reason.MOVED, past.reason("crew", 1_499));
        assertEquals(1, past.size(), "expired entries are dropped");
    }

    @Test
    void whenFullTheOldestGoesFirst() {
        PastNames past = new PastNames(1_000, 2);
        past.remember("a", PastNames.Reason.ENDED, 0);
        past.remember("b", PastNames.Reason.ENDED, 1);
        past.remember("c", PastNames.Reason.ENDED, 2);
        assertNull(past.reason("a", 3));
        assertEquals(PastNames.Reason.ENDED, past.reason("b", 3));
        assertEquals(2, past.size());
    }

    @Test
    void rememberingAgainRenewsAndForgettingFrees() {
        PastNames past = new PastNames(1_000, 10);
        past.remember("team", PastNames.Reason.ENDED, 0);
        past.remember("team", PastNames.Reason.MOVED, 900);
        assertEquals(PastNames.Reason.MOVED, past.reason("team", 1_500));
        past.forget("team");
        assertNull(past.reason("team", 1_500));
    }

    @Test
    void twoProcessesHashAlikeNamesDifferentlyAndNothingShowsAName() {
        PastNames past = new PastNames(1_000, 10);
        past.remember("velvet-otter", PastNames.Reason.ENDED, 0);
        assertFalse(past.toString().contains("velvet"), past.toString());
        assertNull(new PastNames(1_000, 10).reason("velvet-otter", 0), "another process's key knows nothing");
    }
}
