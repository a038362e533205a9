package parley.poll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The vote rules and the limits of a meeting's polls. */
class PollBookTest {
    private final PollBook book = new PollBook();

    private Poll lunch() throws PollException {
        return book.create("Lunch?", List.of("Pizza", "Soup", "Salad"), false, "p-host");
    }

    @Test
    void eachParticipantVotesOnceAndTheCountsFollow() throws PollException {
        Poll poll = lunch();
        poll.vote("p-ada", "Ada", 0);
        poll.vote("p-bo", "Bo", 2);
        poll.vote("p-cy", "Cy", 0);
        assertEquals(List.of(2, 0, 1), poll.counts());
        assertEquals(2, poll.voteOf("p-bo"));
        assertNull(poll.voteOf("p-host"));

        PollException again = assertThrows(PollException.class, () -> poll.vote("p-ada", "Ada", 1));
        assertEquals(PollException.Reason.ALREADY_VOTED, again.reason());
        assertEquals(List.of(2, 0, 1), poll.counts(), "a refused second vote changes nothing");
        assertEquals(0, poll.voteOf("p-ada"), "a vote cannot be changed");
    }

    @Test
    void anOptionOutsideThePollIsRefused() throws PollException {
        Poll poll = lunch();
        for (int option : new int[] {-1, 3}) {
            PollException e = assertThrows(PollException.class, () -> poll.vote("p-ada", "Ada", option));
            assertEquals(PollException.Reason.NO_SUCH_OPTION, e.reason());
        }
        poll.vote("p-ada", "Ada", 1); // the refusals did not count as her vote
        assertEquals(List.of(0, 1, 0), poll.counts());
    }

    @Test
    void votersKeepTheirOrderAndNameAndFollowAReconnection() throws PollException {
        Poll poll = lunch();
        poll.vote("p-ada", "Ada", 0);
        poll.vote("p-bo", "Bo", 0);
        book.replaceVoter("p-ada", "p-ada2");
        assertEquals(List.of("p-ada2", "p-bo"), List.copyOf(poll.votes().keySet()));
        assertEquals("Ada", poll.votes().get("p-ada2").name());
        PollException again = assertThrows(PollException.class, () -> poll.vote("p-ada2", "Ada", 1));
        assertEquals(PollException.Reason.ALREADY_VOTED, again.reason(), "back under a new id, still one vote");
    }

    @Test
    void atMostFiveOpenAtOnceAndAClosedPollIsForgotten() throws PollException {
        for (int i = 0; i < PollBook.MAX_OPEN; i++) lunch();
        PollException full = assertThrows(PollException.class, this::lunch);
        assertEquals(PollException.Reason.LIMIT, full.reason());

        Poll first = book.open().getFirst();
        assertEquals("poll-1", first.id());
        assertEquals(first, book.close("poll-1"));
        assertEquals(PollException.Reason.NOT_FOUND, assertThrows(PollException.class, () -> book.get("poll-1")).reason());
        assertEquals(PollException.Reason.NOT_FOUND, assertThrows(PollException.class, () -> book.close("poll-1")).reason());
        assertEquals("poll-6", lunch().id(), "ids are never reused");
    }

    @Test
    void aMeetingHasAtMostAHundredPolls() throws PollException {
        for (int i = 0; i < PollBook.MAX_PER_MEETING; i++) book.close(lunch().id());
        PollException e = assertThrows(PollException.class, this::lunch);
        assertEquals(PollException.Reason.LIMIT, e.reason());
    }
}
