package parley.signal;

import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import parley.room.GuessQueue;
import parley.room.PasswordHash;
import parley.room.Room;

/**
 * Password guesses of joiners, limited three ways (docs/protocol.md, "Passwords"):
 * <ul>
 * <li>per address, across rooms: {@link AdmissionLimits#wrongPasswordsPerAddress()}; beyond, a
 *     guess is refused at once, unchecked;
 * <li>per room, whatever the number of addresses: checks start only as fast as the room's
 *     wrong answers may come ({@link GuessQueue}, {@link parley.room.RoomGuards#wrongPasswords()}), waiting guests served round robin by address,
 *     clean addresses first; a right answer costs neither budget;
 * <li>per connection: each wrong answer is sent later than the one before.
 * </ul>
 * So a brute force stays at the room's pace, and the right password from someone else waits
 * at most one interval behind a flood from a few addresses. Delays are scheduled, never
 * sleeping threads. Room executor (the address budget is shared and thread-safe).
 */
final class PasswordCheck {
    /** Longest wait of a connection's own wrong-password reply. */
    static final long CONNECTION_MAX_DELAY_MS = 30_000;
    /** Wait of a connection's first wrong-password reply; doubles with each further wrong guess. */
    static final long CONNECTION_BASE_DELAY_MS = 500;

    private static final Predicate<Session> ALIVE = s -> !s.isClosed();

    private final SignalContext ctx;
    private final AddressBudget addresses;

    PasswordCheck(SignalContext ctx) {
        this.ctx = ctx;
        this.addresses = new AddressBudget(ctx.config.admission().wrongPasswordsPerAddress());
    }

    /** How long a connection's {@code wrongGuesses}-th wrong guess (1-based) waits for its reply. */
    static long connectionDelayMs(int wrongGuesses) {
        int doublings = Math.min(Math.max(wrongGuesses - 1, 0), 16);
        return Math.min(CONNECTION_MAX_DELAY_MS, CONNECTION_BASE_DELAY_MS << doublings);
    }

    /** Queues {@code r}'s password for its check, or refuses it at once when over a limit. */
    void check(Session s, Room<Session> room, JoinRequest r) {
        long nowNanos = ctx.nowNanos();
        boolean clean = addresses.isClean(s.origin(), nowNanos);
        if (!addresses.tryTake(s.origin(), nowNanos)) {
            ctx.joins.fail(s, ErrorCode.RATE_LIMITED, "too many wrong passwords from your network; try again in a minute");
            return;
        }
        s.waitingGuess(r);
        if (!room.guesses().offer(s.origin(), clean, s, ALIVE)) {
            addresses.giveBack(s.origin());
            s.waitingGuess(null);
            ctx.joins.fail(s, ErrorCode.RATE_LIMITED, "too many password attempts on this room; try again later");
            return;
        }
        pump(room);
    }

    /** Room executor: starts every check the room's pace allows now, and comes back for the next. */
    private void pump(Room<Session> room) {
        GuessQueue<Session> queue = room.guesses();
        for (Session s; (s = queue.poll(ctx.nowNanos(), ALIVE)) != null; ) {
            JoinRequest r = s.waitingGuess(null);
            if (r == null) queue.right(); // cannot happen: every queued session has its guess
            else decide(s, room, r);
        }
        long waitNanos = queue.nanosUntilNext(ctx.nowNanos());
        if (waitNanos > 0 && queue.setWakeUp()) {
            long waitMs = Math.max(1, TimeUnit.NANOSECONDS.toMillis(waitNanos + 999_999));
            ctx.scheduler.schedule(() -> ctx.onRoom(room, () -> {
                queue.wokeUp();
                pump(room);
            }), waitMs, TimeUnit.MILLISECONDS);
        }
    }

    /** Room executor: hashes the guess on a worker (PBKDF2 takes tens of ms), then concludes here. */
    private void decide(Session s, Room<Session> room, JoinRequest r) {
        if (s.isClosed()) {
            room.guesses().right(); // nothing was checked
            return;
        }
        if (room.isClosed() || !room.name().equals(r.key())) { // ended or rotated while waiting
            room.guesses().right();
            addresses.giveBack(s.origin()); // the next room takes its own
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
        if (right) {
            room.guesses().right();
            addresses.giveBack(s.origin());
        }
        if (s.isClosed()) return;
        if (room.isClosed() || !room.name().equals(r.key())) {
            ctx.joins.route(s, r);
        } else if (right) {
            ctx.joins.admit(room, JoinHandler.guest(s, r.join()), ctx.joins.defaultRole());
        } else {
            long delayMs = connectionDelayMs(s.wrongGuess());
            ctx.scheduler.schedule(() -> ctx.joins.fail(s, ErrorCode.WRONG_PASSWORD, "wrong password"),
                    delayMs, TimeUnit.MILLISECONDS);
        }
    }
}
