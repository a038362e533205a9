package parley.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The order raised hands are kept in: the order they went up, by the room's clock, without ties. */
class HandQueueTest {
    private final Room<String> room = new Room<>("r", Runnable::run, new RoomPolicy(10, 10, 1, 1, 1000, 1000, 1000, 10, RoomGuards.DEFAULTS), 0);
    private final Participant<String> ada = room.admit("a", "pa", "Ada", Role.HOST);
    private final Participant<String> bo = room.admit("b", "pb", "Bo", Role.PARTICIPANT);
    private final Participant<String> cy = room.admit("c", "pc", "Cy", Role.PARTICIPANT);

    private List<String> queue() {
        return room.handQueue().stream().map(Participant::id).toList();
    }

    @Test
    void handsQueueInTheOrderTheyWentUpNotTheOrderPeopleJoined() {
        room.raiseHand(cy, 1_000);
        room.raiseHand(ada, 1_000); // the same millisecond: still after Cy
        room.raiseHand(bo, 990); // a clock that stepped back: still last
        assertEquals(List.of("pc", "pa", "pb"), queue());
        assertEquals(1_000, cy.handRaisedAtMs());
        assertEquals(1_001, ada.handRaisedAtMs());
        assertEquals(1_002, bo.handRaisedAtMs());
    }

    @Test
    void raisingARaisedHandKeepsItsPlaceAndLoweringLeavesTheQueue() {
        room.raiseHand(ada, 10);
        room.raiseHand(bo, 20);
        room.raiseHand(ada, 30);
        assertEquals(List.of("pa", "pb"), queue());
        ada.handRaised(false);
        assertFalse(ada.handRaised());
        assertEquals(0, ada.handRaisedAtMs());
        room.raiseHand(ada, 40);
        assertEquals(List.of("pb", "pa"), queue(), "a hand raised again goes to the end");
    }

    @Test
    void someoneWhoLeavesLeavesTheQueue() {
        room.raiseHand(ada, 10);
        room.raiseHand(bo, 20);
        room.remove(ada);
        assertEquals(List.of("pb"), queue());
    }
}
