package parley.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Offers, answers, track lists and what the media plane reports, through whole sessions and the fake media plane. */
class MediaFlowTest {
    private static final String PUBLISH = "{'type':'offer','sdp':'v=0 offer','send':[{'mid':'0','source':'mic'},"
            + "{'mid':'1','source':'camera'}],'recv':[]}";
    private final Harness h = new Harness();
    private final TestClient ada = h.joined("team", "Ada");
    private final TestClient bo = h.joined("team", "Bo");

    @Test
    void everyAdmittedParticipantHasAPeer() {
        assertEquals(Set.of(ada.id, bo.id), h.media.room().peers.keySet());
    }

    @Test
    void anOfferIsAnsweredAndEveryoneElseLearnsTheTracks() {
        ada.clear();
        bo.clear();
        ada.say(PUBLISH);
        assertEquals("answer to v=0 offer", ada.take("answer").get("sdp").asText());
        JsonNode tracks = bo.take("tracks").get("tracks");
        assertEquals(2, tracks.size());
        assertEquals(ada.id + "-0", tracks.get(0).get("trackId").asText());
        assertEquals(ada.id, tracks.get(0).get("participantId").asText());
        assertEquals("audio", tracks.get(0).get("kind").asText());
        assertEquals("mic", tracks.get(0).get("source").asText());
        assertEquals("camera", tracks.get(1).get("source").asText());
        ada.assertNo("tracks"); // the publisher's own list (others' tracks) did not change
        ada.say(PUBLISH);
        ada.take("answer");
        bo.assertNo("tracks"); // same tracks: no news
        JsonNode joined = h.client().join("team", "Cy", "");
        assertEquals(2, joined.get("tracks").size(), "newcomers get the list in joined");
    }

    @Test
    void unpublishingAndLeavingUpdateTheList() {
        ada.say(PUBLISH);
        bo.clear();
        ada.say("{'type':'offer','sdp':'v=0','send':[{'mid':'0','source':'mic'}],'recv':[]}");
        assertEquals(1, bo.take("tracks").get("tracks").size());
        ada.say("{'type':'leave'}");
        bo.take("participant-left");
        assertEquals(0, bo.take("tracks").get("tracks").size());
        assertTrue(h.media.room().peers.get(ada.id).closed, "the peer is closed");
    }

    @Test
    void aMutedParticipantsNewTracksArePausedFromTheStart() {
        bo.say("{'type':'update','audioMuted':true}");
        bo.say(PUBLISH);
        assertEquals(Set.of(bo.id + "-0"), h.media.room().peers.get(bo.id).paused);
    }

    @Test
    void aRefusedOfferIsABadRequestForTheOffererOnly() {
        h.media.room().peers.get(ada.id).failWith = "no common codec (expected: Opus)";
        bo.clear();
        ada.say(PUBLISH);
        JsonNode e = ada.error("bad-request");
        assertEquals("no common codec (expected: Opus)", e.get("message").asText());
        assertEquals("offer", e.get("ref").asText());
        assertTrue(bo.inbox.isEmpty());
        h.media.room().peers.get(ada.id).failWith = null;
        ada.say(PUBLISH);
        ada.take("answer"); // the next offer works
    }

    @Test
    void aFailedPeerIsReplacedItsTracksDropAndTheClientIsTold() {
        ada.say(PUBLISH);
        FakeMediaPlane.FakePeer before = h.media.room().peers.get(ada.id);
        bo.clear();
        h.media.room().events.onPeerFailed(ada.id, "consent expired");
        assertEquals("media-failed", ada.error("media-failed").get("code").asText());
        assertTrue(before.closed);
        assertNotSame(before, h.media.room().peers.get(ada.id));
        assertEquals(0, bo.take("tracks").get("tracks").size());
        ada.say(PUBLISH);
        ada.take("answer");
        assertEquals(2, bo.take("tracks").get("tracks").size());
        h.media.room().events.onPeerFailed("pgone", "whatever"); // unknown: ignored
        assertFalse(ada.has("error"));
    }

    @Test
    void aNegotiationThatCrashesIsTreatedAsAFailedPeer() {
        FakeMediaPlane.FakePeer before = h.media.room().peers.get(ada.id);
        before.crash = true;
        ada.say(PUBLISH);
        ada.error("media-failed");
        assertTrue(before.closed);
        ada.say(PUBLISH);
        ada.take("answer"); // on the fresh peer
    }

    @Test
    void theActiveSpeakerIsBroadcastWhenItChanges() {
        h.media.room().events.onActiveSpeaker(bo.id);
        assertEquals(bo.id, ada.take("active-speaker").get("participantId").asText());
        assertEquals(bo.id, bo.take("active-speaker").get("participantId").asText());
        h.media.room().events.onActiveSpeaker(bo.id);
        ada.assertNo("active-speaker");
        h.media.room().events.onActiveSpeaker("pnobody");
        ada.assertNo("active-speaker");
    }

    @Test
    void theMediaRoomClosesWithTheRoom() {
        ada.say("{'type':'leave'}");
        bo.say("{'type':'leave'}");
        assertEquals(1, h.media.closed);
        assertTrue(h.media.open.isEmpty());
    }
}
