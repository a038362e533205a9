package parley.signal;

import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import parley.room.LobbyGuest;
import parley.room.Permissions.Action;
import parley.room.Room;
import parley.room.Secrets;
import parley.sip.DialIn;

/**
 * Phone dial-in's rooms side (docs/protocol.md, "Dial-in"): each room gets a random
 * {@value #PIN_DIGITS}-digit PIN at its first moderator's {@code joined}, a new one when the room
 * is rotated, and none after it closes; everyone in the meeting sees the numbers and the PIN
 * ({@code dial-in}, as in Jitsi's invite dialog: the PIN is the room's secret like its link, which
 * they have too); moderators may turn dial-in off and on ({@code set-dial-in}) and rename a phone
 * caller ({@code rename}). A caller with a room's PIN joins as
 * "Phone caller N" through the ordinary join path, on a {@link PhoneSession} (see there). Dial-in
 * is off in end-to-end encrypted rooms: the server would have to hear the meeting. Room executor,
 * except {@link #admit}, which the SIP thread calls.
 */
final class DialInHandler implements DialIn {
    static final int PIN_DIGITS = 10;
    private static final String REF = "set-dial-in";

    /** A room's PIN, whether dial-in is on, and how many callers it has had. */
    private static final class State {
        final String pin;
        volatile boolean enabled = true;
        int callers;
        /** The participant ids of this room's phone callers (the only ones {@code rename} applies to). */
        final java.util.Set<String> phones = ConcurrentHashMap.newKeySet();

        State(String pin) {
            this.pin = pin;
        }
    }

    private final SignalContext ctx;
    private final SecureRandom random = new SecureRandom();
    private final Map<Room<Session>, State> states = new ConcurrentHashMap<>();
    private final Map<String, Room<Session>> byPin = new ConcurrentHashMap<>();
    private volatile List<String> numbers;

    DialInHandler(SignalContext ctx) {
        this.ctx = ctx;
    }

    /** Turns dial-in on for this server (it has a SIP port): {@code numbers} are shown to moderators. */
    DialIn enable(List<String> numbers) {
        this.numbers = List.copyOf(numbers);
        return this;
    }

    private boolean on() {
        return numbers != null;
    }

    /** After {@code joined}: everyone learns the dial-in numbers and PIN. */
    void joined(Room<Session> room, parley.room.Participant<Session> p) {
        if (!on() || room.e2ee()) return;
        p.link().send(view(state(room)));
    }

    private State state(Room<Session> room) {
        return states.computeIfAbsent(room, r -> {
            State s;
            do {
                s = new State(pin());
            } while (byPin.putIfAbsent(s.pin, room) != null);
            return s;
        });
    }

    private String pin() {
        StringBuilder sb = new StringBuilder(PIN_DIGITS);
        sb.append((char) ('1' + random.nextInt(9))); // no leading zero: some trunks strip it
        for (int i = 1; i < PIN_DIGITS; i++) sb.append((char) ('0' + random.nextInt(10)));
        return sb.toString();
    }

    private ServerMessage view(State s) {
        return new ServerMessage.DialInView(numbers, s.pin, s.enabled, List.copyOf(s.phones));
    }

    void setDialIn(Session s, Room<Session> room, parley.room.Participant<Session> actor, ClientMessage.SetDialIn m) {
        if (!Fanout.permitted(s, actor, Action.DIAL_IN, null, m.type())) return;
        if (!on()) {
            s.error(ErrorCode.BAD_REQUEST, "this server has no phone dial-in (--sip-port)", REF);
            return;
        }
        if (room.e2ee()) {
            s.error(ErrorCode.BAD_REQUEST, "this meeting is end-to-end encrypted: phone callers cannot join it", REF);
            return;
        }
        State state = state(room);
        state.enabled = m.enabled();
        ctx.fanout.all(room, view(state));
    }

    /** A moderator names a phone caller; nobody else can be renamed (a browser names itself). */
    void rename(Session s, Room<Session> room, parley.room.Participant<Session> actor, ClientMessage.Rename m) {
        if (!Fanout.permitted(s, actor, Action.DIAL_IN, null, m.type())) return;
        parley.room.Participant<Session> target = Fanout.target(s, room, m.participantId(), m.type());
        if (target == null) return;
        State state = states.get(room);
        if (state == null || !state.phones.contains(target.id())) {
            s.error(ErrorCode.BAD_REQUEST, "only phone callers can be renamed", m.type());
            return;
        }
        target.name(m.name());
        ctx.fanout.participantUpdated(room, target);
    }

    /** The room was rotated to a new link: its PIN changes too (moderators are told). */
    void rotate(Room<Session> room) {
        State old = states.remove(room);
        if (old == null) return;
        byPin.remove(old.pin, room);
        State fresh = state(room);
        fresh.enabled = old.enabled;
        fresh.callers = old.callers;
        fresh.phones.addAll(old.phones);
        if (on()) ctx.fanout.all(room, view(fresh));
    }

    void roomClosed(Room<Session> room) {
        State s = states.remove(room);
        if (s != null) byPin.remove(s.pin, room);
    }

    /** SIP thread: the room whose PIN this is, if dial-in is on there; the join itself runs on the room. */
    @Override
    public Optional<PhoneSeat> admit(String pin) {
        Room<Session> room = byPin.get(pin);
        State state = room == null ? null : states.get(room);
        if (state == null || !state.enabled || room.isClosed()) return Optional.empty();
        PhoneSession phone = new PhoneSession(ctx);
        ctx.onRoom(room, () -> {
            if (room.isClosed() || room.e2ee() || room.locked() || room.size() >= room.policy().maxParticipants()) {
                phone.hangUp();
                return;
            }
            String name = "Phone caller " + (++state.callers);
            LobbyGuest<Session> guest = new LobbyGuest<>(Secrets.participantId(), name, phone.session(), false, true,
                    null, false, phone.session().origin());
            ctx.joins.admit(room, guest, ctx.joins.defaultRole());
            phone.joined(room);
            if (phone.session().participant() != null) {
                state.phones.add(phone.session().participant().id());
                ctx.fanout.all(room, view(state));
            }
            SignalContext.log.info("phone caller joined a room");
        });
        return Optional.of(phone);
    }
}
