package parley.signal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import parley.poll.Poll;
import parley.poll.PollException;
import parley.room.Participant;
import parley.room.Permissions.Action;
import parley.room.Room;
import parley.signal.ServerMessage.PollOption;
import parley.signal.ServerMessage.PollView;
import parley.signal.ServerMessage.PollVoter;

/**
 * Polls (docs/protocol.md, "Reactions, hands and polls"): a moderator opens one, everyone
 * gets it (and newcomers get the open ones in {@code joined}); each participant votes once
 * (a second vote is {@code already-voted}); every vote goes to everyone as new counts, with
 * the voter's name only when the poll is not anonymous; a moderator closes it and the server
 * forgets it. Room executor.
 */
final class PollHandler {
    private final SignalContext ctx;

    PollHandler(SignalContext ctx) {
        this.ctx = ctx;
    }

    void create(Session s, Room<Session> room, Participant<Session> actor, ClientMessage.CreatePoll m) {
        if (!Fanout.permitted(s, actor, Action.POLL, null, m.type())) return;
        Poll poll;
        try {
            poll = room.polls().create(m.question(), m.options(), m.anonymous(), actor.id());
        } catch (PollException e) {
            refuse(s, e, m.type());
            return;
        }
        ctx.fanout.all(room, new ServerMessage.PollOpened(view(poll, null)));
    }

    void vote(Session s, Room<Session> room, Participant<Session> voter, ClientMessage.Vote m) {
        Poll poll;
        try {
            poll = room.polls().get(m.pollId());
            poll.vote(voter.id(), voter.name(), m.option());
        } catch (PollException e) {
            refuse(s, e, m.type());
            return;
        }
        List<Integer> counts = poll.counts();
        PollVoter who = poll.anonymous() ? null : new PollVoter(voter.id(), voter.name());
        Integer option = poll.anonymous() ? null : m.option();
        ctx.fanout.others(room, voter, new ServerMessage.PollVoted(poll.id(), counts, who, option, null));
        s.send(new ServerMessage.PollVoted(poll.id(), counts, who, option, m.option()));
    }

    void close(Session s, Room<Session> room, Participant<Session> actor, ClientMessage.ClosePoll m) {
        if (!Fanout.permitted(s, actor, Action.POLL, null, m.type())) return;
        Poll poll;
        try {
            poll = room.polls().close(m.pollId());
        } catch (PollException e) {
            refuse(s, e, m.type());
            return;
        }
        ctx.fanout.all(room, new ServerMessage.PollClosed(poll.id(), actor.id(), poll.counts()));
    }

    /** The open polls as {@code p} sees them, for {@code joined}. */
    List<PollView> views(Room<Session> room, Participant<Session> p) {
        List<PollView> out = new ArrayList<>();
        for (Poll poll : room.polls().open()) out.add(view(poll, p.id()));
        return out;
    }

    /** {@code poll} as participant {@code viewerId} sees it (null: someone who has not voted). */
    static PollView view(Poll poll, String viewerId) {
        List<Integer> counts = poll.counts();
        List<List<PollVoter>> voters = new ArrayList<>();
        for (int i = 0; i < counts.size(); i++) voters.add(new ArrayList<>());
        if (!poll.anonymous()) {
            for (Map.Entry<String, Poll.Vote> v : poll.votes().entrySet()) {
                voters.get(v.getValue().option()).add(new PollVoter(v.getKey(), v.getValue().name()));
            }
        }
        List<PollOption> options = new ArrayList<>();
        for (int i = 0; i < counts.size(); i++) {
            options.add(new PollOption(poll.options().get(i), counts.get(i), poll.anonymous() ? null : List.copyOf(voters.get(i))));
        }
        return new PollView(poll.id(), poll.question(), poll.anonymous(), poll.createdBy(), List.copyOf(options),
                viewerId == null ? null : poll.voteOf(viewerId));
    }

    private static void refuse(Session s, PollException e, String ref) {
        ErrorCode code = switch (e.reason()) {
            case NOT_FOUND -> ErrorCode.NOT_FOUND;
            case ALREADY_VOTED -> ErrorCode.ALREADY_VOTED;
            case NO_SUCH_OPTION -> ErrorCode.BAD_REQUEST;
            case LIMIT -> ErrorCode.POLL_LIMIT;
        };
        s.error(code, e.getMessage(), ref);
    }
}
