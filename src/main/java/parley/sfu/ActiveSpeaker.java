package parley.sfu;

import java.util.HashMap;
import java.util.Map;

/**
 * Picks the dominant speaker of a room from RFC 6464 audio levels (0 = loudest,
 * 127 = silence, in -dBov). Each participant's loudness is smoothed; the speaker changes
 * only when another is clearly louder for a while, so the highlight does not flicker.
 * Not thread-safe (loop thread only). No clock inside: callers pass {@code nowMs}.
 */
public final class ActiveSpeaker {
    /** Levels quieter than this (-dBov) count as silence. */
    static final int SILENCE_DBOV = 70;
    static final long DECIDE_INTERVAL_MS = 300;
    static final long MIN_HOLD_MS = 1000;
    /** How much louder (in smoothed dB above silence) a challenger must be. */
    static final double MARGIN_DB = 3.0;

    private final Map<String, double[]> loudness = new HashMap<>();
    private String current;
    private long currentSinceMs;
    private long nextDecisionMs;

    /** Records one packet's audio level for a participant. */
    public void onLevel(String participantId, int levelDbov, long nowMs) {
        double[] l = loudness.get(participantId);
        if (l == null) loudness.put(participantId, l = new double[1]);
        double above = Math.max(0, SILENCE_DBOV - Math.min(127, Math.max(0, levelDbov)));
        l[0] = l[0] * 0.9 + above * 0.1;
    }

    /** The smoothed loudness of a participant in dB above silence (0 = silent or unknown). */
    double loudness(String participantId) {
        double[] l = loudness.get(participantId);
        return l == null ? 0 : l[0];
    }

    public void remove(String participantId) {
        loudness.remove(participantId);
        if (participantId.equals(current)) current = null;
    }

    /** Returns the new dominant speaker when it changed at this decision point, else null. */
    public String decide(long nowMs) {
        if (nowMs < nextDecisionMs) return null;
        nextDecisionMs = nowMs + DECIDE_INTERVAL_MS;
        String best = null;
        double bestScore = 1.0;
        for (var e : loudness.entrySet()) {
            double s = e.getValue()[0];
            e.getValue()[0] = s * 0.8; // decay, so a silent participant fades out
            if (s > bestScore) {
                best = e.getKey();
                bestScore = s;
            }
        }
        if (best == null || best.equals(current)) return null;
        double currentScore = current == null || !loudness.containsKey(current) ? 0 : loudness.get(current)[0] / 0.8;
        if (current != null && (nowMs - currentSinceMs < MIN_HOLD_MS || bestScore < currentScore + MARGIN_DB)) return null;
        current = best;
        currentSinceMs = nowMs;
        return best;
    }

    public String current() {
        return current;
    }
}
