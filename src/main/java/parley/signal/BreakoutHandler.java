package parley.signal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import parley.room.Breakout;
import parley.room.BreakoutOrigin;
import parley.room.Breakouts;
import parley.room.LobbyGuest;
import parley.room.MoveTicket;
import parley.room.MoveTickets;
import parley.room.Participant;
import parley.room.Role;
import parley.room.Room;
import parley.signal.ServerMessage.BreakoutPerson;
import parley.signal.ServerMessage.BreakoutView;

/**
 * Breakout rooms (docs/protocol.md, "Breakout rooms"). Their state lives in the main room
 * ({@link Breakouts}) and changes only on its executor: a message sent from inside a
 * breakout is passed there. A move gives the mover a one-time token; their client leaves
 * its room and presents the token with {@code join-move} on a new connection, which lands
 * them in the room the token names with their participant id and the role the main room
 * gives (its moderators are moderators everywhere). Each breakout is a room of its own
 * (own media room, own chat, own E2EE keys), under a random key no {@code join} can name.
 */
final class BreakoutHandler {
    /** A move not completed within this long is given up (the main room stops waiting for the mover). */
    static final long MOVE_TTL_MS = 30_000;
    static final int MAX_TICKETS = 4_096;

    private final SignalContext ctx;
    private final MoveTickets<Session> tickets = new MoveTickets<>(MAX_TICKETS);

    BreakoutHandler(SignalContext ctx) {
        this.ctx = ctx;
    }

    // ---- messages of joined participants (their own room's executor)

    void handle(Session s, Room<Session> room, Participant<Session> p, ClientMessage m) {
        BreakoutOrigin<Session> origin = room.breakoutOf();
        if (origin == null) apply(s, room, p.id(), m);
        else ctx.onRoom(origin.main(), () -> apply(s, origin.main(), p.id(), m));
    }

    /** Rotating a breakout would lose its key: refused (true) with a {@code forbidden}. */
    boolean refuseInBreakout(Session s, Room<Session> room, String ref) {
        if (room.breakoutOf() == null) return false;
        s.error(ErrorCode.FORBIDDEN, "not possible in a breakout room (do it in the main room)", ref);
        return true;
    }

    /** Main room's executor. {@code actorId} sent {@code m}, from the main room or from a breakout. */
    private void apply(Session s, Room<Session> main, String actorId, ClientMessage m) {
        if (main.isClosed()) return;
        Breakouts<Session> b = main.breakouts();
        Role role = mainRole(main, b, actorId);
        if (role == null) return; // gone meanwhile
        switch (m) {
            case ClientMessage.OpenBreakouts x -> open(s, main, role, x);
            case ClientMessage.AssignBreakout x -> assign(s, main, role, x);
            case ClientMessage.ChooseBreakout x -> choose(s, main, actorId, role, x);
            case ClientMessage.CloseBreakouts x -> close(s, main, role, x);
            default -> throw new IllegalArgumentException("not a breakout message: " + m.type());
        }
    }

    private static Role mainRole(Room<Session> main, Breakouts<Session> b, String id) {
        Participant<Session> p = main.participant(id);
        if (p != null) return p.role();
        Breakouts.Member<Session> away = b == null ? null : b.away(id);
        return away == null ? null : away.mainRole();
    }

    private void open(Session s, Room<Session> main, Role role, ClientMessage.OpenBreakouts m) {
        if (!moderator(s, role, m.type())) return;
        if (main.breakouts() != null) {
            s.error(ErrorCode.FORBIDDEN, main.breakouts().isClosed() ? "breakout rooms are still closing (wait for everyone to be back)"
                    : "breakout rooms are open already (close them first)", m.type());
            return;
        }
        main.breakouts(new Breakouts<>(Breakouts.plan(m.names(), Breakout::newKey), m.choose()));
        SignalContext.log.info("breakout rooms opened (rooms={})", m.names().size());
        broadcast(main);
    }

