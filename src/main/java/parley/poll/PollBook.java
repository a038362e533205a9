package parley.poll;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The open polls of one meeting. A closed poll is forgotten at once (everyone present saw its
 * results; newcomers get only open ones), and the whole book goes with the room. At most
 * {@link #MAX_OPEN} polls are open at a time, and a meeting creates at most
 * {@link #MAX_PER_MEETING} in its life, so a room's polls stay small whatever a moderator's
 * client sends. Not thread-safe: the room's executor owns it.
 */
public final class PollBook {
    public static final int MAX_OPEN = 5;
    public static final int MAX_PER_MEETING = 100;

    private final Map<String, Poll> open = new LinkedHashMap<>();
    private int created;

    /** Opens a new poll; its id ("poll-1", "poll-2", ...) is unique within the meeting. */
    public Poll create(String question, List<String> options, boolean anonymous, String createdBy) throws PollException {
        if (open.size() >= MAX_OPEN) {
            throw new PollException(PollException.Reason.LIMIT,
                    open.size() + " polls are open (expected: at most " + MAX_OPEN + "; close one first)");
        }
        if (created >= MAX_PER_MEETING) {
            throw new PollException(PollException.Reason.LIMIT,
                    "this meeting has had " + created + " polls (expected: at most " + MAX_PER_MEETING + ")");
        }
        created++;
        Poll p = new Poll("poll-" + created, question, options, anonymous, createdBy);
        open.put(p.id(), p);
        return p;
    }

    /** The open poll {@code id}. */
    public Poll get(String id) throws PollException {
        Poll p = open.get(id);
        if (p == null) throw new PollException(PollException.Reason.NOT_FOUND, "no open poll with that id");
        return p;
    }

    /** Closes (and forgets) the open poll {@code id}; returns it as it ended. */
    public Poll close(String id) throws PollException {
        Poll p = get(id);
        open.remove(id);
        return p;
    }

    /** The open polls, oldest first (a copy). */
    public List<Poll> open() {
        return new ArrayList<>(open.values());
    }

    /** A participant came back under a new id: their votes follow them. */
    public void replaceVoter(String oldId, String newId) {
        for (Poll p : open.values()) p.replaceVoter(oldId, newId);
    }
}
