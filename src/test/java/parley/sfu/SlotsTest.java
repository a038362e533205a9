package parley.sfu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import parley.media.rtp.RtpPacket;

/**
 * Receive slots without sockets: the planner fills a receiver's video slots from its view,
 * a slot switches producers only at a keyframe with continuous sequence numbers, layers follow
 * tile heights, audio slots follow the loudest speakers, and unwanted layers are paused at senders.
 */
class SlotsTest {
    private final SlotRoom room = new SlotRoom();
    private final SfuPeer ada = room.peer("ada");
    private final SfuPeer bob = room.peer("bob");
    private final SfuPeer cy = room.peer("cy");
    private final Producer adaCam = room.camera(ada);
    private final Producer bobCam = room.camera(bob);
    private final Consumer cyVideo = room.slot(cy, "5", true);

    /** Keeps every layer of both cameras active (one delta packet each). */
    private int seq = 100;

    private void activeLayers() {
        for (int layer = 0; layer < 3; layer++) {
            room.video(adaCam, layer, seq, false);
            room.video(bobCam, layer, seq, false);
        }
        seq++;
    }

    @Test
    void aSlotCarriesTheViewedCameraAtTheLayerItsTileCallsFor() {
        activeLayers();
        room.router.setView("cy", new View(List.of(new View.Item(bobCam.id(), 180)), 0));
        room.advance(20);
        assertEquals(bobCam, cyVideo.target());
        assertEquals(0, cyVideo.targetLayer(), "a 180-pixel tile takes the 180p layer");
        assertNull(cyVideo.current(), "nothing is forwarded before a keyframe");

        room.video(bobCam, 1, seq, true);                           // a keyframe of another layer: not it
        room.video(bobCam, 0, seq, true);
        room.advance(10);
        assertEquals(bobCam, cyVideo.current());
        assertEquals(1, SlotRoom.link(cy).on(cyVideo.ssrc()).size());
        assertTrue(room.events.events.stream().anyMatch(e -> e.equals("forwarding cy [5=" + bobCam.id() + "]")),
                room.events.events.toString());
    }

    @Test
    void pinningTheSamePersonLargeMovesTheSlotToTheTopLayer() {
        activeLayers();
        room.router.setView("cy", new View(List.of(new View.Item(bobCam.id(), 720)), 0));
        room.advance(20);
        assertEquals(2, cyVideo.targetLayer());
    }

    @Test
    void aSwitchWaitsForTheNewProducersKeyframeAndKeepsSequenceNumbersContinuous() {
        activeLayers();
        room.router.setView("cy", new View(List.of(new View.Item(bobCam.id(), 180)), 0));
        room.advance(20);
        room.video(bobCam, 0, seq++, true);
        room.video(bobCam, 0, seq++, false);
        room.router.setView("cy", new View(List.of(new View.Item(adaCam.id(), 180)), 0));
        room.advance(20);
        assertEquals(adaCam, cyVideo.target());
        room.video(bobCam, 0, seq++, false);                        // still Bob until Ada's keyframe
        room.video(adaCam, 0, seq++, false);                        // not a keyframe: dropped
        room.video(adaCam, 0, seq++, true);
        assertEquals(adaCam, cyVideo.current());
        List<byte[]> sent = SlotRoom.link(cy).on(cyVideo.ssrc());
        assertEquals(4, sent.size());
        for (int i = 1; i < sent.size(); i++) {
            assertEquals((RtpPacket.sequenceNumber(sent.get(i - 1), 0) + 1) & 0xffff, RtpPacket.sequenceNumber(sent.get(i), 0));
        }
        assertEquals(0, bobCam.consumers().length, "the slot left Bob's camera");
    }

    @Test
    void withoutAViewEveryCameraFillsASlotAndAMutedCameraLeavesIt() {
        Consumer second = room.slot(cy, "6", true);
        activeLayers();
        room.advance(20);
        assertEquals(java.util.Set.of(adaCam, bobCam), java.util.Set.of(cyVideo.target(), second.target()));
        room.router.setPaused(adaCam.id(), true);
        room.advance(20);
        assertTrue(cyVideo.target() != adaCam && second.target() != adaCam, "a muted camera takes no slot");
    }

    @Test
    void tracksPastTheSlotCountAreNotForwarded() {
        activeLayers();
        room.router.setView("cy", new View(List.of(new View.Item(adaCam.id(), 180), new View.Item(bobCam.id(), 180)), 0));
        room.advance(20);
        assertEquals(adaCam, cyVideo.target());
        assertEquals(0, bobCam.consumers().length);
    }

    @Test
    void unknownAndOwnTracksInAViewAreSkippedAndCounted() {
        Producer cyCam = room.camera(cy);
        activeLayers();
        room.router.setView("cy", new View(List.of(new View.Item("t-nobody", 180), new View.Item(cyCam.id(), 180),
                new View.Item(bobCam.id(), 180)), 0));
        room.advance(20);
        assertEquals(bobCam, cyVideo.target());
        assertEquals(2, room.counters.viewEntriesSkipped.sum());
    }

    @Test
    void aSpeakerViewFollowsTheDominantSpeaker() {
        Producer adaMic = room.mic(ada);
        Producer bobMic = room.mic(bob);
        activeLayers();
        room.router.setView("cy", new View(List.of(), 720));
        for (int i = 0; i < 150; i++) {                             // 3 s: Ada talks, Bob is silent
            room.audio(adaMic, 1000 + i, 20);
            room.audio(bobMic, 2000 + i, 127);
            if (i % 10 == 0) activeLayers();
            room.advance(20);
        }
        assertEquals("ada", room.router.speaker().current());
        assertEquals(adaCam, cyVideo.target());
        assertEquals(2, cyVideo.targetLayer());
    }

    @Test
    void audioSlotsTakeTheLoudestSpeakersAndNeverTheReceiversOwnMic() {
        Producer adaMic = room.mic(ada);
        Producer bobMic = room.mic(bob);
        Producer cyMic = room.mic(cy);
        Consumer cyAudio = room.slot(cy, "2", false);
        room.advance(300);
        Producer first = cyAudio.target();
        assertTrue(first == adaMic || first == bobMic, "an empty slot takes anyone but cy: " + first);
        Producer quiet = first == adaMic ? adaMic : bobMic;
        Producer loud = first == adaMic ? bobMic : adaMic;
        for (int i = 0; i < 100; i++) {                             // 2 s: the other one talks
            room.audio(loud, 3000 + i, 15);
            room.audio(quiet, 4000 + i, 127);
            room.audio(cyMic, 5000 + i, 5);                         // cy is loudest, but it is cy's own
            room.advance(20);
        }
        assertEquals(loud, cyAudio.target());
        assertTrue(!SlotRoom.link(cy).on(cyAudio.ssrc()).isEmpty());
    }

    @Test
    void layersNobodyWantsArePausedAtTheSender() {
        activeLayers();
        room.router.setView("cy", new View(List.of(new View.Item(bobCam.id(), 180)), 0));
        for (int i = 0; i < 15; i++) {                              // 3 s
            activeLayers();
            room.advance(200);
        }
        assertTrue(room.events.events.contains("send-layers bob 1 [q]"), room.events.events.toString());
        assertTrue(room.events.events.contains("send-layers ada 1 []"), room.events.events.toString());
    }
}
