package parley.app;

import parley.room.MediaPeer;
import parley.room.MediaRoom;
import parley.sfu.Router;
import parley.sfu.ServerIdentity;
import parley.sfu.SfuPeer;

/** One room's media: adapts a {@link Router} (loop-thread only) to the thread-safe {@link MediaRoom}. */
final class SfuMediaRoom implements MediaRoom {
    private final Router router;
    private final ServerIdentity identity;

    SfuMediaRoom(Router router, ServerIdentity identity) {
        this.router = router;
        this.identity = identity;
    }

    Router router() {
        return router;
    }

    @Override
    public MediaPeer addPeer(String participantId) {
        try {
            SfuPeer peer = router.loop().call(() -> router.addPeer(participantId));
            return new SfuMediaPeer(router, peer, identity);
        } catch (Exception e) {
            throw new IllegalStateException("media peer not created: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        router.loop().execute(router::close);
    }
}
