package parley.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import parley.room.MediaKind;
import parley.room.MediaPeer;
import parley.room.MediaRoomEvents.ForwardedSlot;

/**
 * Offers, answers, receive slots, views, per-participant track lists and what the media plane
 * reports (forwarding, send-layers, active speaker, failures), through whole sessions and the
 * fake media plane.
 */
class MediaFlowTest {
    private static final String PUBLISH = "{'type':'offer','sdp':'v=0 offer','send':[{'mid':'0','source':'mic'},"
            + "{'mid':'1','source':'camera'}],'recv':[]}";
    /** Mic and camera, and the web client's kind of slots (fewer of them): 3 audio, 2 video. */
    private static final String PUBLISH_AND_RECEIVE = "{'type':'offer','sdp':'v=0 offer','send':[{'mid':'0','source':'mic'},"
            + "{'mid':'1','source':'camera'}],'recv':[{'mid':'2','kind':'audio'},{'mid':'3','kind':'audio'},"
            + "{'mid':'4','kind':'audio'},{'mid':'5','kind':'video'},{'mid':'6','kind':'video'}]}";
    private static final String SHARE = "{'type':'offer','sdp':'v=0 offer','send':[{'mid':'0','source':'mic'},"
            + "{'mid':'1','source':'camera'},{'mid':'2','source':'screen'}],'recv':[]}";
    private final Harness h = new Harness();
    private final TestClient ada = h.joined("team", "Ada");
    private final TestClient bo = h.joined("team", "Bo");

    @Test
    void everyAdmittedParticipantHasAPeer() {
        assertEquals(Set.of(ada.id, bo.id), h.media.room().peers.keySet());
    }

    @Test
    void joinedSaysHowManySlotsAnOfferMayHave() {
        JsonNode slots = h.client().join("team", "Cy", "").get("slots");
        assertEquals(3, slots.get("audio").asInt());
        assertEquals(32, slots.get("video").asInt());
        assertEquals(2, slots.size(), slots.toString());
    }

    @Test
    void anOfferIsAnsweredAndEveryoneElseLearnsTheOwnersTracks() {
        ada.clear();
        bo.clear();
        ada.say(PUBLISH);
        assertEquals("answer to v=0 offer", ada.take("answer").get("sdp").asText());
        JsonNode news = bo.take("tracks");
        assertEquals(ada.id, news.get("participantId").asText());
        JsonNode tracks = news.get("tracks");
        assertEquals(2, tracks.size());
        assertEquals(ada.id + "-0", tracks.get(0).get("trackId").asText());
        assertEquals("audio", tracks.get(0).get("kind").asText());
        assertEquals("mic", tracks.get(0).get("source").asText());
        assertEquals("camera", tracks.get(1).get("source").asText());
        assertEquals(Set.of("trackId", "kind", "source"), fieldNames(tracks.get(0)), "the owner is said once, outside");
        ada.assertNo("tracks"); // nobody is told of their own tracks
        ada.say(PUBLISH);
        ada.take("answer");
        bo.assertNo("tracks"); // same tracks: no news
        JsonNode joined = h.client().join("team", "Cy", "");
        assertEquals(2, joined.get("tracks").size(), "newcomers get the list in joined");
        assertEquals(ada.id, joined.get("tracks").get(0).get("participantId").asText(), "there with the owner's id");
    }

    @Test
    void aTracksMessageNamesOnlyItsOwnerWhateverTheRoomPublished() {
        bo.say(PUBLISH);
        TestClient cy = h.joined("team", "Cy");
        cy.say(PUBLISH);
        ada.clear();
        bo.clear();
        cy.clear();
        ada.say(SHARE);
        for (TestClient other : List.of(bo, cy)) {
            JsonNode news = other.take("tracks");
            assertEquals(ada.id, news.get("participantId").asText());
            assertEquals(List.of(ada.id + "-0", ada.id + "-1", ada.id + "-2"), trackIds(news.get("tracks")),
                    "Ada's list alone, not Bo's or Cy's: " + news);
            other.assertNo("tracks");
        }
        ada.assertNo("tracks");
    }