    private void assign(Session s, Room<Session> main, Role role, ClientMessage.AssignBreakout m) {
        if (!moderator(s, role, m.type())) return;
        Breakouts<Session> b = openBreakouts(s, main, m.type());
        if (b == null) return;
        if (m.breakout() != null && b.room(m.breakout()) == null) {
            s.error(ErrorCode.NOT_FOUND, "no breakout room with that id", m.type());
            return;
        }
        if (main.participant(m.participantId()) == null && b.away(m.participantId()) == null) {
            s.error(ErrorCode.NOT_FOUND, "no participant with that id in this meeting", m.type());
            return;
        }
        send(main, b, m.participantId(), m.breakout());
    }

    private void choose(Session s, Room<Session> main, String actorId, Role role, ClientMessage.ChooseBreakout m) {
        Breakouts<Session> b = openBreakouts(s, main, m.type());
        if (b == null) return;
        if (!b.maySelfMove(role, m.breakout())) {
            if (m.breakout() != null && b.room(m.breakout()) == null) s.error(ErrorCode.NOT_FOUND, "no breakout room with that id", m.type());
            else s.error(ErrorCode.FORBIDDEN, "only moderators may choose a breakout room here", m.type());
            return;
        }
        send(main, b, actorId, m.breakout());
    }

    private void close(Session s, Room<Session> main, Role role, ClientMessage.CloseBreakouts m) {
        if (!moderator(s, role, m.type())) return;
        Breakouts<Session> b = openBreakouts(s, main, m.type());
        if (b == null) return;
        if (m.delaySeconds() == 0) {
            closeNow(main, b);
            return;
        }
        long delayMs = m.delaySeconds() * 1_000L;
        b.closeAt(ctx.nowMs() + delayMs);
        broadcast(main);
        ctx.scheduler.schedule(() -> ctx.onRoom(main, () -> {
            if (main.breakouts() == b && b.due(ctx.nowMs())) closeNow(main, b);
        }), delayMs, TimeUnit.MILLISECONDS);
    }

    private void closeNow(Room<Session> main, Breakouts<Session> b) {
        for (Breakouts.Member<Session> m : b.close()) send(main, b, m.id(), null);
        SignalContext.log.info("breakout rooms closed");
        settle(main, b);
        broadcast(main);
    }

    private static boolean moderator(Session s, Role role, String ref) {
        if (role.isModerator()) return true;
        s.error(ErrorCode.FORBIDDEN, "only moderators may do that", ref);
        return false;
    }

    private static Breakouts<Session> openBreakouts(Session s, Room<Session> main, String ref) {
        Breakouts<Session> b = main.breakouts();
        if (b == null || b.isClosed()) {
            s.error(ErrorCode.NOT_FOUND, "this meeting has no open breakout rooms", ref);
            return null;
        }
        return b;
    }

    /**
     * Sends {@code id} to {@code breakoutId} (null: the main room) with a fresh token, unless
     * they are there already. Main room's executor.
     */
    private void send(Room<Session> main, Breakouts<Session> b, String id, String breakoutId) {
        Participant<Session> inMain = main.participant(id);
        Breakouts.Member<Session> away = b.away(id);
        if (inMain != null ? breakoutId == null : away != null && !away.moving() && java.util.Objects.equals(away.breakoutId(), breakoutId)) {
            return; // there already
        }
        String name = inMain != null ? inMain.name() : away.name();
        Role mainRole = inMain != null ? inMain.role() : away.mainRole();
        Session link = inMain != null ? inMain.link() : away.link();
        Breakout to = b.room(breakoutId);
        Role role = to == null ? mainRole : mainRole.isModerator() ? Role.MODERATOR : Role.PARTICIPANT;
        long untilMs = ctx.nowMs() + MOVE_TTL_MS;
        String token = tickets.issue(new MoveTicket<>(main, breakoutId, to == null ? null : to.roomKey(), id, role, mainRole,
                main.e2ee()), untilMs);
        b.sending(id, name, mainRole, link, breakoutId, untilMs);
        link.send(new ServerMessage.BreakoutMove(token, to == null ? null : new BreakoutView(to.id(), to.name())));
        ctx.scheduler.schedule(() -> ctx.onRoom(main, () -> expire(main, b)), MOVE_TTL_MS + 1_000, TimeUnit.MILLISECONDS);
        broadcast(main);
    }

