package parley.signal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import parley.room.MediaException;
import parley.room.MediaPeer;
import parley.room.MediaPlane;
import parley.room.MediaRecording;
import parley.room.MediaCaptions;
import parley.room.MediaRoom;
import parley.room.MediaRoomEvents;
import parley.room.TrackSource;

/**
 * A media plane that negotiates nothing: the answer names the offer, each send mid
 * becomes a published track "<participant>-<mid>", and the receive slots offered, the
 * latest view and paused tracks are recorded. The media plane's reports (forwarding,
 * send-layers, active speaker, failures) are the test's to make, through
 * {@link FakeRoom#events} or the helpers here. Forgets a room when it is closed (so that
 * the room can be garbage). Opening, adding peers and closing are synchronized; the rest
 * is for single-threaded tests.
 */
final class FakeMediaPlane implements MediaPlane {
    final List<FakeRoom> open = new ArrayList<>();
    int opened;
    int closed;

    @Override
    public synchronized MediaRoom openRoom(MediaRoomEvents events) {
        FakeRoom r = new FakeRoom(events);
        open.add(r);
        opened++;
        return r;
    }

    /** The only open room. */
    FakeRoom room() {
        if (open.size() != 1) throw new AssertionError(open.size() + " media rooms open (expected: 1)");
        return open.get(0);
    }

    final class FakeRoom implements MediaRoom {
        final MediaRoomEvents events;
        final Map<String, FakePeer> peers = new HashMap<>();
        boolean isClosed;

        FakeRoom(MediaRoomEvents events) {
            this.events = events;
        }

        @Override
        public MediaPeer addPeer(String participantId) {
            synchronized (FakeMediaPlane.this) {
                FakePeer p = new FakePeer(participantId);
                peers.put(participantId, p);
                return p;
            }
        }

        /** Reports what {@code participantId}'s receive slots carry, as the media plane does after an answer or a switch. */
        void forwarding(String participantId, MediaRoomEvents.ForwardedSlot... slots) {
            events.onForwarding(participantId, List.of(slots));
        }

        /** Reports that {@code participantId} should encode only {@code rids} of its track on {@code mid}. */
        void sendLayers(String participantId, String mid, String... rids) {
            events.onSendLayers(participantId, mid, List.of(rids));
        }

        /** Recordings started in this room (the last one is the current); refused while {@link #recordRefusal} is set. */
        final List<FakeRecording> recordings = new ArrayList<>();
        String recordRefusal;

        @Override
        public MediaRecording record(String roomName, MediaRecording.Events events) throws MediaException {
            if (recordRefusal != null) throw new MediaException(recordRefusal);
            FakeRecording r = new FakeRecording(roomName, events);
            recordings.add(r);
            return r;
        }

        /** Live streams started in this room (the last one is the current). */
        final List<FakeStream> streams = new ArrayList<>();

        @Override
        public parley.room.MediaStream stream(String url, String key, parley.room.MediaStream.Events events) {
            FakeStream s = new FakeStream(url, key, events);
            streams.add(s);
            return s;
        }

        /** Captions started in this room (the last one is the current); refused while {@link #captionsRefusal} is set. */
        final List<FakeCaptions> captions = new ArrayList<>();
        String captionsRefusal;

        @Override
        public MediaCaptions captions(MediaCaptions.Events events) throws MediaException {
            if (captionsRefusal != null) throw new MediaException(captionsRefusal);
            FakeCaptions c = new FakeCaptions(events);
            captions.add(c);
            return c;
        }

        @Override
        public void close() {
            synchronized (FakeMediaPlane.this) {
                if (isClosed) return;
                isClosed = true;
                open.remove(this);
                closed++;
            }
        }
    }

    /** A recording that records nothing: the test stops it and reports its outcome through {@link #events}. */
    static final class FakeRecording implements MediaRecording {
        final String roomName;
        final MediaRecording.Events events;
        boolean stopped;

        FakeRecording(String roomName, MediaRecording.Events events) {
            this.roomName = roomName;
            this.events = events;
        }

        @Override
        public void stop() {
            stopped = true;
        }
    }

    /** A live stream that sends nothing: the test reports how it goes through {@link #events}. */
    static final class FakeStream implements parley.room.MediaStream {
        final String url;
        final String key;
        final parley.room.MediaStream.Events events;
        boolean stopped;

        FakeStream(String url, String key, parley.room.MediaStream.Events events) {
            this.url = url;
            this.key = key;
            this.events = events;
        }

        @Override
        public void stop() {
            stopped = true;
        }
    }

    /** Captions that hear nothing: the test says what they recognised through {@link #events}. */
    static final class FakeCaptions implements MediaCaptions {
        final MediaCaptions.Events events;
        boolean stopped;

        FakeCaptions(MediaCaptions.Events events) {
            this.events = events;
        }

        @Override
        public void stop() {
            stopped = true;
        }
    }

    /** A participant's view as the media plane got it. */
    record View(List<MediaPeer.ViewItem> video, int speakerHeight) {}

    static final class FakePeer implements MediaPeer {
        final String participantId;
        final Set<String> paused = new HashSet<>();
        boolean closed;
        int negotiations;
        String failWith;
        boolean crash;
        /** The receive slots of the last successful negotiation. */
        List<RecvSlot> recv = List.of();
        /** The latest view (null before the first), and how many arrived. */
        View view;
        int views;

        FakePeer(String participantId) {
            this.participantId = participantId;
        }

        @Override
        public Answer negotiate(String offerSdp, List<SendTrack> send, List<RecvSlot> recv) throws MediaException {
            negotiations++;
            if (failWith != null) throw new MediaException(failWith);
            if (crash) throw new IllegalStateException("bug in the media plane");
            this.recv = List.copyOf(recv);
            List<PublishedTrack> published = new ArrayList<>();
            for (SendTrack t : send) {
                published.add(new PublishedTrack(participantId + "-" + t.mid(),
                        t.source() == TrackSource.MIC ? "audio" : "video", t.source()));
            }
            return new Answer("answer to " + offerSdp, published);
        }

        @Override
        public void view(List<ViewItem> video, int speakerHeight) {
            view = new View(List.copyOf(video), speakerHeight);
            views++;
        }

        @Override
        public void answerDelivered() {}

        @Override
        public void setPaused(String trackId, boolean pause) {
            if (pause) paused.add(trackId);
            else paused.remove(trackId);
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
