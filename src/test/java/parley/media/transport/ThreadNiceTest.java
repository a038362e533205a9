package parley.media.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The media thread's priority: asked for on the loop's own thread, and only there. */
class ThreadNiceTest {

    @Test
    void aThreadRaisesItsNiceValueAndOnlyItsOwn() throws Exception {
        // Raising the nice value (a lower priority) is allowed to any thread, so this runs anywhere.
        Integer before = ThreadNice.ofCurrentThread();
        assertNotNull(before, "the nice value of a thread is readable on Linux");
        AtomicReference<String> refused = new AtomicReference<>("not run");
        AtomicReference<Integer> after = new AtomicReference<>();
        Thread t = Thread.ofPlatform().start(() -> {
            refused.set(ThreadNice.setForCurrentThread(7));
            after.set(ThreadNice.ofCurrentThread());
        });
        t.join();
        assertNull(refused.get(), "setpriority on the thread's own id");
        assertEquals(7, after.get());
        assertEquals(before, ThreadNice.ofCurrentThread(), "the other threads keep theirs");
    }

    @Test
    void outOfRangeIsRefusedBeforeTheKernelIsAsked() {
        assertThrows(IllegalArgumentException.class, () -> ThreadNice.setForCurrentThread(20));
        assertThrows(IllegalArgumentException.class, () -> ThreadNice.setForCurrentThread(-21));
    }

    @Test
    void theLoopThreadTakesTheValueOrSaysWhyNot() throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (MediaLoop loop = new MediaLoop(new InetSocketAddress(loopback, 0), new MediaCounters())) {
            boolean privileged = "root".equals(System.getProperty("user.name"));
            Integer mine = ThreadNice.ofCurrentThread();
            Integer now = loop.requestNice(-5);
            System.out.println("media thread nice after asking for -5: " + now + (privileged ? " (as root)" : ""));
            if (privileged) assertEquals(-5, now);
            else assertEquals(mine, now, "refused: unchanged");
            assertEquals(mine, ThreadNice.ofCurrentThread(), "the test's own thread is untouched");
        }
    }

    @Test
    void theSealersTakeTheLoopsValueToo() throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (MediaLoop loop = new MediaLoop(new InetSocketAddress(loopback, 0), LoopOptions.defaults().threads(3),
                new MediaCounters())) {
            boolean privileged = "root".equals(System.getProperty("user.name"));
            Integer now = loop.requestNice(-3);
            Sealer first = loop.assignSealer();
            Sealer second = loop.assignSealer();
            assertTrue(first != second, "two sealers, given out in turn");
            for (Sealer s : java.util.List.of(first, second)) {
                Integer sealer = ThreadNice.ofThread(s.tid());
                System.out.println("sealer nice: " + sealer + ", loop: " + now);
                if (privileged) assertEquals(-3, sealer);
                else assertEquals(now, sealer, "refused for all alike");
            }
        }
    }
}
