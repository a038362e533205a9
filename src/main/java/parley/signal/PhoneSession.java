package parley.signal;

import java.util.concurrent.atomic.AtomicBoolean;
import parley.room.Room;
import parley.sip.DialIn;

/**
 * A phone caller's place in a room: a {@link Session} like a browser's, whose "connection" is
 * the phone leg. What the server would send it is dropped (a phone has no screen); when the server
 * closes it (kick, the meeting ended) the call is hung up; when the
 * caller hangs up, it leaves like a browser that sent {@code leave}. So moderators mute, kick and
 * see phone callers like anyone, through the same code.
 */
final class PhoneSession implements DialIn.PhoneSeat {
    private final SignalContext ctx;
    private final Session session;
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile Room<Session> room;

    PhoneSession(SignalContext ctx) {
        this.ctx = ctx;
        this.session = ctx.newSession(new Outbound() {
            @Override
            public void send(String json) {
                // a phone has no screen; its audio goes through the seat
            }

            @Override
            public void close(int statusCode, String reason) {
                ended.set(true);
            }
        });
        session.beginJoin(); // like a browser's join message: the PIN was its join
    }

    Session session() {
        return session;
    }

    void joined(Room<Session> r) {
        this.room = r;
    }

    /** The join failed (room locked, full or gone): the call ends. */
    void hangUp() {
        ended.set(true);
        ctx.forget(session);
    }

    @Override
    public void fromCaller(short[] pcm48k) {
        // the caller's audio into the meeting: not wired to the SFU yet (see the sip branch's report)
    }

    @Override
    public short[] toCaller() {
        return null;
    }

    @Override
    public boolean ended() {
        return ended.get();
    }

    @Override
    public void leave() {
        if (!ended.compareAndSet(false, true)) return;
        Room<Session> r = room;
        if (r == null) {
            ctx.forget(session);
            return;
        }
        ctx.onRoom(r, () -> {
            ctx.joins.disconnect(session, r, true);
            ctx.forget(session);
        });
    }
}
