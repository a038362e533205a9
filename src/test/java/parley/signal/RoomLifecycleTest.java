package parley.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import parley.room.Participant;
import parley.room.Room;

/** A room lives from its first join to its last leave; then nothing refers to it, its people, chat or settings. */
class RoomLifecycleTest {

    @Test
    void afterTheLastLeaveTheRoomIsGarbage() {
        Harness h = new Harness();
        TestClient ada = h.joined("gc-room", "Ada");
        TestClient bo = h.joined("gc-room", "Bo");
        ada.say("{'type':'set-password','password':'pw'}");
        ada.say("{'type':'set-lobby','enabled':true}");
        ada.say("{'type':'chat','text':'remember me?'}");
        bo.say("{'type':'offer','sdp':'v=0','send':[{'mid':'0','source':'mic'}],'recv':[]}");
        bo.say("{'type':'update','avatar':'data:image/png;base64,AAAA'}");
        List<WeakReference<Object>> refs = weakRefsTo(h, "gc-room", ada.id, bo.id);

        ada.say("{'type':'leave'}");
        bo.connection.onClose();
        assertEquals(0, h.server.roomCount());

        for (int i = 0; i < 50 && refs.stream().anyMatch(r -> r.get() != null); i++) {
            System.gc();
            byte[] pressure = new byte[1 << 20]; // encourage a collection
            pressure[0] = 1;
        }
        for (WeakReference<Object> r : refs) assertNull(r.get(), "still referenced: " + r.get());
        // The clients (and so their sessions) are still alive here: they must not hold the room.
        assertEquals("left", ada.closeReason);
    }

    /** In its own frame, so that no local variable of the test keeps them alive. */
    private static List<WeakReference<Object>> weakRefsTo(Harness h, String room, String... ids) {
        Room<Session> r = h.server.roomForTest(room);
        List<WeakReference<Object>> refs = new ArrayList<>();
        refs.add(new WeakReference<>(r));
        refs.add(new WeakReference<>(r.lobby()));
        refs.add(new WeakReference<>(r.departed()));
        refs.add(new WeakReference<>(r.media()));
        for (String id : ids) {
            Participant<Session> p = r.participant(id);
            refs.add(new WeakReference<>(p));
            refs.add(new WeakReference<>(p.peer()));
        }
        return refs;
    }
}
