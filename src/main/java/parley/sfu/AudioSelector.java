package parley.sfu;

import java.util.ArrayList;
import java.util.List;

/**
 * Last-N for audio: puts the loudest speakers of the room (RFC 6464 levels, smoothed by
 * {@link ActiveSpeaker}) on each receiver's few audio slots, the receiver's own microphone
 * excluded. A speaker keeps a slot while others are quiet; a slot changes hands only when a
 * louder speaker has no slot and the occupant has held it for {@link #MIN_HOLD_MS}.
 * Loop thread only; runs a few times a second.
 */
final class AudioSelector {
    static final long MIN_HOLD_MS = 1000;
    /** Smoothed loudness (dB above silence) that counts as speaking. */
    static final double SPEAKING = 1.0;

    private AudioSelector() {}

    /** The room's unmuted microphones, loudest first (a stable order among the silent). */
    static List<Producer> ranking(Iterable<Producer> producers, ActiveSpeaker speaker) {
        List<Producer> ranked = new ArrayList<>();
        for (Producer p : producers) if (!p.video() && !p.paused()) ranked.add(p);
        ranked.sort((a, b) -> Double.compare(speaker.loudness(b.owner().id()), speaker.loudness(a.owner().id())));
        return ranked;
    }

    /**
     * Fills one receiver's audio slots from the ranking: empty slots take anyone (in a small
     * meeting everyone is heard from the first word); a speaker without a slot takes the slot of
     * the quietest occupant that is not among the top speakers and has held it long enough.
     */
    static void assign(SfuPeer receiver, List<Consumer> slots, List<Producer> ranking, ActiveSpeaker speaker,
            long nowMs) {
        if (slots.isEmpty()) return;
        int rank = 0;
        for (Producer p : ranking) {
            if (p.owner() == receiver) continue;
            boolean top = rank++ < slots.size();
            if (holds(slots, p)) continue;
            Consumer slot = emptySlot(slots);
            if (slot == null && top && speaker.loudness(p.owner().id()) > SPEAKING) {
                slot = evictable(slots, ranking, receiver, speaker, nowMs);
            }
            if (slot != null) slot.assign(p, 0, nowMs);
        }
    }

    private static boolean holds(List<Consumer> slots, Producer p) {
        for (Consumer c : slots) if (c.target() == p) return true;
        return false;
    }

    private static Consumer emptySlot(List<Consumer> slots) {
        for (Consumer c : slots) if (c.target() == null) return c;
        return null;
    }

    /** The quietest occupant that is not among the receiver's top speakers and has held its slot long enough. */
    private static Consumer evictable(List<Consumer> slots, List<Producer> ranking, SfuPeer receiver,
            ActiveSpeaker speaker, long nowMs) {
        Consumer best = null;
        double bestScore = Double.MAX_VALUE;
        for (Consumer c : slots) {
            if (nowMs - c.assignedMs() < MIN_HOLD_MS || topFor(receiver, ranking, c.target(), slots.size())) continue;
            double score = speaker.loudness(c.target().owner().id());
            if (score < bestScore) {
                best = c;
                bestScore = score;
            }
        }
        return best;
    }

    private static boolean topFor(SfuPeer receiver, List<Producer> ranking, Producer p, int n) {
        int rank = 0;
        for (Producer r : ranking) {
            if (r.owner() == receiver) continue;
            if (rank++ == n) return false;
            if (r == p) return true;
        }
        return false;
    }
}
