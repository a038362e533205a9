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

    /** Audio producers of the room that are speaking, loudest first. */
    static List<Producer> ranking(Iterable<Producer> producers, ActiveSpeaker speaker) {
        List<Producer> speaking = new ArrayList<>();
        for (Producer p : producers) {
            if (!p.video && !p.paused && speaker.loudness(p.owner.id) > SPEAKING) speaking.add(p);
        }
        speaking.sort((a, b) -> Double.compare(speaker.loudness(b.owner.id), speaker.loudness(a.owner.id)));
        return speaking;
    }

    /** Fills one receiver's audio slots from the ranking. */
    static void assign(SfuPeer receiver, List<Consumer> slots, List<Producer> ranking, ActiveSpeaker speaker,
            long nowMs) {
        if (slots.isEmpty()) return;
        int wantedCount = 0;
        for (Producer p : ranking) {
            if (p.owner == receiver) continue;
            if (wantedCount++ == slots.size()) break;
            if (holds(slots, p)) continue;
            Consumer slot = slotFor(slots, ranking, speaker, nowMs);
            if (slot != null) slot.assign(p, 0, nowMs);
        }
    }

    private static boolean holds(List<Consumer> slots, Producer p) {
        for (Consumer c : slots) if (c.target == p) return true;
        return false;
    }

    /** An empty slot, else the quietest occupant that is not among the top speakers and has held long enough. */
    private static Consumer slotFor(List<Consumer> slots, List<Producer> ranking, ActiveSpeaker speaker, long nowMs) {
        Consumer best = null;
        double bestScore = Double.MAX_VALUE;
        for (Consumer c : slots) {
            if (c.target == null) return c;
            if (nowMs - c.assignedMs < MIN_HOLD_MS) continue;
            int rank = ranking.indexOf(c.target);
            if (rank >= 0 && rank < slots.size()) continue;
            double score = speaker.loudness(c.target.owner.id);
            if (score < bestScore) {
                best = c;
                bestScore = score;
            }
        }
        return best;
    }
}
