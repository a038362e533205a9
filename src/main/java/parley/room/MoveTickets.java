package parley.room;

/**
 * Move tokens waiting for their {@code join-move}: random, single use, valid for a while
 * (the caller's clock, in milliseconds), bounded (when full the oldest goes). Thread-safe:
 * tokens are issued on main-room executors and taken on connection threads.
 */
public final class MoveTickets<C> {
    private final ExpiringBook<MoveTicket<C>> book;

    public MoveTickets(int capacity) {
        this.book = new ExpiringBook<>(capacity);
    }

    /** Stores {@code ticket} until {@code expiresAtMs} and returns its new token. */
    public synchronized String issue(MoveTicket<C> ticket, long expiresAtMs) {
        String token = Secrets.resumeSecret();
        book.put(token, ticket, expiresAtMs);
        return token;
    }

    /** The ticket of {@code token} if it is still valid, once; else null. */
    public synchronized MoveTicket<C> take(String token, long nowMs) {
        return book.take(token, nowMs);
    }

    public synchronized int size() {
        return book.size();
    }
}