    @Test
    void unpublishingSendsTheShorterListAndLeavingSendsNone() {
        ada.say(SHARE);
        bo.clear();
        ada.say(PUBLISH); // the screen share ends
        JsonNode news = bo.take("tracks");
        assertEquals(ada.id, news.get("participantId").asText());
        assertEquals(List.of(ada.id + "-0", ada.id + "-1"), trackIds(news.get("tracks")));
        ada.say("{'type':'offer','sdp':'v=0','send':[],'recv':[]}");
        assertEquals(0, bo.take("tracks").get("tracks").size(), "everything unpublished: an empty list");
        ada.say(PUBLISH);
        bo.clear();
        ada.say("{'type':'leave'}");
        assertEquals(ada.id, bo.take("participant-left").get("participantId").asText());
        bo.assertNo("tracks"); // participant-left takes their tracks with them
        assertTrue(h.media.room().peers.get(ada.id).closed, "the peer is closed");
        assertEquals(0, h.client().join("team", "Cy", "").get("tracks").size(), "nor are they in a newcomer's list");
    }

    @Test
    void aDisconnectOrAReplacementSendsNoTracksEither() {
        ada.say(PUBLISH);
        bo.say(PUBLISH);
        ada.clear();
        bo.clear();
        JsonNode joined = h.client().join("team", "Ada", "'resume':'" + ada.resume + "'");
        assertEquals("replaced", bo.take("participant-left").get("reason").asText());
        assertEquals(ada.id, bo.take("participant-joined").get("replaces").asText());
        bo.assertNo("tracks");
        assertEquals(List.of(bo.id + "-0", bo.id + "-1"), trackIds(joined.get("tracks")),
                "the returning Ada sees Bo's tracks; her old ones are gone");
        ada.assertClosed(1000, "replaced");
    }

    @Test
    void theReceiveSlotsOfTheOfferReachTheMediaPlane() {
        ada.say(PUBLISH_AND_RECEIVE);
        ada.take("answer");
        assertEquals(List.of(new MediaPeer.RecvSlot("2", MediaKind.AUDIO), new MediaPeer.RecvSlot("3", MediaKind.AUDIO),
                new MediaPeer.RecvSlot("4", MediaKind.AUDIO), new MediaPeer.RecvSlot("5", MediaKind.VIDEO),
                new MediaPeer.RecvSlot("6", MediaKind.VIDEO)), h.media.room().peers.get(ada.id).recv);
        assertEquals(List.of(ada.id + "-0", ada.id + "-1"), trackIds(bo.take("tracks").get("tracks")),
                "slots publish nothing: Ada's mic and camera are the only news");
    }

    @Test
    void anOfferWithTooManySlotsIsRefusedAndNegotiatesNothing() {
        StringBuilder recv = new StringBuilder();
        for (int i = 0; i < 4; i++) recv.append(i > 0 ? "," : "").append("{'mid':'").append(i + 2).append("','kind':'audio'}");
        ada.say("{'type':'offer','sdp':'v=0','send':[],'recv':[" + recv + "]}");
        assertEquals("offer", ada.error("bad-request").get("ref").asText());
        assertEquals(0, h.media.room().peers.get(ada.id).negotiations);
        ada.say(PUBLISH_AND_RECEIVE);
        ada.take("answer"); // the connection is fine
    }

