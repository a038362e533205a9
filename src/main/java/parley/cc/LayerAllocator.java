package parley.cc;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Chooses, for one receiver, the simulcast layer each of its video slots should receive within
 * the bandwidth estimate. It only decides; the forwarding side applies a target when it can (on a
 * keyframe of that layer, falling back to the highest active layer below it meanwhile).
 *
 * <p>Policy, with slots in priority order (most important first):
 * <ol>
 * <li>each slot gets its lowest active layer while the budget allows; at the first that does not
 *     fit, it and every less important slot get nothing. The first slot always gets its lowest
 *     layer, over budget if need be: the most important video never freezes;
 * <li>then, in repeated passes in priority order, each slot goes up one layer at a time, as far as
 *     its preferred layer, while the budget allows.
 * </ol>
 * A layer costs its measured bitrate; one not measured (0: paused or just started) costs
 * {@link #defaultBps} so that it can be chosen when it resumes.
 *
 * <p>Against flapping: downgrades take effect at once, but an upgrade (a target above the slot's
 * previous one, including turning it on) needs the new total within the budget / {@value #UPGRADE_HEADROOM}
 * and the slot not downgraded in its last hold-down ({@value #HOLD_DOWN_MS} ms). A slot downgraded
 * within {@value #FLAP_WINDOW_MS} ms of an upgrade doubles its hold-down, up to
 * {@value #MAX_HOLD_DOWN_MS} ms; it halves again after each {@value #RELAX_MS} ms without a downgrade.
 * A lower target because the receiver wants less (a smaller tile) is not a downgrade.
 *
 * <p>Stateful (hold-downs per slot id); not thread-safe: one per receiver, on its loop. Called a few
 * times a second, so it allocates per call.
 */
public final class LayerAllocator {
    /** An upgrade must leave this factor of headroom: new total × 1.1 ≤ budget. */
    static final double UPGRADE_HEADROOM = 1.10;
    static final long HOLD_DOWN_MS = 2_000;
    static final long MAX_HOLD_DOWN_MS = 16_000;
    /** A downgrade this soon after an upgrade means the upgrade did not fit: hold longer. */
    static final long FLAP_WINDOW_MS = 5_000;
    /** Without a downgrade for this long, a doubled hold-down halves. */
    static final long RELAX_MS = 30_000;
    /** The state of a slot id absent this long is dropped. */
    static final long FORGET_MS = 60_000;
    private static final long[] DEFAULT_BPS = {150_000, 500_000, 1_500_000};
    private static final long NEVER = Long.MIN_VALUE;

    /**
     * One video slot of the receiver, as it stands now.
     *
     * @param id             stable id of the receive slot (e.g. its index in the receiver's slots);
     *                       hold-downs follow it
     * @param preferredLayer the highest layer the receiver's tile calls for, -1 for nothing
     * @param layerBps       measured bitrate of each layer of the slot's source now, lowest first; 0
     *                       for a layer not being sent (copied)
     * @param currentLayer   the layer forwarded now, -1 for none: the reference for upgrades of a
     *                       slot this allocator has not decided before
     */
    public record Slot(int id, int preferredLayer, long[] layerBps, int currentLayer) {
        public Slot {
            if (preferredLayer < -1 || currentLayer < -1) {
                throw new IllegalArgumentException("slot " + id + " layers preferred " + preferredLayer + ", current "
                        + currentLayer + " (expected: -1 or more)");
            }
            layerBps = layerBps.clone();
            for (long bps : layerBps) {
                if (bps < 0) {
                    throw new IllegalArgumentException("slot " + id + " layer bitrate " + bps + " (expected: 0 or more)");
                }
            }
        }

        /** A slot from its bitrates, lowest layer first. */
        public static Slot of(int id, int preferredLayer, int currentLayer, long... layerBps) {
            return new Slot(id, preferredLayer, layerBps, currentLayer);
        }

        @Override
        public long[] layerBps() {
            return layerBps.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Slot s && s.id == id && s.preferredLayer == preferredLayer
                    && s.currentLayer == currentLayer && Arrays.equals(s.layerBps, layerBps);
        }

        @Override
        public int hashCode() {
            return (31 * (31 * id + preferredLayer) + currentLayer) * 31 + Arrays.hashCode(layerBps);
        }

        @Override
        public String toString() {
            return "Slot[id=" + id + ", preferred=" + preferredLayer + ", layerBps=" + Arrays.toString(layerBps)
                    + ", current=" + currentLayer + "]";
        }

        /** The lowest layer being sent; layer 0 while none is measured yet. */
        int lowestLayer() {
            for (int i = 0; i < layerBps.length; i++) {
                if (layerBps[i] > 0) {
                    return i;
                }
            }
            return 0;
        }

        /** The highest layer to aim for: the preferred one if the source has it, never below the lowest. */
        int ceiling() {
            return Math.max(lowestLayer(), Math.min(preferredLayer, layerBps.length - 1));
        }

        long costBps(int layer) {
            return layer < layerBps.length && layerBps[layer] > 0 ? layerBps[layer] : defaultBps(layer);
        }

        boolean wantsVideo() {
            return preferredLayer >= 0 && layerBps.length > 0;
        }
    }

    /** Hold-down state of one slot id. */
    private static final class SlotState {
        /** The previous decision; before the first, the layer forwarded. */
        int target;
        long lastUpgradeMs = NEVER;
        long lastDowngradeMs = NEVER;
        long holdDownMs = HOLD_DOWN_MS;
        long lastRelaxMs;
        long lastSeenMs;

        SlotState(int target, long nowMs) {
            this.target = target;
            this.lastRelaxMs = nowMs;
        }
    }

    private final Map<Integer, SlotState> states = new HashMap<>();

    /** The cost assumed for a layer whose bitrate is not known: 150 k, 500 k, 1.5 M bit/s, then as the top. */
    public static long defaultBps(int layer) {
        return DEFAULT_BPS[Math.min(layer, DEFAULT_BPS.length - 1)];
    }

    /**
     * Decides the target layer of each slot.
     *
     * @param budgetBps the bandwidth estimate left for video
     * @param slots     the receiver's video slots, most important first, ids distinct
     * @return the target layer per slot, in the same order; -1 to forward nothing
     */
    public int[] allocate(long budgetBps, List<Slot> slots, long nowMs) {
        int n = slots.size();
        SlotState[] state = new SlotState[n];
        int[] previous = new int[n];
        Set<Integer> ids = new HashSet<>();
        for (int i = 0; i < n; i++) {
            Slot slot = slots.get(i);
            if (!ids.add(slot.id())) {
                throw new IllegalArgumentException("slot id " + slot.id() + " twice (expected: distinct ids)");
            }
            SlotState s = states.computeIfAbsent(slot.id(), id -> new SlotState(slot.currentLayer(), nowMs));
            s.lastSeenMs = nowMs;
            relax(s, nowMs);
            state[i] = s;
            previous[i] = s.target;
        }
        int[] target = baseline(budgetBps, slots, state, previous, nowMs);
        upgrade(budgetBps, slots, state, previous, target, nowMs);
        for (int i = 0; i < n; i++) {
            record(slots.get(i), state[i], target[i], nowMs);
        }
        states.values().removeIf(s -> nowMs - s.lastSeenMs > FORGET_MS);
        return target;
    }

    /** The current hold-down of a slot id (ms); for tests and logs. */
    long holdDownMs(int slotId) {
        SlotState s = states.get(slotId);
        return s == null ? HOLD_DOWN_MS : s.holdDownMs;
    }

    /** Step 1: lowest layers in priority order, until one does not fit. */
    private static int[] baseline(long budgetBps, List<Slot> slots, SlotState[] state, int[] previous, long nowMs) {
        int[] target = new int[slots.size()];
        Arrays.fill(target, -1);
        long totalBps = 0;
        for (int i = 0; i < target.length; i++) {
            Slot slot = slots.get(i);
            if (!slot.wantsVideo()) {
                continue;
            }
            int lowest = slot.lowestLayer();
            long newTotalBps = totalBps + slot.costBps(lowest);
            if (i > 0 && newTotalBps > budgetBps) {
                break;                   // and every less important slot gets nothing either
            }
            if (i == 0 || allowed(lowest, previous[i], newTotalBps, budgetBps, state[i], nowMs)) {
                target[i] = lowest;
                totalBps = newTotalBps;
            }
        }
        return target;
    }

    /** Step 2: one layer up per slot per pass, in priority order, while anything moves. */
    private static void upgrade(long budgetBps, List<Slot> slots, SlotState[] state, int[] previous, int[] target,
            long nowMs) {
        long totalBps = 0;
        for (int i = 0; i < target.length; i++) {
            totalBps += target[i] < 0 ? 0 : slots.get(i).costBps(target[i]);
        }
        boolean[] done = new boolean[target.length];
        for (boolean moved = true; moved; ) {
            moved = false;
            for (int i = 0; i < target.length; i++) {
                Slot slot = slots.get(i);
                if (done[i] || target[i] < 0 || target[i] >= slot.ceiling()) {
                    done[i] = true;
                    continue;
                }
                int next = target[i] + 1;
                long newTotalBps = totalBps - slot.costBps(target[i]) + slot.costBps(next);
                if (allowed(next, previous[i], newTotalBps, budgetBps, state[i], nowMs)) {
                    target[i] = next;
                    totalBps = newTotalBps;
                    moved = true;
                } else {
                    done[i] = true;
                }
            }
        }
    }

    /** Whether a slot may have {@code layer} at a total of {@code totalBps}. */
    private static boolean allowed(int layer, int previous, long totalBps, long budgetBps, SlotState s, long nowMs) {
        if (layer <= previous) {
            return totalBps <= budgetBps;
        }
        boolean heldDown = s.lastDowngradeMs != NEVER && nowMs - s.lastDowngradeMs < s.holdDownMs;
        return !heldDown && totalBps * UPGRADE_HEADROOM <= budgetBps;
    }

    /** Remembers the decision; a downgrade for lack of bandwidth soon after an upgrade doubles the hold-down. */
    private static void record(Slot slot, SlotState s, int target, long nowMs) {
        int wanted = slot.wantsVideo() ? slot.ceiling() : -1;
        if (target > s.target) {
            s.lastUpgradeMs = nowMs;
        } else if (target < s.target && target < wanted) {
            if (s.lastUpgradeMs != NEVER && nowMs - s.lastUpgradeMs < FLAP_WINDOW_MS) {
                s.holdDownMs = Math.min(2 * s.holdDownMs, MAX_HOLD_DOWN_MS);
            }
            s.lastDowngradeMs = nowMs;
            s.lastRelaxMs = nowMs;
        }
        s.target = target;
    }

    private static void relax(SlotState s, long nowMs) {
        if (s.holdDownMs > HOLD_DOWN_MS && nowMs - s.lastRelaxMs >= RELAX_MS) {
            s.holdDownMs = Math.max(HOLD_DOWN_MS, s.holdDownMs / 2);
            s.lastRelaxMs = nowMs;
        }
    }
}
