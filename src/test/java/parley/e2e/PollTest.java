package parley.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Polling: returns the first accepted value, keeps going through probe failures, reports the last value. */
class PollTest {
    @Test
    void returnsTheFirstAcceptedValue() {
        AtomicInteger calls = new AtomicInteger();

        int value = Poll.await("three calls", Duration.ofSeconds(5), calls::incrementAndGet, n -> n >= 3);

        assertEquals(3, value);
    }

    @Test
    void probeFailuresCountAsNotYet() {
        AtomicInteger calls = new AtomicInteger();

        String value = Poll.await("a page that reloads once", Duration.ofSeconds(5), () -> {
            if (calls.incrementAndGet() == 1) {
                throw new E2eException("page reloading");
            }
            return "ready";
        }, "ready"::equals);

        assertEquals("ready", value);
    }

    @Test
    void timeoutNamesTheConditionAndTheLastValue() {
        AssertionError e = assertThrows(AssertionError.class, () -> Poll.await("frames above 10",
                Duration.ofMillis(300), () -> "{\"framesDecoded\":4}", s -> false, s -> "stats " + s));

        assertTrue(e.getMessage().contains("frames above 10"), e.getMessage());
        assertTrue(e.getMessage().contains("last seen: stats {\"framesDecoded\":4}"), e.getMessage());
    }
}
