package parley.sfu;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides which producer each of a receiver's video slots carries, from the receiver's
 * {@link View} (what it shows, most important first, and how tall) and the room's dominant
 * speaker: last-N by what is on screen. A producer keeps its slot for as long as it stays
 * wanted, so that switching pages or speakers moves as few slots as possible.
 * Loop thread only; allocates (a few small lists) only when it runs, a few times a second.
 */
final class ViewPlanner {
    /** Tile height for the default view (before a receiver sends one): a medium grid tile. */
    static final int DEFAULT_CAMERA_HEIGHT = 360;
    static final int DEFAULT_SCREEN_HEIGHT = 1080;

    private ViewPlanner() {}

    /** The wanted producers with their heights, in priority order, at most {@code limit}. */
    static Map<Producer, Integer> wanted(SfuPeer receiver, View view, Map<String, Producer> producers,
            String speakerId, int limit) {
        Map<Producer, Integer> wanted = new LinkedHashMap<>();
        if (view != null && view.speakerHeight() > 0 && speakerId != null && !speakerId.equals(receiver.id())) {
            for (Producer p : producers.values()) {
                if (p.owner().id().equals(speakerId) && p.video() && "camera".equals(p.source()) && showable(receiver, p)) {
                    wanted.put(p, view.speakerHeight());
                }
            }
        }
        if (view == null) {
            for (Producer p : producers.values()) {
                if (p.video() && showable(receiver, p)) {
                    wanted.putIfAbsent(p, "screen".equals(p.source()) ? DEFAULT_SCREEN_HEIGHT : DEFAULT_CAMERA_HEIGHT);
                }
            }
        } else {
            for (View.Item item : view.video()) {
                Producer p = producers.get(item.trackId());
                if (p == null || !p.video() || !showable(receiver, p)) {
                    receiver.counters().viewEntriesSkipped.increment();
                    continue;
                }
                wanted.putIfAbsent(p, item.height());
            }
        }
        Map<Producer, Integer> limited = new LinkedHashMap<>();
        for (var e : wanted.entrySet()) {
            if (limited.size() == limit) break;
            limited.put(e.getKey(), e.getValue());
        }
        return limited;
    }

    private static boolean showable(SfuPeer receiver, Producer p) {
        return p.owner() != receiver && !p.paused();
    }

    /**
     * Assigns the wanted producers to slots (keeping those already there) and returns the
     * slots in priority order (the allocator's order); unassigned slots are emptied.
     */
    static List<Consumer> assign(List<Consumer> slots, Map<Producer, Integer> wanted, long nowMs) {
        Map<Producer, Consumer> placed = new IdentityHashMap<>();
        List<Consumer> free = new ArrayList<>();
        for (Consumer c : slots) {
            if (c.target() != null && wanted.containsKey(c.target()) && !placed.containsKey(c.target())) placed.put(c.target(), c);
            else free.add(c);
        }
        free.sort((a, b) -> Boolean.compare(a.target() != null, b.target() != null)); // empty slots first
        List<Consumer> order = new ArrayList<>();
        int nextFree = 0;
        for (var e : wanted.entrySet()) {
            Consumer c = placed.get(e.getKey());
            if (c == null) {
                if (nextFree == free.size()) break;
                c = free.get(nextFree++);
            }
            c.assign(e.getKey(), e.getValue(), nowMs);
            order.add(c);
        }
        for (int i = nextFree; i < free.size(); i++) free.get(i).assign(null, 0, nowMs);
        return order;
    }
}
