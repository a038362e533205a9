package parley.signal;

import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import parley.room.MediaPlane;
import parley.room.Participant;
import parley.room.Room;
import parley.room.RoomRegistry;
import parley.signal.ClientMessage.*;

/**
 * What every session and handler of one {@link SignalServer} shares: configuration, clock,
 * executors, the room registry, the handlers and the counters. Also the one dispatch
 * {@code switch} from a message record to its handler. Thread-safe.
 */
final class SignalContext {
    /** The only logger of the package: counts and ids only, never names, rooms, text or addresses. */
    static final Logger log = LoggerFactory.getLogger("parley.signal");

    final SignalConfig config;
    final MessageCodec codec = new MessageCodec();
    final InstantSource clock;
    final ScheduledExecutorService scheduler;
    /** Runs room executors and blocking media work (virtual threads in production). */
    final Executor workers;
    final MediaPlane mediaPlane;
    final RoomRegistry<Session> registry;
    final HostGate hostGate;
    /** Turns client addresses into the keys of per-address limits. */
    final Origin origins = new Origin();
    final AtomicInteger participants = new AtomicInteger();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final Set<Session> sessions = ConcurrentHashMap.newKeySet();

    final Fanout fanout = new Fanout(this);
    final JoinHandler joins;
    final PasswordCheck passwords;
    final HostKeyCheck hostKeys;
    final LobbyHandler lobby;
    final ChatHandler chat;
    final ModerationHandler moderation;
    final MediaHandler media;
    final E2eeHandler e2ee;
    final RecordingHandler recording;
    final CaptionsHandler captions;
    final StreamHandler stream;
    final LocalRecordingHandler localRecording;
    final DialInHandler dialIn;
    final ReactionHandler reactions;
    final HandHandler hands;
    final PollHandler polls;
    final BreakoutHandler breakouts;
    /** Test hook (docs/e2ee.md): replaces relayed key payloads; null in production. */
    volatile E2eeRelayTap e2eeTap;

    SignalContext(SignalConfig config, MediaPlane mediaPlane, InstantSource clock, ScheduledExecutorService scheduler,
                  Executor workers) {
        this.config = config;
        this.mediaPlane = mediaPlane;
        this.clock = clock;
        this.scheduler = scheduler;
        this.workers = workers;
        this.hostGate = new HostGate(config.hostPolicy());
        this.registry = new RoomRegistry<>(name -> new Room<>(name, workers, config.roomPolicy(), nowNanos()));
        this.joins = new JoinHandler(this);
        this.passwords = new PasswordCheck(this);
        this.hostKeys = new HostKeyCheck(this);
        this.lobby = new LobbyHandler(this);
        this.chat = new ChatHandler(this);
        this.moderation = new ModerationHandler(this);
        this.media = new MediaHandler(this);
        this.e2ee = new E2eeHandler(this);
        this.recording = new RecordingHandler(this);
        this.captions = new CaptionsHandler(this);
        this.stream = new StreamHandler(this);
        this.localRecording = new LocalRecordingHandler(this);
        this.dialIn = new DialInHandler(this);
        this.reactions = new ReactionHandler(this);
        this.hands = new HandHandler(this);
        this.polls = new PollHandler(this);
        this.breakouts = new BreakoutHandler(this);
    }

    long nowMs() {
        return clock.millis();
    }

    /** Epoch nanoseconds: only differences matter (token buckets). */
    long nowNanos() {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    Session newSession(Outbound out) {
        Session s = new Session(this, out);
        sessions.add(s);
        return s;
    }

    void forget(Session s) {
        sessions.remove(s);
    }

    Set<Session> sessions() {
        return sessions;
    }

    /**
     * Runs {@code task} on the room's executor; afterwards, a room left without participants
     * is closed and forgotten. Every task that touches a room goes through here.
     */
    void onRoom(Room<Session> room, Runnable task) {
        room.submit(() -> {
            try {
                task.run();
            } finally {
                joins.closeIfEmpty(room);
            }
        });
    }

    /** One handler per message type. Room executor; {@code s} is a joined session of {@code room}. */
    void dispatch(Session s, Room<Session> room, ClientMessage m) {
        Participant<Session> p = s.participant();
        if (!room.contains(p)) {
            s.error(ErrorCode.NOT_JOINED, "you are not in a room", m.type());
            return;
        }
        switch (m) {
            case Offer o -> media.offer(s, room, p, o);
            case View v -> media.view(p, v);
            case Chat c -> chat.chat(s, room, p, c);
            case E2ee x -> e2ee.relay(s, room, p, x);
            case SetE2ee x -> e2ee.setE2ee(s, room, p, x);
            case Update u -> chat.update(room, p, u);
            case SetPassword x -> moderation.setPassword(s, room, p, x);
            case SetLobby x -> lobby.setLobby(s, room, p, x);
            case Admit x -> lobby.admit(s, room, p, x);
            case Deny x -> lobby.deny(s, room, p, x);
            case SetRole x -> moderation.setRole(s, room, p, x);
            case Mute x -> moderation.mute(s, room, p, x);
            case AskUnmute x -> moderation.askUnmute(s, room, p, x);
            case Kick x -> moderation.kick(s, room, p, x);
            case SetLock x -> moderation.setLock(s, room, p, x);
            case SetStartMuted x -> moderation.setStartMuted(s, room, p, x);
            case EndMeeting x -> moderation.end(s, room, p);
            case Rotate x -> { if (!breakouts.refuseInBreakout(s, room, x.type())) moderation.rotate(s, room, p, x); }
            case SetRecording x -> recording.record(s, room, p, x);
            case SetCaptions x -> captions.set(s, room, p, x);
            case SetStream x -> stream.set(s, room, p, x);
            case SetLocalRecording x -> localRecording.set(room, p, x);
            case SetDialIn x -> dialIn.setDialIn(s, room, p, x);
            case React x -> reactions.react(s, room, p, x);
            case LowerHand x -> hands.lower(s, room, p, x);
            case CreatePoll x -> polls.create(s, room, p, x);
            case Vote x -> polls.vote(s, room, p, x);
            case ClosePoll x -> polls.close(s, room, p, x);
            case Rename x -> dialIn.rename(s, room, p, x);
            case OpenBreakouts x -> breakouts.handle(s, room, p, x);
            case AssignBreakout x -> breakouts.handle(s, room, p, x);
            case ChooseBreakout x -> breakouts.handle(s, room, p, x);
            case CloseBreakouts x -> breakouts.handle(s, room, p, x);
            case JoinMove x -> s.error(ErrorCode.ALREADY_JOINED, "you are already in a room", x.type());
            case Join x -> s.error(ErrorCode.ALREADY_JOINED, "you are already in a room", x.type());
            case Ping x -> s.send(new ServerMessage.Pong());
            case Leave x -> joins.disconnect(s, room, true);
        }
    }

    void countError(ErrorCode code) {
        errors.computeIfAbsent(code.wireName(), k -> new LongAdder()).increment();
    }

    Map<String, Long> errorCounts() {
        Map<String, Long> out = new TreeMap<>();
        errors.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
