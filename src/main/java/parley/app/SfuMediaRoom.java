package parley.app;

import java.util.function.Consumer;
import java.io.IOException;
import parley.media.transport.MediaLoop;
import parley.captions.Captioner;
import parley.captions.Recognizer;
import parley.record.Recorder;
import parley.record.Recording;
import parley.record.RecordingListener;
import parley.room.MediaCaptions;
import parley.room.MediaException;
import parley.room.MediaRecording;
import parley.room.MediaPeer;
import parley.room.MediaRoom;
import parley.room.MediaStream;
import parley.record.LiveStream;
import parley.record.LiveStreamListener;
import parley.record.Streamer;
import parley.sfu.Negotiation;
import parley.sfu.Router;
import parley.sfu.ServerIdentity;
import parley.sfu.SfuPeer;

/** One room's media: adapts a {@link Router} (loop-thread only) to the thread-safe {@link MediaRoom}. */
final class SfuMediaRoom implements MediaRoom {
    private final MediaLoop loop;
    private final Router router;
    private final ServerIdentity identity;
    /** Seeds each peer's SSRC generator; SSRCs need to be distinct, not secret. */
    private final java.util.SplittableRandom seeds = new java.util.SplittableRandom();
    /** Called once the room closes (the plane forgets its router). */
    private final Consumer<Router> onClose;
    /** The server's recorder, or null when it does not record. */
    private final Recorder recorder;

    /** The server's speech recognisers (--captions-model), or null without captions. */
    private final Recognizer.Factory recognizers;

    /** The server's live streaming, or null when it does not stream. */
    private final Streamer streamer;

    SfuMediaRoom(MediaLoop loop, Router router, ServerIdentity identity, Consumer<Router> onClose, Recorder recorder,
                 Recognizer.Factory recognizers, Streamer streamer) {
        this.streamer = streamer;
        this.recognizers = recognizers;
        this.loop = loop;
        this.router = router;
        this.identity = identity;
        this.onClose = onClose;
        this.recorder = recorder;
    }

    Router router() {
        return router;
    }

    @Override
    public MediaPeer addPeer(String participantId) {
        try {
            SfuPeer peer = loop.call(() -> router.addPeer(participantId));
            return new SfuMediaPeer(loop, router, peer, new Negotiation(peer, loop, identity, seeds.nextLong()));
        } catch (Exception e) {
            throw new IllegalStateException("media peer not created: " + e.getMessage(), e);
        }
    }

    @Override
    public MediaRecording record(String roomName, MediaRecording.Events events) throws MediaException {
        if (recorder == null) return MediaRoom.super.record(roomName, events);
        Recording r;
        try {
            r = recorder.start(roomName, new RecordingListener() {
                @Override
                public void onSaved(String fileName, boolean uploaded) {
                    events.onSaved(fileName, uploaded);
                }

                @Override
                public void onFailed(String message) {
                    events.onFailed(message);
                }
            });
        } catch (IOException e) {
            throw new MediaException("the recording could not start: the server cannot write to its recordings folder");
        }
        try {
            loop.call(() -> {
                router.addTap(r);
                return null;
            });
        } catch (Exception e) {
            r.stop();
            throw new MediaException("the recording could not start: the meeting's media has ended");
        }
        return () -> {
            try {
                loop.call(() -> {
                    router.removeTap(r); // no packet reaches the recording after this
                    return null;
                });
            } catch (Exception e) {
                // the router closed meanwhile: it told the recording itself
            }
            r.stop();
        };
    }

    @Override
    public MediaStream stream(String url, String key, MediaStream.Events events) throws MediaException {
        if (streamer == null) return MediaRoom.super.stream(url, key, events);
        LiveStream s;
        try {
            s = streamer.start(url, key, new LiveStreamListener() {
                @Override
                public void onState(LiveStream.State state) {
                    events.onState(state.name().toLowerCase(java.util.Locale.ROOT));
                }

                @Override
                public void onFailed(String message) {
                    events.onFailed(message);
                }
            });
        } catch (IllegalArgumentException e) {
            throw new MediaException(e.getMessage());
        }
        if (!onLoop(() -> router.addTap(s))) {
            s.stop();
            throw new MediaException("the live stream could not start: the meeting's media has ended");
        }
        return () -> {
            onLoop(() -> router.removeTap(s)); // false: the router closed meanwhile and told the stream itself
            s.stop();
        };
    }

    /** Runs {@code action} on the media loop and waits for it; false when the loop refused (closed). */
    private boolean onLoop(Runnable action) {
        try {
            loop.call(() -> {
                action.run();
                return null;
            });
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public MediaCaptions captions(MediaCaptions.Events events) throws MediaException {
        if (recognizers == null) return MediaRoom.super.captions(events);
        Captioner c = new Captioner(recognizers, events::onCaption).start();
        try {
            loop.call(() -> {
                router.addTap(c);
                return null;
            });
        } catch (Exception e) {
            c.close();
            throw new MediaException("captions could not start: the meeting's media has ended");
        }
        return () -> {
            try {
                loop.call(() -> {
                    router.removeTap(c);
                    return null;
                });
            } catch (Exception e) {
                // the router closed meanwhile: it told the captioner itself
            }
            c.close();
        };
    }

    @Override
    public AutoCloseable hearAudio(AudioSink sink) throws MediaException {
        parley.sfu.MediaTap tap = new parley.sfu.MediaTap() {
            @Override
            public parley.sfu.TrackSink open(TappedTrack track) {
                if (track.video()) return null;
                return (buf, off, len, seq, ts, nowMs) -> sink.onAudio(track.participantId(), track.trackId(), buf, off, len, ts);
            }

            @Override
            public void onRouterClosed() {
                // the room's media ended: the listener is told by the room (its participant leaves)
            }
        };
        try {
            loop.call(() -> {
                router.addTap(tap);
                return null;
            });
        } catch (Exception e) {
            throw new MediaException("the meeting's media has ended");
        }
        return () -> {
            try {
                loop.call(() -> {
                    router.removeTap(tap);
                    return null;
                });
            } catch (Exception e) {
                // the router closed meanwhile
            }
        };
    }

    @Override
    public void close() {
        onClose.accept(router);
        loop.execute(router::close);
    }
}
