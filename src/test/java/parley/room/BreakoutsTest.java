package parley.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The breakout state machine: plan, moves, arrivals, departures, expiry, countdown, close. */
class BreakoutsTest {
    private static final String LINK_A = "a-connection";
    private static final String LINK_A2 = "a-second-connection";

    private final Breakouts<String> b = new Breakouts<>(Breakouts.plan(Arrays.asList("Ideas", null, " "), Breakout::newKey), false);

    @Test
    void planNamesBlankRoomsByNumberWithUnguessableKeysNoJoinCanName() {
        assertEquals(List.of("b1", "b2", "b3"), b.rooms().stream().map(Breakout::id).toList());
        assertEquals(List.of("Ideas", "Room 2", "Room 3"), b.rooms().stream().map(Breakout::name).toList());
        for (Breakout r : b.rooms()) {
            assertTrue(r.roomKey().startsWith("~"));
            assertThrows(IllegalArgumentException.class, () -> RoomName.canonical(r.roomKey()));
        }
        assertEquals(3, b.rooms().stream().map(Breakout::roomKey).distinct().count());
        assertThrows(IllegalArgumentException.class, () -> new Breakouts<>(List.of(), true));
        List<String> many = new ArrayList<>();
        for (int i = 0; i <= Breakouts.MAX_ROOMS; i++) many.add(null);
        assertThrows(IllegalArgumentException.class, () -> new Breakouts<>(Breakouts.plan(many, Breakout::newKey), true));
    }

    @Test
    void aMoveIsAwayUntilTheMoverArrivesAndTheOldConnectionLeavingIsNoDeparture() {
        b.sending("pa", "Ana", Role.PARTICIPANT, LINK_A, "b1", 30_000);
        assertTrue(b.anyoneAway(), "on the way: the main room must not close");
        assertFalse(b.left("pa", LINK_A), "the old connection goes while moving");
        assertTrue(b.arrived("pa", LINK_A2, "b1"));
        assertFalse(b.away("pa").moving());
        assertEquals(LINK_A2, b.away("pa").link());
        assertFalse(b.left("pa", LINK_A), "a late leave of the old connection");
        assertTrue(b.left("pa", LINK_A2), "closing the tab in the breakout is leaving the meeting");
        assertFalse(b.anyoneAway());
    }

    @Test
    void aMoverIsWhereTheyArriveEvenWhenALaterMoveMeantElsewhere() {
        b.sending("pa", "Ana", Role.PARTICIPANT, LINK_A, "b1", 30_000);
        b.sending("pa", "Ana", Role.PARTICIPANT, LINK_A, "b2", 30_000); // the second token came too late
        assertTrue(b.arrived("pa", LINK_A2, "b1"));
        assertEquals("b1", b.away("pa").breakoutId());
        assertFalse(b.away("pa").moving());
        assertFalse(b.arrived("pz", LINK_A2, "b1"), "nobody sent");
    }

    @Test
    void comingBackToTheMainRoomEndsBeingAway() {
        b.sending("pa", "Ana", Role.PARTICIPANT, LINK_A, "b1", 30_000);
        b.arrived("pa", LINK_A2, "b1");
        b.sending("pa", "Ana", Role.PARTICIPANT, LINK_A2, null, 60_000);
        assertTrue(b.arrived("pa", "third", null));
        assertNull(b.away("pa"));
    }

    @Test
    void movesThatNeverArriveExpireAtTheirDeadline() {
        b.sending("pa", "Ana", Role.PARTICIPANT, LINK_A, "b1", 30_000);
        b.sending("pb", "Bo", Role.PARTICIPANT, "b-link", "b2", 40_000);
        b.arrived("pb", "b-link2", "b2");
        assertTrue(b.expire(29_999).isEmpty());
        assertEquals(List.of("pa"), b.expire(30_000).stream().map(Breakouts.Member::id).toList());
        assertTrue(b.expire(1_000_000).isEmpty(), "arrived people do not expire");
        assertTrue(b.anyoneAway());
    }

    @Test
    void onlyModeratorsChooseUnlessChoosingIsAllowed() {
        assertFalse(b.maySelfMove(Role.PARTICIPANT, "b1"));
        assertTrue(b.maySelfMove(Role.MODERATOR, "b1"));
        assertTrue(b.maySelfMove(Role.HOST, null));
        assertFalse(b.maySelfMove(Role.MODERATOR, "b9"), "no such room");
        Breakouts<String> open = new Breakouts<>(Breakouts.plan(Arrays.asList(null, null), Breakout::newKey), true);
        assertTrue(open.maySelfMove(Role.PARTICIPANT, "b2"));
        assertTrue(open.maySelfMove(Role.PARTICIPANT, null));
        open.close();
        assertFalse(open.maySelfMove(Role.MODERATOR, "b1"), "closed: back to the main room only, by the server");
    }

    @Test
    void aCountdownIsDueAtItsEndAndClosingSendsBackOnlyThoseInBreakouts() {
        b.closeAt(10_000);
        assertFalse(b.due(9_999));
        assertTrue(b.due(10_000));
        b.sending("pa", "Ana", Role.PARTICIPANT, LINK_A, "b1", 30_000);
        b.sending("pb", "Bo", Role.PARTICIPANT, "b-link", null, 30_000);
        List<Breakouts.Member<String>> back = b.close();
        assertEquals(List.of("pa"), back.stream().map(Breakouts.Member::id).toList());
        assertTrue(b.isClosed());
        assertEquals(-1, b.closesAtMs());
        assertFalse(b.due(20_000));
        assertFalse(b.finished(), "two still on their way");
        b.sending("pa", "Ana", Role.PARTICIPANT, LINK_A, null, 30_000);
        b.arrived("pa", LINK_A2, null);
        b.arrived("pb", "b-link2", null);
        assertTrue(b.finished());
    }
}
