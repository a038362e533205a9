package parley.sfu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A {@link MediaTap} (a recording) on a router driven by hand: it gets a sink per producer, now
 * and later; video comes from the highest layer up to 720 lines, from its keyframe on, asked for
 * with a PLI, with continuous sequence numbers; a muted track is held back; removing the tap or
 * closing the router ends it.
 */
class TapTest {
    private final SlotRoom room = new SlotRoom();
    private final SfuPeer ada = room.peer("ada");
    private final Producer adaCam = room.camera(ada);
    private final Producer adaMic = room.mic(ada);

    /** What the tap got: "track seq" per packet, and the tracks it was offered. */
    private final List<String> got = new ArrayList<>();
    private final List<MediaTap.TappedTrack> opened = new ArrayList<>();
    private boolean closed;
    private final MediaTap tap = new MediaTap() {
        @Override
        public TrackSink open(TappedTrack track) {
            opened.add(track);
            return (buf, off, len, seq, ts, nowMs) -> got.add(track.kind() + " " + seq);
        }

        @Override
        public void onRouterClosed() {
            closed = true;
        }
    };

    private void allLayers(int seq, boolean keyframe) {
        for (int layer = 0; layer < 3; layer++) room.video(adaCam, layer, seq, keyframe);
    }

    @Test
    void theTapTakesTheTopLayerFromItsKeyframeWithContinuousSequenceNumbers() {
        allLayers(1, false);
        long plisBefore = room.counters.keyframeRequestsRelayed.sum();
        room.router.addTap(tap);
        assertEquals(List.of("video", "audio"), opened.stream().map(MediaTap.TappedTrack::kind).toList());
        assertEquals(adaCam.id(), opened.get(0).trackId());
        room.advance(Router.DECIDE_INTERVAL_MS);
        assertTrue(room.counters.keyframeRequestsRelayed.sum() > plisBefore, "a keyframe is asked for at the start");

        allLayers(2, false);                 // no keyframe yet: nothing
        room.video(adaCam, 1, 3, true);      // a keyframe of a lower layer: not it
        room.video(adaCam, 2, 3, true);
        room.video(adaCam, 2, 4, false);
        room.video(adaCam, 0, 5, false);
        room.audio(adaMic, 40, 30);
        room.audio(adaMic, 41, 30);

        assertEquals(4, got.size(), got.toString());
        assertEquals("video", got.get(0).split(" ")[0]);
        int first = Integer.parseInt(got.get(0).split(" ")[1]);
        assertEquals("video " + ((first + 1) & 0xffff), got.get(1));
        assertEquals(List.of("audio", "audio"), got.subList(2, 4).stream().map(s -> s.split(" ")[0]).toList());
    }

    @Test
    void aMutedTrackIsHeldBackAndALaterOneIsTapped() {
        room.router.addTap(tap);
        room.router.setPaused(adaMic.id(), true);
        room.audio(adaMic, 1, 30);
        assertEquals(List.of(), got);

        SfuPeer bob = room.peer("bob");
        Producer bobMic = room.mic(bob);
        assertEquals(bobMic.id(), opened.get(opened.size() - 1).trackId());
        room.audio(bobMic, 1, 30);
        assertEquals(List.of("audio 1"), got);
    }

    @Test
    void removingTheTapOrClosingTheRouterEndsIt() {
        room.router.addTap(tap);
        room.router.removeTap(tap);
        room.audio(adaMic, 1, 30);
        assertEquals(List.of(), got);
        assertEquals(0, adaMic.taps().length);

        room.router.addTap(tap);
        room.router.close();
        assertTrue(closed);
    }
}
