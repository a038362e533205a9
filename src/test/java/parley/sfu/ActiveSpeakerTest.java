package parley.sfu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class ActiveSpeakerTest {
    private final ActiveSpeaker speaker = new ActiveSpeaker();

    /** Feeds 50 packets per second (20 ms audio) for {@code ms}, then lets the detector decide. */
    private String talk(long fromMs, long ms, String who, int level, String quiet) {
        String changed = null;
        for (long t = fromMs; t < fromMs + ms; t += 20) {
            speaker.onLevel(who, level, t);
            if (quiet != null) speaker.onLevel(quiet, 127, t);
            String c = speaker.decide(t);
            if (c != null) changed = c;
        }
        return changed;
    }

    @Test
    void loudestParticipantBecomesTheSpeaker() {
        assertEquals("ada", talk(0, 1000, "ada", 20, "bob"));
        assertEquals("ada", speaker.current());
    }

    @Test
    void silenceNeverElectsAnyone() {
        assertNull(talk(0, 2000, "ada", 127, "bob"));
    }

    @Test
    void aBriefInterruptionDoesNotStealTheHighlight() {
        talk(0, 2000, "ada", 20, null);
        speaker.onLevel("bob", 10, 2000);
        assertNull(speaker.decide(2300));
        assertEquals("ada", speaker.current());
    }

    @Test
    void aSustainedNewSpeakerTakesOver() {
        talk(0, 2000, "ada", 20, null);
        assertEquals("bob", talk(2000, 3000, "bob", 15, "ada"));
    }
}
