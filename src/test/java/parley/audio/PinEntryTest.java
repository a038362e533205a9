package parley.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PinEntryTest {
    private final TestClock clock = new TestClock();

    private PinCollector collector() {
        return new PinCollector(clock, Duration.ofSeconds(15), Duration.ofSeconds(5), 8);
    }

    @Test
    void digitsUntilHash() {
        PinCollector pin = collector();
        for (char c : "1234".toCharArray()) assertEquals(PinCollector.Status.COLLECTING, pin.key(c));
        assertEquals(PinCollector.Status.ENTERED, pin.key('#'));
        assertEquals("1234", pin.pin());
        assertEquals(PinCollector.Status.ENTERED, pin.key('5'));   // after the end, keys change nothing
        assertEquals("1234", pin.pin());
    }

    @Test
    void starStartsAgainAndHashAloneIsIgnored() {
        PinCollector pin = collector();
        assertEquals(PinCollector.Status.COLLECTING, pin.key('#'));
        pin.key('9');
        pin.key('*');
        pin.key('7');
        pin.key('A');
        assertEquals(PinCollector.Status.ENTERED, pin.key('#'));
        assertEquals("7", pin.pin());
    }

    @Test
    void timeoutsFromTheInjectedClock() {
        PinCollector pin = collector();
        clock.advance(Duration.ofSeconds(14));
        assertEquals(PinCollector.Status.COLLECTING, pin.poll());
        pin.key('1');
        clock.advance(Duration.ofMillis(4999));
        assertEquals(PinCollector.Status.COLLECTING, pin.poll());
        assertEquals(clock.instant().plusMillis(1), pin.deadline());
        clock.advance(Duration.ofMillis(1));
        assertEquals(PinCollector.Status.TIMED_OUT, pin.poll());
        assertEquals(PinCollector.Status.TIMED_OUT, pin.key('#'));
        pin.restart();
        clock.advance(Duration.ofSeconds(15));
        assertEquals(PinCollector.Status.TIMED_OUT, pin.poll(), "no first key within 15 s");
    }

    @Test
    void tooManyDigits() {
        PinCollector pin = collector();
        for (char c : "12345678".toCharArray()) pin.key(c);
        assertEquals(PinCollector.Status.TOO_LONG, pin.key('9'));
    }

    private PinThrottle throttle() {
        return new PinThrottle(new PinThrottle.Limits(3, 5, Duration.ofMinutes(1), Duration.ofMinutes(8), 100), clock);
    }

    @Test
    void aCallerIsRefusedAfterThreeWrongPinsThenBacksOffLongerEachTime() {
        PinThrottle t = throttle();
        for (int i = 0; i < 3; i++) {
            assertTrue(t.mayTry("+15550001", "trunk-a"), "try " + (i + 1));
            t.failed("+15550001", "trunk-a");
        }
        assertFalse(t.mayTry("+15550001", "trunk-a"));
        assertEquals(Duration.ofMinutes(1), t.retryAfter("+15550001", "trunk-a"));
        assertTrue(t.mayTry("+15550002", "trunk-a"), "another caller on the same trunk may still try");
        clock.advance(Duration.ofMinutes(1));
        assertTrue(t.mayTry("+15550001", "trunk-a"), "one try back after a minute");
        t.failed("+15550001", "trunk-a");
        assertFalse(t.mayTry("+15550001", "trunk-a"));
        assertEquals(Duration.ofMinutes(2), t.retryAfter("+15550001", "trunk-a"), "the lockout doubled");
        clock.advance(Duration.ofMinutes(2));   // two tries refilled meanwhile
        t.failed("+15550001", "trunk-a");
        assertTrue(t.mayTry("+15550001", "trunk-a"));
        t.failed("+15550001", "trunk-a");
        assertEquals(Duration.ofMinutes(4), t.retryAfter("+15550001", "trunk-a"));
        clock.advance(Duration.ofMinutes(4));   // full and unlocked: forgiven, the backoff starts again
        for (int i = 0; i < 3; i++) t.failed("+15550001", "trunk-a");
        assertEquals(Duration.ofMinutes(1), t.retryAfter("+15550001", "trunk-a"));
    }

    @Test
    void theLockoutIsCapped() {
        PinThrottle t = new PinThrottle(new PinThrottle.Limits(3, 100, Duration.ofMinutes(1), Duration.ofMinutes(2), 100), clock);
        for (int i = 0; i < 3; i++) t.failed("c", "trunk");
        clock.advance(Duration.ofMinutes(1));
        t.failed("c", "trunk");
        clock.advance(Duration.ofMinutes(2));
        t.failed("c", "trunk");
        t.failed("c", "trunk");
        assertEquals(Duration.ofMinutes(2), t.retryAfter("c", "trunk"), "4 minutes, capped at 2");
    }

    @Test
    void aTrunkGuessingThroughManyNumbersIsStopped() {
        PinThrottle t = throttle();
        for (int i = 0; i < 5; i++) {
            assertTrue(t.mayTry("+1555000" + i, "trunk-b"));
            t.failed("+1555000" + i, "trunk-b");
        }
        assertFalse(t.mayTry("+15559999", "trunk-b"), "a fresh number on an exhausted trunk");
        assertTrue(t.mayTry("+15559999", "trunk-c"), "other trunks are not affected");
    }

    @Test
    void aRightPinForgivesTheCallerNotTheTrunk() {
        PinThrottle t = throttle();
        t.failed("+15550001", "trunk-a");
        t.failed("+15550001", "trunk-a");
        t.succeeded("+15550001");
        for (int i = 0; i < 3; i++) t.failed("+15550001", "trunk-a");   // 5 on the trunk now
        assertFalse(t.mayTry("+15550003", "trunk-a"));
        clock.advance(Duration.ofHours(1));
        assertTrue(t.mayTry("+15550001", "trunk-a"), "full buckets again after an hour");
    }

    @Test
    void theNumberOfTrackedKeysIsBounded() {
        PinThrottle t = new PinThrottle(new PinThrottle.Limits(3, 1000, Duration.ofMinutes(1), Duration.ofMinutes(8), 10), clock);
        for (int i = 0; i < 10; i++) t.failed("caller" + i, "trunk");
        assertFalse(t.mayTry("caller-new", "trunk"), "full of callers with wrong PINs: new keys refused");
        clock.advance(Duration.ofMinutes(3));   // their buckets refill: they can be dropped
        assertTrue(t.mayTry("caller-new", "trunk"));
    }
}
