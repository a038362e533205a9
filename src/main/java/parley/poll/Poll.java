package parley.poll;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One open poll: a question, its options, and one vote per participant, which cannot be
 * changed (as in Jitsi Meet: a result that moves under people's feet is worth less than a
 * second thought is). Voters are kept by participant id with the name they had when they
 * voted, so a non-anonymous result still names someone who left. Not thread-safe: the
 * room's executor owns it.
 */
public final class Poll {
    /** One vote: the option's index and the voter's name at the time. */
    public record Vote(int option, String name) {}

    private final String id;
    private final String question;
    private final List<String> options;
    private final boolean anonymous;
    private final String createdBy;
    private final int[] counts;
    /** Voter participant id → vote, in the order votes came. */
    private final Map<String, Vote> votes = new LinkedHashMap<>();

    Poll(String id, String question, List<String> options, boolean anonymous, String createdBy) {
        this.id = Objects.requireNonNull(id);
        this.question = Objects.requireNonNull(question);
        this.options = List.copyOf(options);
        this.anonymous = anonymous;
        this.createdBy = Objects.requireNonNull(createdBy);
        this.counts = new int[this.options.size()];
    }

    public String id() { return id; }
    public String question() { return question; }
    public List<String> options() { return options; }
    public boolean anonymous() { return anonymous; }
    /** The participant id of the moderator who asked. */
    public String createdBy() { return createdBy; }

    /** Votes per option, in option order (a copy). */
    public List<Integer> counts() {
        List<Integer> out = new ArrayList<>(counts.length);
        for (int c : counts) out.add(c);
        return out;
    }

    /** The option {@code voterId} chose, or null when they have not voted. */
    public Integer voteOf(String voterId) {
        Vote v = votes.get(voterId);
        return v == null ? null : v.option();
    }

    /** Everyone's vote in the order they came: voter id → vote (an unmodifiable view). */
    public Map<String, Vote> votes() {
        return java.util.Collections.unmodifiableMap(votes);
    }

    /** Records {@code voterId}'s one vote for option {@code option}. */
    public void vote(String voterId, String name, int option) throws PollException {
        if (option < 0 || option >= counts.length) {
            throw new PollException(PollException.Reason.NO_SUCH_OPTION,
                    "option " + option + " (expected: 0 to " + (counts.length - 1) + ")");
        }
        if (votes.containsKey(voterId)) {
            throw new PollException(PollException.Reason.ALREADY_VOTED,
                    "you have already voted in this poll (a vote cannot be changed)");
        }
        votes.put(voterId, new Vote(option, Objects.requireNonNull(name)));
        counts[option]++;
    }

    /** The same person is back under a new id (a resume): their vote follows them, in its place. */
    void replaceVoter(String oldId, String newId) {
        if (!votes.containsKey(oldId) || votes.containsKey(newId)) return;
        Map<String, Vote> copy = new LinkedHashMap<>(votes);
        votes.clear();
        copy.forEach((voter, vote) -> votes.put(voter.equals(oldId) ? newId : voter, vote));
    }

    @Override
    public String toString() {
        return "Poll[" + id + ", " + votes.size() + " votes]"; // never the question
    }
}
