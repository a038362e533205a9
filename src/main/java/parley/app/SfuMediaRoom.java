package parley.app;

import java.util.function.Consumer;
import parley.room.MediaPeer;
import parley.room.MediaRoom;
import parley.sfu.Negotiation;
import parley.sfu.Router;
import parley.sfu.ServerIdentity;
import parley.sfu.SfuPeer;

/** One room's media: adapts a {@link Router} (loop-thread only) to the thread-safe {@link MediaRoom}. */
final class SfuMediaRoom implements MediaRoom {
    private final Router router;
    private final ServerIdentity identity;
    /** Seeds each peer's SSRC generator; SSRCs need to be distinct, not secret. */
    private final java.util.SplittableRandom seeds = new java.util.SplittableRandom();
    /** Called once the room closes (the plane forgets its router). */
    private final Consumer<Router> onClose;

    SfuMediaRoom(Router router, ServerIdentity identity, Consumer<Router> onClose) {
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
            SfuPeer peer = router.loop().call(() -> router.addPeer(participantId));
            return new SfuMediaPeer(router, peer, new Negotiation(peer, identity, seeds.nextLong()));
        } catch (Exception e) {
            throw new IllegalStateException("media peer not created: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        onClose.accept(router);
        router.loop().execute(router::close);
    }
}
