package parley.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The small pieces rooms are built of: buckets, throttles, books, hashes, names, the serial executor. */
class RoomUtilitiesTest {
    private static final long MS = 1_000_000;

    @Test
    void tokenBucketAllowsTheBurstThenTheRate() {
        TokenBucket b = new TokenBucket(50, 100, 0);
        for (int i = 0; i < 100; i++) assertTrue(b.tryTake(0), "burst message " + i);
        assertFalse(b.tryTake(0), "101st at once");
        assertFalse(b.tryTake(19 * MS), "19 ms later: 0.95 token");
        assertTrue(b.tryTake(20 * MS), "20 ms later: one token (50/s)");
        assertFalse(b.tryTake(20 * MS));
        assertTrue(b.tryTake(10_000 * MS), "after a long pause");
    }

    @Test
    void tokenBucketIgnoresTimeGoingBackwards() {
        TokenBucket b = new TokenBucket(1, 1, 1000 * MS);
        assertTrue(b.tryTake(1000 * MS));
        assertFalse(b.tryTake(0));
        assertTrue(b.tryTake(2000 * MS));
    }

    @Test
    void guessThrottleSpacesChecksAfterThreeFailuresAndDoubles() {
        GuessThrottle g = new GuessThrottle(3, 250, 10_000, 600_000);
        long now = 0;
        for (int i = 0; i < 3; i++) {
            assertEquals(0, g.reserve(now), "free failure " + i);
            g.decided(true, now);
        }
        assertEquals(0, g.reserve(now), "4th check runs now, the next one waits");
        g.decided(true, now);
        assertEquals(250, g.reserve(now), "5th waits 250 ms");
        g.decided(true, now);
        assertEquals(250 + 500, g.reserve(now), "6th waits for the 5th's slot and 500 ms more");
    }

    @Test
    void guessThrottleCountsWaitingChecksAsFailures() {
        GuessThrottle g = new GuessThrottle(3, 250, 10_000, 600_000);
        List<Long> waits = new ArrayList<>();
        for (int i = 0; i < 10; i++) waits.add(g.reserve(0)); // ten guesses at once, none decided yet
        assertEquals(List.of(0L, 0L, 0L, 0L, 250L, 750L, 1750L, 3750L, 7750L, 15750L), waits);
        assertEquals(10, g.pending());
    }

    @Test
    void guessThrottleForgetsAfterTheWindow() {
        GuessThrottle g = new GuessThrottle(0, 250, 10_000, 600_000);
        g.reserve(0);
        g.decided(true, 0);
        assertEquals(250, g.reserve(0));
        g.decided(true, 0); // two failures: the next spacing would be 1000 ms
        assertEquals(0, g.reserve(1_000_000), "ten minutes later");
        g.decided(false, 1_000_000);
        assertEquals(250, g.reserve(1_000_000), "failures forgotten: back to the first spacing");
    }

    @Test
    void connectionDelaysDoubleUpToThirtySeconds() {
        assertEquals(500, GuessThrottle.connectionDelayMs(1));
        assertEquals(1000, GuessThrottle.connectionDelayMs(2));
        assertEquals(2000, GuessThrottle.connectionDelayMs(3));
        assertEquals(30_000, GuessThrottle.connectionDelayMs(10));
        assertEquals(30_000, GuessThrottle.connectionDelayMs(1000));
    }

    @Test
    void expiringBookForgetsAtTheDeadlineAndTakesOnce() {
        ExpiringBook<String> book = new ExpiringBook<>(2);
        book.put("a", "moderator", 100);
        assertEquals("moderator", book.get("a", 99));
        assertNull(book.get("a", 100));
        book.put("b", "x", 1000);
        assertEquals("x", book.take("b", 0));
        assertNull(book.take("b", 0));
        assertNull(book.get(null, 0));
    }

    @Test
    void expiringBookDropsTheOldestWhenFull() {
        ExpiringBook<Integer> book = new ExpiringBook<>(2);
        book.put("secret-1", 1, 1000);
        book.put("secret-2", 2, 1000);
        book.put("secret-3", 3, 1000);
        assertNull(book.get("secret-1", 0));
        assertEquals(2, book.get("secret-2", 0));
        assertEquals(2, book.size());
        assertFalse(book.toString().contains("secret"), "never prints keys");
    }

    @Test
    void passwordHashMatchesOnlyThePasswordAndSaltsEachHash() {
        PasswordHash h = PasswordHash.of("correct horse", 1000);
        assertTrue(h.matches("correct horse"));
        assertFalse(h.matches("correct hors"));
        assertFalse(h.matches(""));
        PasswordHash u = PasswordHash.of("pässwörd", 1000);
        assertTrue(u.matches("pässwörd"));
        assertFalse(u.matches("passwords"));
    }

    @Test
    void roomNamesAreCheckedAndCanonical() {
        assertEquals("velvet-otter_9", RoomName.canonical("Velvet-Otter_9"));
        assertEquals("room name of 65 characters (expected: 1 to 64)",
                assertThrows(IllegalArgumentException.class, () -> RoomName.canonical("a".repeat(65))).getMessage());
        assertEquals("room name has a character U+002F at index 1 (expected: A-Z a-z 0-9 - _)",
                assertThrows(IllegalArgumentException.class, () -> RoomName.canonical("a/b")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> RoomName.canonical(""));
    }

    @Test
    void secretsHaveTheirShapes() {
        assertTrue(Secrets.roomName().matches("[a-z0-9]{5}(-[a-z0-9]{5}){3}"));
        assertTrue(Secrets.password().matches("[a-z2-9]{4}(-[a-z2-9]{4}){3}"));
        assertTrue(Secrets.resumeSecret().matches("[A-Za-z0-9_-]{43}"));
        assertTrue(Secrets.participantId().matches("p[a-z0-9]{15}"));
        assertNotEquals(Secrets.resumeSecret(), Secrets.resumeSecret());
    }

    @Test
    void serialExecutorRunsInOrderAndSurvivesAFailingTask() {
        List<Integer> ran = new ArrayList<>();
        SerialExecutor ex = new SerialExecutor(Runnable::run);
        ex.execute(() -> {
            ran.add(1);
            ex.execute(() -> ran.add(3)); // queued behind the running task, not nested
            ran.add(2);
        });
        ex.execute(() -> {
            throw new IllegalStateException("boom");
        });
        ex.execute(() -> ran.add(4));
        assertEquals(List.of(1, 2, 3, 4), ran);
    }
}