    @Test
    void aViewReachesTheMediaPlaneClampedAndOnlyItsOwnersPeer() {
        FakeMediaPlane.FakePeer adaPeer = h.media.room().peers.get(ada.id);
        assertEquals(null, adaPeer.view, "no view before the first: the media plane's default");
        ada.clear();
        bo.clear();
        ada.say("{'type':'view','video':[{'trackId':'" + bo.id + "-1','height':720},{'trackId':'tgone','height':3000}],"
                + "'speakerHeight':180}");
        assertEquals(new FakeMediaPlane.View(List.of(new MediaPeer.ViewItem(bo.id + "-1", 720),
                new MediaPeer.ViewItem("tgone", 2160)), 180), adaPeer.view);
        ada.say("{'type':'view','video':[]}");
        assertEquals(new FakeMediaPlane.View(List.of(), 0), adaPeer.view, "the newest view replaces the last");
        assertEquals(2, adaPeer.views);
        assertEquals(0, h.media.room().peers.get(bo.id).views);
        assertTrue(ada.inbox.isEmpty() && bo.inbox.isEmpty(), "a view is answered by forwarding, from the media plane, not here");
    }

    @Test
    void aBadViewIsRefusedAndTheLastViewStays() {
        FakeMediaPlane.FakePeer adaPeer = h.media.room().peers.get(ada.id);
        ada.say("{'type':'view','video':[{'trackId':'t1','height':360}]}");
        FakeMediaPlane.View good = adaPeer.view;
        for (String bad : List.of("{'type':'view','video':[{'trackId':'t1','height':-1}]}",
                "{'type':'view','video':[{'trackId':'t1','height':4321}]}",
                "{'type':'view','video':[{'trackId':'t1','height':1.5}]}",
                "{'type':'view','video':[{'trackId':'t1','height':'5'}]}",
                "{'type':'view','video':[{'trackId':'t1','height':1},{'trackId':'t1','height':2}]}",
                "{'type':'view','video':[],'speakerHeight':-1}")) {
            ada.say(bad);
            assertEquals("view", ada.error("bad-request").get("ref").asText(), bad);
        }
        assertEquals(good, adaPeer.view);
        assertEquals(1, adaPeer.views);
        assertTrue(bo.inbox.isEmpty());
    }

    @Test
    void aViewBeforeJoiningIsNotJoined() {
        TestClient stranger = h.client();
        stranger.say("{'type':'view','video':[]}");
        assertEquals("view", stranger.error("not-joined").get("ref").asText());
    }

    @Test
    void forwardingGoesToTheReceiverAloneWithEverySlotAndNullsForEmptyOnes() {
        ada.say(PUBLISH_AND_RECEIVE);
        bo.say(PUBLISH);
        ada.clear();
        bo.clear();
        h.media.room().forwarding(ada.id,
                new ForwardedSlot("2", "audio", bo.id, bo.id + "-0", "mic"),
                new ForwardedSlot("3", "audio", null, null, null),
                new ForwardedSlot("4", "audio", null, null, null),
                new ForwardedSlot("5", "video", bo.id, bo.id + "-1", "camera"),
                new ForwardedSlot("6", "video", null, null, null));
        JsonNode slots = ada.take("forwarding").get("slots");
        assertEquals(List.of("2", "3", "4", "5", "6"), slots.findValuesAsText("mid"));
        assertEquals(bo.id, slots.get(0).get("participantId").asText());
        assertEquals(bo.id + "-1", slots.get(3).get("trackId").asText());
        assertEquals("camera", slots.get(3).get("source").asText());
        assertEquals("video", slots.get(3).get("kind").asText());
        JsonNode empty = slots.get(4);
        assertTrue(empty.get("participantId").isNull() && empty.get("trackId").isNull() && empty.get("source").isNull(),
                "an empty slot has its fields, null: " + empty);
        assertTrue(bo.inbox.isEmpty(), "nobody else hears of Ada's slots");
        h.media.room().forwarding("pgone"); // someone who left meanwhile: dropped
        assertTrue(ada.inbox.isEmpty() && bo.inbox.isEmpty());
    }

