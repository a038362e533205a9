package parley.protocol;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/protocol.md, "Meeting messages" and "Limits": five participants with the largest
 * avatars, raising and lowering their hands at the documented rate or joining and leaving
 * eight times a second, cannot push a participant reading at 1 Mbit/s off the meeting: what
 * the server sends that reader over the attack stays below what its line carries.
 */
class AvatarAmplificationTest {
    private static final double LINE_BITS_PER_SECOND = 1_000_000;
    private static final long ATTACK_MS = 10_000;
    /** Joins of the churn test: without a limit on avatar bytes, 80 x 48 Ki characters for the reader. */
    private static final int CHURN_JOINS = 80;
    private static final String AVATAR = MeetingAvatars.largest();
    private static LiveServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = LiveServer.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private static SlowReader reader(String room) throws Exception {
        SlowReader r = SlowReader.connect(server, LINE_BITS_PER_SECOND);
        r.send("{\"type\":\"join\",\"room\":\"" + room + "\",\"name\":\"Rhea\"}");
        r.await("\"joined\"", 10_000);
        return r;
    }

    /** After the attack: everything sent before a pong has been read; the line kept up. */
    private static void assertKeptUp(SlowReader r, long startNanos, String attack) throws Exception {
        long attackSeconds = Math.max(1, (System.nanoTime() - startNanos) / 1_000_000_000L);
        r.send("{\"type\":\"ping\"}");
        r.await("\"pong\"", 30_000);
        long lineBytes = (long) (LINE_BITS_PER_SECOND / 8 * Math.max(1, attackSeconds));
        System.out.printf("%s: %d bytes sent to the 1 Mbit/s reader in %d s (its line carries %d)%n",
                attack, r.bytes(), attackSeconds, lineBytes);
        assertNull(r.closedHow(), "the slow reader was dropped");
        assertTrue(r.bytes() < lineBytes, attack + ": " + r.bytes() + " bytes for the reader in " + attackSeconds
                + " s, more than a 1 Mbit/s line carries (" + lineBytes + ")");
    }

    @Test
    void handTogglesOfFiveAvatarsDoNotDropASlowReader() throws Exception {
        String room = "hands-" + System.nanoTime();
        try (SlowReader rhea = reader(room)) {
            long start = System.nanoTime();
            List<WsPeer> five = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                WsPeer p = server.connect();
                p.send("type", "join", "room", room, "name", "Hand " + i, "avatar", AVATAR);
                p.next("joined");
                five.add(p);
            }
            ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor();
            AtomicInteger tick = new AtomicInteger();
            ticks.scheduleAtFixedRate(() -> { // each participant twice a second: the documented rate
                boolean up = tick.incrementAndGet() % 2 == 1;
                for (WsPeer p : five) p.sendNoWait("{\"type\":\"update\",\"handRaised\":" + up + "}");
            }, 0, 500, TimeUnit.MILLISECONDS);
            ticks.awaitTermination(ATTACK_MS, TimeUnit.MILLISECONDS);
            ticks.shutdownNow();
            assertKeptUp(rhea, start, "hand toggles");
            for (WsPeer p : five) p.close();
        }
    }

    /**
     * Churners join with the largest avatar and leave, up to eight times a second (the
     * machine may manage fewer), until {@link #CHURN_JOINS} joins: the reader gets avatars at
     * the room's documented avatar rate only, and the rest without.
     */
    @Test
    void joinAndLeaveChurnWithAvatarsDoesNotDropASlowReader() throws Exception {
        String room = "churn-" + System.nanoTime();
        try (SlowReader rhea = reader(room)) {
            long start = System.nanoTime();
            ExecutorService five = Executors.newFixedThreadPool(5);
            ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor();
            AtomicInteger joins = new AtomicInteger();
            AtomicInteger inFlight = new AtomicInteger();
            ticks.scheduleAtFixedRate(() -> { // eight joins and leaves a second, five at a time at most
                if (joins.get() >= CHURN_JOINS || inFlight.incrementAndGet() > 5) {
                    if (joins.get() < CHURN_JOINS) inFlight.decrementAndGet();
                    return;
                }
                five.execute(() -> churn(room, joins, inFlight));
            }, 0, 125, TimeUnit.MILLISECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (joins.get() < CHURN_JOINS && System.nanoTime() < deadline) {
                assertNull(rhea.closedHow(), "the slow reader was dropped during the churn");
                ticks.awaitTermination(200, TimeUnit.MILLISECONDS);
            }
            ticks.shutdownNow();
            five.shutdown();
            assertTrue(five.awaitTermination(30, TimeUnit.SECONDS));
            assertTrue(joins.get() >= CHURN_JOINS, "the churn ran: " + joins.get() + " joins");
            double seconds = (System.nanoTime() - start) / 1e9;
            long avatarLimit = (long) (parley.room.RoomGuards.AVATAR_CHARS + seconds * parley.room.RoomGuards.AVATAR_CHARS_PER_SECOND);
            System.out.printf("churn: %d joins with an avatar in %.1f s; %d avatar characters reached the reader "
                    + "(limit %d; without one, %d)%n", joins.get(), seconds, rhea.avatarChars(), avatarLimit,
                    (long) joins.get() * AVATAR.length());
            assertTrue(rhea.avatarChars() <= avatarLimit, "avatar characters " + rhea.avatarChars() + " > " + avatarLimit);
            assertKeptUp(rhea, start, "join churn");
        }
    }

    private static void churn(String room, AtomicInteger joins, AtomicInteger inFlight) {
        try {
            WsPeer p = server.connect();
            p.send("type", "join", "room", room, "name", "Churn", "avatar", AVATAR);
            p.next("joined");
            joins.incrementAndGet();
            p.send("type", "leave");
            p.closed();
        } catch (Exception | AssertionError e) {
            // a churner that fails is no concern of the reader's
        } finally {
            inFlight.decrementAndGet();
        }
    }
}
