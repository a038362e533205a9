package parley.cc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Layer choice per video slot: one decision per table row, then hold-downs over simulated time. */
class LayerAllocatorTest {
    /** A camera sending 180p, 360p and 720p at typical rates (bit/s). */
    private static final long[] CAMERA = {150_000, 500_000, 1_500_000};

    /**
     * Slots are "preferred current kbps0 kbps1 ..." separated by ';' (ids 0, 1, ...), most important
     * first; a fresh allocator, so a layer above "current" is an upgrade and needs 10 % headroom.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            plenty for everyone                       | 10000 | 2 2 150 500 1500; 2 2 150 500 1500; 2 2 150 500 1500 | 2 2 2
            keeping a layer needs no headroom         | 1600  | 2 2 150 500 1500                                     | 2
            an upgrade needs 10 % headroom            | 1600  | 2 -1 150 500 1500                                    | 1
            upgrades go round in priority order       | 2200  | 2 2 150 500 1500; 2 2 150 500 1500; 2 2 150 500 1500 | 1 1 1
            short: the most important goes up first   | 1000  | 2 2 150 500 1500; 2 2 150 500 1500; 2 2 150 500 1500 | 1 0 0
            lowest layers only                        | 500   | 2 2 150 500 1500; 2 2 150 500 1500; 2 2 150 500 1500 | 0 0 0
            the least important loses its video first | 350   | 2 0 150 500 1500; 2 0 150 500 1500; 2 0 150 500 1500 | 0 0 -1
            nothing below a slot that did not fit     | 400   | 2 0 150 500 1500; 0 0 400; 0 0 150                   | 0 -1 -1
            the first slot never freezes              | 50    | 2 0 150 500 1500; 2 0 150 500 1500                   | 0 -1
            not even at no budget                     | 0     | 2 0 150 500 1500                                     | 0
            a slot that wants nothing costs nothing   | 200   | -1 0 150 500 1500; 2 0 150 500 1500                  | -1 0
            the preferred layer caps                  | 10000 | 1 1 150 500 1500                                     | 1
            preferred above what the source has       | 10000 | 2 1 150 500                                          | 1
            lowest active layer when lower are off    | 2000  | 0 -1 0 0 1500                                        | 2
            a paused layer costs its default (1.5 M)  | 3000  | 2 1 150 500 0                                        | 2
            and is not chosen when that does not fit  | 1600  | 2 1 150 500 0                                        | 1
            nothing measured yet: defaults from 0     | 1000  | 1 -1 0 0 0                                           | 1
            measured costs count, not defaults        | 2500  | 2 2 100 300 2500                                     | 2
            same, as an upgrade without headroom      | 2500  | 2 1 100 300 2500                                     | 1
            """)
    void allocates(String why, long budgetKbps, String slots, String expected) {
        int[] layers = new LayerAllocator().allocate(budgetKbps * 1000, slots(slots), 0);
        assertEquals(expected, String.join(" ", Arrays.stream(layers).mapToObj(String::valueOf).toList()), why);
    }

    @Test
    void flappingDoublesTheHoldDownAndQuietHalvesIt() {
        LayerAllocator allocator = new LayerAllocator();
        List<LayerAllocator.Slot> camera = List.of(LayerAllocator.Slot.of(0, 2, 2, CAMERA));
        // ms      budget      layer   hold-down (ms) after
        step(allocator, camera, 0, 3_000_000, 2, 2_000);
        step(allocator, camera, 1_000, 1_000_000, 1, 2_000);      // down at once; no upgrade before it
        step(allocator, camera, 2_000, 3_000_000, 1, 2_000);      // held until 3000
        step(allocator, camera, 3_000, 3_000_000, 2, 2_000);
        step(allocator, camera, 4_000, 1_000_000, 1, 4_000);      // down 1 s after going up: hold longer
        step(allocator, camera, 7_900, 3_000_000, 1, 4_000);
        step(allocator, camera, 8_000, 3_000_000, 2, 4_000);
        step(allocator, camera, 9_000, 1_000_000, 1, 8_000);
        step(allocator, camera, 17_000, 3_000_000, 2, 8_000);
        step(allocator, camera, 18_000, 1_000_000, 1, 16_000);
        step(allocator, camera, 34_000, 3_000_000, 2, 16_000);
        step(allocator, camera, 35_000, 1_000_000, 1, 16_000);    // 16 s at most
        step(allocator, camera, 51_000, 3_000_000, 2, 16_000);
        step(allocator, camera, 60_000, 3_000_000, 2, 16_000);
        step(allocator, camera, 65_000, 3_000_000, 2, 8_000);     // 30 s without a downgrade: halved
        step(allocator, camera, 95_000, 3_000_000, 2, 4_000);
        step(allocator, camera, 125_000, 3_000_000, 2, 2_000);
        step(allocator, camera, 155_000, 3_000_000, 2, 2_000);
    }

    @Test
    void aSlotTurnedOffComesBackOnlyAfterItsHoldDown() {
        LayerAllocator allocator = new LayerAllocator();
        List<LayerAllocator.Slot> two = List.of(LayerAllocator.Slot.of(0, 0, 0, CAMERA), LayerAllocator.Slot.of(1, 0, 0, CAMERA));
        assertArrayEquals(new int[] {0, 0}, allocator.allocate(400_000, two, 0));
        assertArrayEquals(new int[] {0, -1}, allocator.allocate(200_000, two, 100));
        assertArrayEquals(new int[] {0, -1}, allocator.allocate(400_000, two, 2_000));
        assertArrayEquals(new int[] {0, 0}, allocator.allocate(400_000, two, 2_100));
    }

    @Test
    void theFirstSlotKeepsItsLowestLayerWhateverTheBudget() {
        LayerAllocator allocator = new LayerAllocator();
        List<LayerAllocator.Slot> three = List.of(LayerAllocator.Slot.of(0, 2, 2, CAMERA),
                LayerAllocator.Slot.of(1, 2, 2, CAMERA), LayerAllocator.Slot.of(2, 2, 2, CAMERA));
        for (long ms = 0, budget = 5_000_000; ms < 20_000; ms += 250, budget = budget * 3 / 4) {
            int[] layers = allocator.allocate(budget, three, ms);
            assertTrue(layers[0] >= 0, "at " + ms + " ms, budget " + budget + ": " + Arrays.toString(layers));
        }
        assertArrayEquals(new int[] {0, -1, -1}, allocator.allocate(0, three, 20_000));
    }

    @Test
    void aSmallerTileIsNotADowngrade() {
        LayerAllocator allocator = new LayerAllocator();
        assertArrayEquals(new int[] {2}, allocator.allocate(3_000_000, List.of(LayerAllocator.Slot.of(0, 2, 2, CAMERA)), 0));
        assertArrayEquals(new int[] {0}, allocator.allocate(3_000_000, List.of(LayerAllocator.Slot.of(0, 0, 2, CAMERA)), 500));
        assertArrayEquals(new int[] {2}, allocator.allocate(3_000_000, List.of(LayerAllocator.Slot.of(0, 2, 0, CAMERA)), 1_000));
        assertEquals(LayerAllocator.HOLD_DOWN_MS, allocator.holdDownMs(0));
    }

    @Test
    void theHoldDownFollowsTheSlotIdWhenPrioritiesChange() {
        LayerAllocator allocator = new LayerAllocator();
        LayerAllocator.Slot a = LayerAllocator.Slot.of(7, 2, 2, CAMERA);
        LayerAllocator.Slot b = LayerAllocator.Slot.of(9, 2, 2, CAMERA);
        assertArrayEquals(new int[] {2, 2}, allocator.allocate(4_000_000, List.of(a, b), 0));
        assertArrayEquals(new int[] {2, 1}, allocator.allocate(2_500_000, List.of(a, b), 100));   // 9 down
        assertArrayEquals(new int[] {1, 2}, allocator.allocate(4_000_000, List.of(b, a), 200));   // 9 first now, still held
    }

    @Test
    void rejectsBadSlots() {
        LayerAllocator allocator = new LayerAllocator();
        List<LayerAllocator.Slot> twice = List.of(LayerAllocator.Slot.of(1, 0, 0, CAMERA), LayerAllocator.Slot.of(1, 0, 0, CAMERA));
        assertThrows(IllegalArgumentException.class, () -> allocator.allocate(1_000_000, twice, 0));
        assertThrows(IllegalArgumentException.class, () -> LayerAllocator.Slot.of(1, -2, 0, CAMERA));
        assertThrows(IllegalArgumentException.class, () -> LayerAllocator.Slot.of(1, 0, 0, 100, -1));
    }

    @Test
    void aSlotCopiesItsBitrates() {
        long[] bps = CAMERA.clone();
        LayerAllocator.Slot slot = LayerAllocator.Slot.of(0, 2, 2, bps);
        bps[2] = 0;
        slot.layerBps()[1] = 0;
        assertEquals(LayerAllocator.Slot.of(0, 2, 2, CAMERA), slot);
    }

    private static void step(LayerAllocator allocator, List<LayerAllocator.Slot> slots, long nowMs, long budgetBps,
            int layer, long holdDownMs) {
        assertArrayEquals(new int[] {layer}, allocator.allocate(budgetBps, slots, nowMs), "layer at " + nowMs + " ms");
        assertEquals(holdDownMs, allocator.holdDownMs(slots.get(0).id()), "hold-down at " + nowMs + " ms");
    }

    private static List<LayerAllocator.Slot> slots(String table) {
        List<LayerAllocator.Slot> slots = new ArrayList<>();
        for (String slot : table.split(";")) {
            long[] v = Arrays.stream(slot.trim().split(" +")).mapToLong(Long::parseLong).toArray();
            long[] bps = Arrays.stream(v, 2, v.length).map(kbps -> kbps * 1000).toArray();
            slots.add(LayerAllocator.Slot.of(slots.size(), (int) v[0], (int) v[1], bps));
        }
        return slots;
    }
}