    @Test
    void sendLayersGoToTheSenderAlone() {
        ada.say("{'type':'offer','sdp':'v=0','send':[{'mid':'1','source':'camera'}],'recv':[]}");
        ada.clear();
        bo.clear();
        h.media.room().sendLayers(ada.id, "1", "q", "h");
        JsonNode layers = ada.take("send-layers");
        assertEquals("1", layers.get("mid").asText());
        assertEquals(List.of("q", "h"), List.of(layers.get("active").get(0).asText(), layers.get("active").get(1).asText()));
        h.media.room().sendLayers(ada.id, "1");
        assertEquals(0, ada.take("send-layers").get("active").size(), "nobody receives any layer: an empty list");
        assertTrue(bo.inbox.isEmpty());
        h.media.room().sendLayers("pgone", "1", "q");
        assertTrue(ada.inbox.isEmpty() && bo.inbox.isEmpty());
    }

    @Test
    void aMutedParticipantsNewTracksArePausedFromTheStart() {
        bo.say("{'type':'update','audioMuted':true}");
        bo.say(PUBLISH);
        assertEquals(Set.of(bo.id + "-0"), h.media.room().peers.get(bo.id).paused);
    }

    @Test
    void ownVideoMuteHoldsBackTheCameraButNotTheScreen() {
        ada.say(SHARE);
        FakeMediaPlane.FakePeer adaPeer = h.media.room().peers.get(ada.id);
        ada.say("{'type':'update','videoMuted':true}");
        assertEquals(Set.of(ada.id + "-1"), adaPeer.paused, "the camera is off; the screen is still shared");
        ada.say(SHARE); // a renegotiation keeps it so
        assertEquals(Set.of(ada.id + "-1"), adaPeer.paused);
        ada.say("{'type':'update','videoMuted':false}");
        assertEquals(Set.of(), adaPeer.paused);
    }

    @Test
    void aScreenSharedWithTheCameraAlreadyOffIsForwarded() {
        ada.say("{'type':'update','videoMuted':true}");
        ada.say(SHARE);
        assertEquals(Set.of(ada.id + "-1"), h.media.room().peers.get(ada.id).paused);
    }

    @Test
    void aModeratorsVideoMuteHoldsBackCameraAndScreenUntilTheOwnerTurnsVideoOn() {
        bo.say(SHARE); // Ada is the host, Bo a participant
        FakeMediaPlane.FakePeer boPeer = h.media.room().peers.get(bo.id);
        ada.say("{'type':'mute','participantId':'" + bo.id + "','kind':'video'}");
        bo.take("muted");
        assertEquals(Set.of(bo.id + "-1", bo.id + "-2"), boPeer.paused);
        bo.say(SHARE); // still held after a renegotiation
        assertEquals(Set.of(bo.id + "-1", bo.id + "-2"), boPeer.paused);
        bo.say("{'type':'update','audioMuted':true}"); // another kind changes nothing for video
        assertEquals(Set.of(bo.id + "-0", bo.id + "-1", bo.id + "-2"), boPeer.paused);
        bo.say("{'type':'update','audioMuted':false,'videoMuted':false}");
        assertEquals(Set.of(), boPeer.paused);
        bo.say("{'type':'update','videoMuted':true}"); // the owner's own mute, later: the screen stays
        assertEquals(Set.of(bo.id + "-1"), boPeer.paused);
    }

    @Test
    void aScreenPublishedAfterAModeratorsVideoMuteIsHeldBackFromTheStart() {
        bo.say(PUBLISH);
        ada.say("{'type':'mute','participantId':'" + bo.id + "','kind':'video'}");
        bo.say(SHARE);
        assertEquals(Set.of(bo.id + "-1", bo.id + "-2"), h.media.room().peers.get(bo.id).paused);
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
        JsonNode gone = bo.take("tracks");
        assertEquals(ada.id, gone.get("participantId").asText());
        assertEquals(0, gone.get("tracks").size());
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

    private static List<String> trackIds(JsonNode tracks) {
        return tracks.findValuesAsText("trackId");
    }

    private static Set<String> fieldNames(JsonNode o) {
        Set<String> names = new java.util.HashSet<>();
        o.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
