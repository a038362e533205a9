package parley.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import parley.room.MediaPeer;
import parley.room.MediaRoom;
import parley.room.MediaRoomEvents;

/**
 * A flood of views costs the media loop one task at a time: views that arrive while one is
 * queued replace it (counted), and the newest always wins.
 */
class ViewFloodTest {
    private static final MediaRoomEvents QUIET = new MediaRoomEvents() {
        @Override
        public void onActiveSpeaker(String participantId) {}

        @Override
        public void onPeerFailed(String participantId, String reason) {}

        @Override
        public void onForwarding(String participantId, List<ForwardedSlot> slots) {}

        @Override
        public void onSendLayers(String participantId, String mid, List<String> activeRids) {}
    };

    @Test
    void aFloodOfViewsIsCoalescedAndTheNewestWins() throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (SfuMediaPlane plane = new SfuMediaPlane(new InetSocketAddress(loopback, 0), List.of(loopback), "auto", 1, 0)) {
            MediaRoom room = plane.openRoom(QUIET);
            MediaPeer peer = room.addPeer("ada");
            SfuMediaRoom sfuRoom = (SfuMediaRoom) room;
            plane.loop().execute(() -> sleepQuietly(200)); // the loop is busy: views pile up meanwhile
            for (int i = 0; i < 10_000; i++) peer.view(List.of(new MediaPeer.ViewItem("t" + i, 180)), 0);
            long coalesced = plane.counters().get("viewsCoalesced");
            assertTrue(coalesced >= 9_000, "coalesced " + coalesced);
            String applied = plane.loop().call(() -> sfuRoom.router().peer("ada").view().video().get(0).trackId());
            assertEquals("t9999", applied);
            room.close();
        }
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
