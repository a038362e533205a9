package parley.media.srtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SsrcTableTest {

    @Test
    void agreesWithAHashMapUnderAddAndRemove() {
        Random random = new Random(11);
        SsrcTable table = new SsrcTable(200);
        Map<Integer, SsrcState> model = new HashMap<>();
        for (int n = 0; n < 100_000; n++) {
            // few distinct keys, including 0 and negatives, so probe chains collide and wrap
            int ssrc = random.nextInt(300) - 100;
            if (random.nextBoolean() && !model.containsKey(ssrc) && !table.isFull()) {
                model.put(ssrc, table.add(ssrc));
            } else if (random.nextInt(3) == 0) {
                table.remove(ssrc);
                model.remove(ssrc);
            }
            assertSame(model.get(ssrc), table.get(ssrc));
            assertEquals(model.size(), table.size());
        }
        model.forEach((ssrc, state) -> assertSame(state, table.get(ssrc)));
    }

    @Test
    void removingAnUnknownSsrcChangesNothing() {
        SsrcTable table = new SsrcTable(4);
        SsrcState state = table.add(0);
        table.remove(1);
        assertSame(state, table.get(0));
        assertNull(table.get(1));
        assertEquals(1, table.size());
    }
}
