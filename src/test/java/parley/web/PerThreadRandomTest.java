package parley.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class PerThreadRandomTest {
    @Test
    void manyThreadsDrawDistinctBytesWithoutALockOfSecureRandomsOwn() throws InterruptedException {
        SecureRandom random = PerThreadRandom.create();
        assertEquals("true", random.getProvider().getService("SecureRandom", random.getAlgorithm())
                .getAttribute("ThreadSafe"), "SecureRandom must not add its own lock");
        Set<String> seen = ConcurrentHashMap.newKeySet();
        Thread[] threads = new Thread[8];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 1000; i++) {
                    byte[] b = new byte[16];
                    random.nextBytes(b);
                    seen.add(HexFormat.of().formatHex(b));
                }
            });
        }
        for (Thread t : threads) t.join();
        assertEquals(8000, seen.size(), "every draw differs, across threads too");
    }

    @Test
    void twoHandlesOnOneThreadShareItsGeneratorButNeverRepeat() {
        byte[] a = new byte[32];
        byte[] b = new byte[32];
        PerThreadRandom.create().nextBytes(a);
        PerThreadRandom.create().nextBytes(b);
        assertNotEquals(HexFormat.of().formatHex(a), HexFormat.of().formatHex(b));
    }
}
