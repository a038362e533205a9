package parley.app;

import java.util.function.Consumer;
import parley.media.transport.MediaLoop;
import parley.room.MediaPeer;
import parley.room.MediaRoom;
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

    SfuMediaRoom(MediaLoop loop, Router router, ServerIdentity identity, Consumer<Router> onClose) {
        this.loop = loop;
        this.router = router;
        this.identity = identity;
        this.onClose = onClose;
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
    public void close() {
        onClose.accept(router);
        loop.execute(router::close);
    }
}
