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
    void guessQueuePacesWrongAnswersAndRightOnesCostNothing() {
        GuessQueue<String> q = new GuessQueue<>(2, 1000 * MS, 10, 0);
        for (String g : List.of("a1", "a2", "a3")) assertTrue(q.offer("a", false, g, ALIVE));
        assertEquals("a1", q.poll(0, ALIVE));
        assertEquals("a2", q.poll(0, ALIVE), "the burst: two checks at once");
        assertNull(q.poll(0, ALIVE), "a3 waits for the pace");
        assertEquals(1000 * MS, q.nanosUntilNext(0));
        q.right(); // a2 was right: its token comes back
        assertEquals("a3", q.poll(0, ALIVE));
        assertEquals(-1, q.nanosUntilNext(0), "nothing waits");
    }

    @Test
    void guessQueueServesCleanOriginsFirstThenRoundRobinAndDropsTheDead() {
        GuessQueue<String> q = new GuessQueue<>(1, 1000 * MS, 10, 0);
        for (String g : List.of("x1", "x2", "x3", "dead")) q.offer("x", false, g, ALIVE);
        q.offer("y", false, "y1", ALIVE);
        q.offer("z", true, "z1", ALIVE);
        List<String> order = new ArrayList<>();
        for (long t = 0; q.size() > 0; t += 1000 * MS) order.add(q.poll(t, ALIVE));
        assertEquals(List.of("z1", "x1", "y1", "x2", "x3"), order);
    }

    @Test
    void guessQueueIsBoundedButMakesRoomByDroppingTheDead() {
        GuessQueue<String> q = new GuessQueue<>(1, 1000 * MS, 2, 0);
        assertTrue(q.offer("x", false, "dead", ALIVE));
        assertTrue(q.offer("x", false, "x2", ALIVE));
        assertTrue(q.offer("y", false, "y1", ALIVE), "the dead guess made room");
        assertFalse(q.offer("y", false, "y2", ALIVE));
        assertEquals(2, q.size());
    }

    private static final java.util.function.Predicate<String> ALIVE = g -> !g.equals("dead");

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
