package parley.record;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Sequence order back, losses given up after a delay or when full, duplicates and late packets dropped. */
class ReorderBufferTest {
    private final List<String> out = new ArrayList<>();
    private final ReorderBuffer buffer = new ReorderBuffer(8, 100);

    private void add(int seq, long arrivalMs) {
        byte[] p = {(byte) (seq >> 8), (byte) seq};
        buffer.add(seq, p, 0, 2, arrivalMs, (b, off, len, arrival, loss) ->
                out.add(((b[off] & 0xFF) << 8 | b[off + 1] & 0xFF) + (loss ? "!" : "")));
    }

    @Test
    void reorderedPacketsComeOutInOrder() {
        add(10, 0);
        add(12, 1);
        add(11, 2);
        add(13, 3);
        assertEquals(List.of("10", "11", "12", "13"), out);
    }

    @Test
    void aMissingPacketIsGivenUpAfterTheDelay() {
        add(10, 0);
        add(12, 10);
        add(13, 50);
        assertEquals(List.of("10"), out, "still waiting for 11");
        add(14, 110);
        assertEquals(List.of("10", "12!", "13", "14"), out, "12 waited 100 ms: 11 is lost");
        assertEquals(1, buffer.lost());
        add(11, 120);
        assertEquals(4, out.size(), "11 came too late");
        assertEquals(1, buffer.dropped());
    }

    @Test
    void aFullBufferGivesUpTheOldestGap() {
        add(1, 0);
        for (int s = 3; s <= 10; s++) add(s, 1);
        assertEquals(List.of("1", "3!", "4", "5", "6", "7", "8", "9", "10"), out.subList(0, 9));
    }

    @Test
    void wrapsAroundAndDropsDuplicates() {
        add(65_534, 0);
        add(0, 1);
        add(65_535, 2);
        add(65_535, 3);
        add(1, 4);
        assertEquals(List.of("65534", "65535", "0", "1"), out);
        assertEquals(1, buffer.dropped());
    }

    @Test
    void flushDeliversWhatWaits() {
        add(1, 0);
        add(3, 1);
        buffer.flush((b, off, len, arrival, loss) -> out.add(((b[off] & 0xFF) << 8 | b[off + 1] & 0xFF) + (loss ? "!" : "")));
        assertEquals(List.of("1", "3!"), out);
    }
}