    private void expire(Room<Session> main, Breakouts<Session> b) {
        if (main.breakouts() != b || b.expire(ctx.nowMs()).isEmpty()) return;
        settle(main, b);
        broadcast(main);
    }

    /** Drops the state of closed breakouts once everyone is back. */
    private static void settle(Room<Session> main, Breakouts<Session> b) {
        if (main.breakouts() == b && b.finished()) main.breakouts(null);
    }

    // ---- entering with a token (connection thread, then the target room's executor)

    void join(Session s, ClientMessage.JoinMove m) {
        if (!s.beginJoin()) {
            s.error(ErrorCode.ALREADY_JOINED, "this connection has already joined or is joining", m.type());
            return;
        }
        MoveTicket<Session> t = tickets.take(m.token(), ctx.nowMs());
        if (t == null) {
            ctx.joins.fail(s, ErrorCode.MOVE_REFUSED, "this move token is unknown, used or expired "
                    + "(expected: the token of a breakout-move sent to you, within " + MOVE_TTL_MS / 1000 + " s)");
            return;
        }
        route(s, m, t);
    }

    private void route(Session s, ClientMessage.JoinMove m, MoveTicket<Session> t) {
        Room<Session> room = t.toMain() ? t.main() : ctx.registry.find(t.roomKey(), true, true, ctx.nowMs()).room();
        if (room.isClosed()) {
            ctx.joins.fail(s, ErrorCode.MOVE_REFUSED, "the meeting has ended");
            return;
        }
        s.room(room);
        ctx.onRoom(room, () -> enter(s, room, m, t));
    }

    private void enter(Session s, Room<Session> room, ClientMessage.JoinMove m, MoveTicket<Session> t) {
        if (s.isClosed()) return;
        if (room.isClosed()) { // a breakout that emptied meanwhile: a new one under the same key
            if (t.toMain()) ctx.joins.fail(s, ErrorCode.MOVE_REFUSED, "the meeting has ended");
            else route(s, m, t);
            return;
        }
        if (!t.toMain() && room.breakoutOf() == null) {
            room.breakoutOf(new BreakoutOrigin<>(t.main(), t.breakoutId()));
            room.e2ee(t.e2ee()); // a breakout of an encrypted meeting is encrypted too, with its own keys
        }
        if (room.e2ee() && !m.e2eeCapable()) {
            ctx.joins.fail(s, ErrorCode.E2EE_UNSUPPORTED, "this meeting is end-to-end encrypted and this client cannot encrypt");
            return;
        }
        Participant<Session> old = room.participant(t.participantId());
        if (old != null) { // their own earlier connection, still here
            old.link().terminate(null, "replaced");
            ctx.joins.remove(room, old, JoinHandler.Departure.REPLACED);
        }
        ctx.joins.admit(room, new LobbyGuest<>(t.participantId(), m.name(), s, m.audioMuted(), m.videoMuted(), m.avatar(),
                m.e2eeCapable(), s.origin()), t.role());
        if (room.participant(t.participantId()) == null) return; // the connection closed meanwhile
        if (t.toMain()) arrived(room, t, m.name(), s);
        else ctx.onRoom(t.main(), () -> arrived(t.main(), t, m.name(), s));
    }

