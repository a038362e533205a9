package parley.signal;

import java.util.concurrent.TimeUnit;
import parley.room.GuessThrottle;
import parley.room.PasswordHash;
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

    /** Room executor: hashes the guess on a worker (PBKDF2 takes tens of ms), then concludes here. */
    private void decide(Session s, Room<Session> room, JoinRequest r) {
        GuessThrottle throttle = room.guesses();
        if (s.isClosed()) {
            throttle.decided(false, ctx.nowMs());
            return;
        }
        if (room.isClosed() || !room.name().equals(r.key())) { // ended or rotated while waiting
            throttle.decided(false, ctx.nowMs());
            ctx.joins.route(s, r);
            return;
        }
        PasswordHash hash = room.passwordHash();
        if (hash == null) { // removed while waiting
            conclude(s, room, r, true);
            return;
        }
        ctx.workers.execute(() -> {
            boolean right = hash.matches(r.join().password());
            ctx.onRoom(room, () -> {
                if (room.passwordHash() != hash && !room.isClosed()) decide(s, room, r); // changed meanwhile: again
                else conclude(s, room, r, right);
            });
        });
    }

    private void conclude(Session s, Room<Session> room, JoinRequest r, boolean right) {
        room.guesses().decided(!right, ctx.nowMs());
        if (s.isClosed()) return;
        if (room.isClosed() || !room.name().equals(r.key())) {
            ctx.joins.route(s, r);
        } else if (right) {
            ctx.joins.admit(room, JoinHandler.guest(s, r.join()), ctx.joins.defaultRole());
        } else {
            long delayMs = GuessThrottle.connectionDelayMs(s.wrongGuess());
            ctx.scheduler.schedule(() -> ctx.joins.fail(s, ErrorCode.WRONG_PASSWORD, "wrong password"),
                    delayMs, TimeUnit.MILLISECONDS);
        }
    }
}
