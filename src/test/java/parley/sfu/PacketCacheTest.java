package parley.sfu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PacketCacheTest {
    @Test
    void returnsStoredPacketsAndForgetsOverwrittenOnes() {
        PacketCache cache = new PacketCache(4);
        byte[] pkt = {1, 2, 3, 4, 5};
        cache.put(65535, pkt, 1, 3);
        byte[] out = new byte[10];
        assertEquals(3, cache.get(65535, out, 2));
        assertArrayEquals(new byte[] {2, 3, 4}, Arrays.copyOfRange(out, 2, 5));
        cache.put(3, pkt, 0, 5); // same slot (3 & 3 == 65535 & 3)
        assertEquals(-1, cache.get(65535, out, 0));
        assertEquals(5, cache.get(3, out, 0));
        assertEquals(-1, cache.get(2, out, 0));
    }
}
