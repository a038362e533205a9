package parley.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.InstantSource;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The production wiring (room executors on virtual threads, a real scheduler): many
 * people join, chat and leave one room at the same time. Nothing is lost or left over,
 * and nobody gets an error. Waits on latches, never sleeps.
 */
class ConcurrencyTest {
    private static final int PEOPLE = 40;
    private static final int CHATS = 5;

    /** Records frames from any thread; counts down when the server closes the connection. */
    private static final class Recorder implements Outbound {
        final Queue<String> frames = new ConcurrentLinkedQueue<>();
        final CountDownLatch joined = new CountDownLatch(1);
        final CountDownLatch lastChatBack = new CountDownLatch(1);
        volatile String lastChat = "\u0000";
        final CountDownLatch closed = new CountDownLatch(1);

        @Override
        public void send(String json) {
            frames.add(json);
            if (json.startsWith("{\"type\":\"joined\"")) joined.countDown();
            if (json.contains(lastChat)) lastChatBack.countDown();
        }

        @Override
        public void close(int statusCode, String reason) {
            closed.countDown();
        }
    }

    @Test
    void manyPeopleJoinChatAndLeaveAtOnce() throws Exception {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        FakeMediaPlane media = new FakeMediaPlane();
        SignalServer server = new SignalServer(Harness.testConfig().build(), media, InstantSource.system(), scheduler);
        List<Recorder> people = java.util.stream.IntStream.range(0, PEOPLE).mapToObj(i -> new Recorder()).toList();
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < PEOPLE; i++) {
                Recorder r = people.get(i);
                int n = i;
                threads.execute(() -> {
                    Connection c = server.accept(r);
                    await(start);
                    c.onText("{\"type\":\"join\",\"room\":\"crowd\",\"name\":\"P" + n + "\"}");
                    await(r.joined); // as a real client does
                    r.lastChat = "P" + n + " says " + (CHATS - 1);
                    for (int k = 0; k < CHATS; k++) c.onText("{\"type\":\"chat\",\"text\":\"P" + n + " says " + k + "\"}");
                    await(r.lastChatBack); // leave after the server confirmed the chats
                    c.onText("{\"type\":\"leave\"}");
                    c.onClose();
                });
            }
            start.countDown();
        }
        for (Recorder r : people) assertTrue(r.closed.await(10, TimeUnit.SECONDS), "every connection closed");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while ((server.roomCount() > 0 || server.participantCount() > 0) && System.nanoTime() < deadline) {
            Thread.onSpinWait(); // leaves are processed by the room's executor after the close
        }
        assertEquals(0, server.roomCount());
        assertEquals(0, server.participantCount());
        assertEquals(media.opened, media.closed, "every media room opened was closed");
        for (Recorder r : people) {
            assertTrue(r.frames.stream().anyMatch(f -> f.startsWith("{\"type\":\"joined\"")), "joined");
            assertTrue(r.frames.stream().noneMatch(f -> f.startsWith("{\"type\":\"error\"")), "no errors: " + r.frames);
            for (int k = 0; k < CHATS; k++) {
                String text = r.lastChat.substring(0, r.lastChat.length() - 1) + k;
                assertEquals(1, r.frames.stream().filter(f -> f.contains(text)).count(), "own chat " + k + " echoed once");
            }
        }
        assertTrue(server.errorCounts().isEmpty());
        server.close();
        scheduler.shutdownNow();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
