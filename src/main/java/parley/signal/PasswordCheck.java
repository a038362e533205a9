package parley.signal;

import java.util.concurrent.TimeUnit;
import parley.room.GuessThrottle;
import parley.room.Room;

/**
 * Password guesses of joiners, slowed down twice: per room, checks are spaced once there
 * have been failures ({@link GuessThrottle}); per connection, each wrong guess is answered
 * later than the one before. Delays are scheduled replies, never sleeping threads.
 * Room executor, except the scheduled parts, which go back through the room's executor.
 */
final class PasswordCheck {
    private final SignalContext ctx;

    PasswordCheck(SignalContext ctx) {
        this.ctx = ctx;
    }

    /** Checks {@code r}'s password in its turn, then admits or refuses. */
    void check(Session s, Room<Session> room, JoinRequest r) {
        GuessThrottle throttle = room.guesses();
        if (throttle.pending() >= room.policy().maxPendingGuesses()) {
            ctx.joins.fail(s, ErrorCode.RATE_LIMITED, "too many password attempts on this room; try again later");
            return;
        }
        long waitMs = throttle.reserve(ctx.nowMs());
        if (waitMs == 0) {
            decide(s, room, r);
        } else {
            ctx.scheduler.schedule(() -> ctx.onRoom(room, () -> decide(s, room, r)), waitMs, TimeUnit.MILLISECONDS);
        }
    }

    private void decide(Session s, Room<Session> room, JoinRequest r) {
        GuessThrottle throttle = room.guesses();
        long nowMs = ctx.nowMs();
        if (s.isClosed()) {
            throttle.decided(false, nowMs);
            return;
        }
        if (room.isClosed() || !room.name().equals(r.key())) { // ended or rotated while waiting
            throttle.decided(false, nowMs);
            ctx.joins.route(s, r);
            return;
        }
        boolean right = !room.hasPassword() || room.passwordMatches(r.join().password());
        throttle.decided(!right, nowMs);
        if (right) {
            ctx.joins.admit(room, JoinHandler.guest(s, r.join()), ctx.joins.defaultRole());
            return;
        }
        long delayMs = GuessThrottle.connectionDelayMs(s.wrongGuess());
        ctx.scheduler.schedule(() -> ctx.joins.fail(s, ErrorCode.WRONG_PASSWORD, "wrong password"),
                delayMs, TimeUnit.MILLISECONDS);
    }
}