    /** Main room's executor: the mover of {@code t} is where the ticket sent them now. */
    private void arrived(Room<Session> main, MoveTicket<Session> t, String name, Session s) {
        Breakouts<Session> b = main.breakouts();
        String id = t.participantId();
        if (b == null) {
            if (!t.toMain()) s.terminate(new ServerMessage.Ended(null), "ended"); // the meeting ended meanwhile
            return;
        }
        if (!b.arrived(id, s, t.breakoutId())) { // their move had expired: the main room knows them again
            b.sending(id, name, t.mainRole(), s, t.breakoutId(), ctx.nowMs() + MOVE_TTL_MS);
            b.arrived(id, s, t.breakoutId());
        }
        if (b.isClosed() && !t.toMain()) send(main, b, id, null); // closed while they were on the way
        settle(main, b);
        broadcast(main);
    }

    // ---- hooks of JoinHandler and ModerationHandler

    /** Someone joined or left {@code room}: the people of the meeting changed. Room's executor. */
    void changed(Room<Session> room, Participant<Session> p, boolean left) {
        BreakoutOrigin<Session> origin = room.breakoutOf();
        if (origin != null) {
            if (left) ctx.onRoom(origin.main(), () -> leftBreakout(origin.main(), p.id(), p.link()));
        } else if (room.breakouts() != null) {
            broadcast(room);
        }
    }

    private void leftBreakout(Room<Session> main, String id, Session link) {
        Breakouts<Session> b = main.breakouts();
        if (b == null || !b.left(id, link)) return;
        settle(main, b);
        broadcast(main);
    }

    /** The main room ends: so do its breakouts, each on its own executor. */
    void endAll(Room<Session> main) {
        Breakouts<Session> b = main.breakouts();
        if (b == null) return;
        main.breakouts(null);
        for (Breakout br : b.rooms()) {
            Room<Session> room = ctx.registry.find(br.roomKey(), false, false, ctx.nowMs()).room();
            if (room != null) ctx.onRoom(room, () -> {
                for (Participant<Session> p : room.participantList()) {
                    p.link().terminate(new ServerMessage.Ended(null), "ended");
                    ctx.joins.remove(room, p, JoinHandler.Departure.ENDED);
                }
            });
        }
        for (Breakouts.Member<Session> m : b.awayMembers()) {
            if (m.moving()) m.link().terminate(new ServerMessage.Ended(null), "ended");
        }
    }

    /** Whether the main room must live on although nobody is in it: someone is away in a breakout. */
    static boolean keepsAlive(Room<Session> room) {
        return room.breakouts() != null && room.breakouts().anyoneAway();
    }

    // ---- the state everyone sees

    /** The current state to everyone in the main room and in its breakouts. Main room's executor. */
    void broadcast(Room<Session> main) {
        Breakouts<Session> b = main.breakouts();
        ServerMessage m = view(main, b);
        String json = ctx.codec.encode(m);
        for (Participant<Session> p : main.participants()) p.link().sendRaw(json);
        if (b != null) for (Breakouts.Member<Session> a : b.awayMembers()) a.link().sendRaw(json);
    }

    /** What one newcomer needs: the state, if the meeting has breakouts. */
    void tell(Room<Session> main, Session s) {
        if (main.breakouts() != null) s.send(view(main, main.breakouts()));
    }

    private ServerMessage view(Room<Session> main, Breakouts<Session> b) {
        if (b == null || b.isClosed()) return new ServerMessage.Breakouts(List.of(), false, null, List.of());
        List<BreakoutView> rooms = new ArrayList<>();
        for (Breakout r : b.rooms()) rooms.add(new BreakoutView(r.id(), r.name()));
        List<BreakoutPerson> people = new ArrayList<>();
        for (Participant<Session> p : main.participants()) people.add(new BreakoutPerson(p.id(), p.name(), null));
        for (Breakouts.Member<Session> a : b.awayMembers()) {
            if (main.participant(a.id()) == null) people.add(new BreakoutPerson(a.id(), a.name(), a.breakoutId()));
        }
        Long closesIn = b.closesAtMs() < 0 ? null : Math.max(0, b.closesAtMs() - ctx.nowMs());
        return new ServerMessage.Breakouts(rooms, b.choose(), closesIn, people);
    }
}
