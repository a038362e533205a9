package parley.sfu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class LongMapTest {
    @Test
    void putGetRemoveAcrossGrowth() {
        LongMap<String> m = new LongMap<>();
        for (long k = 0; k < 1000; k++) m.put(k * 7919 + 0xfffffff0L, "v" + k);
        assertEquals(1000, m.size());
        assertEquals("v500", m.get(500 * 7919 + 0xfffffff0L));
        m.remove(500 * 7919 + 0xfffffff0L);
        assertNull(m.get(500 * 7919 + 0xfffffff0L));
        assertEquals("v501", m.get(501 * 7919 + 0xfffffff0L));
        assertEquals(999, m.size());
        assertNull(m.get(12345));
    }
}
