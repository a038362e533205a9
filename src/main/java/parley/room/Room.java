package parley.room;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import parley.poll.PollBook;

/**
 * One meeting in memory: participants, lobby, settings, password hash, resume secrets,
 * bans and the media side. Nothing of it is written anywhere; when the last participant
 * leaves, the registry forgets the room and all of it becomes garbage.
 *
 * <p>Thread-safety: every method except {@link #submit}, {@link #name} and {@link #isClosed}
 * must run on the room's own executor ({@link #submit}); the room takes no locks.
 * {@code C} is the caller's connection type; the room only keeps it.
 */
public final class Room<C> {
    private final SerialExecutor executor;
    private final RoomPolicy policy;
    private final Map<String, Participant<C>> participants = new LinkedHashMap<>();
    private final Lobby<C> lobby;
    private final ExpiringBook<Absentee> departed;
    private final ExpiringBook<Boolean> bans;
    private final GuessQueue<C> guesses;
    /** Avatar characters sent to everyone: see {@link #trySendAvatar}. */
    private final TokenBucket avatarChars;
    private volatile String name;
    private volatile boolean closed;
    private boolean locked;
    private boolean lobbyEnabled;
    private boolean startAudioMuted;
    private boolean startVideoMuted;
    /** Set once, by the join that opens the room: media and key messages are end-to-end encrypted. */
    private boolean e2ee;
    private PasswordHash password;
    private MediaRoom media;
    private String activeSpeakerId;
    private long admissions;
    /** The last time stamped on a raised hand: each new one is later, so the queue has no ties. */
    private long lastHandMs;
    private final PollBook polls = new PollBook();

    /** {@code backing} runs the room's serial executor; {@code nowNanos} starts the knock bucket. */
    public Room(String name, Executor backing, RoomPolicy policy, long nowNanos) {
        this.name = name;
        this.executor = new SerialExecutor(backing);
        this.policy = policy;
        RoomGuards guards = policy.guards();
        this.lobby = new Lobby<>(policy.lobbyCapacity(), new TokenBucket(policy.knocksPerSecond(), policy.knockBurst(), nowNanos),
                guards.addressKnocks(), guards.lobbySharePercent());
        this.avatarChars = new TokenBucket(guards.avatarCharsPerSecond(), (int) guards.avatarChars(), nowNanos);
        this.departed = new ExpiringBook<>(policy.bookCapacity());
        this.bans = new ExpiringBook<>(policy.bookCapacity());
        // Wrong answers at the room's pace, whatever the number of guessers (protocol.md, "Passwords").
        this.guesses = new GuessQueue<>(guards.wrongPasswords().burst(), guards.wrongPasswords().interval().toNanos(),
                guards.passwordQueue(), nowNanos);
    }

    /** Runs {@code task} on the room's executor after every task submitted before. Thread-safe. */
    public void submit(Runnable task) {
        executor.execute(task);
    }

    /** The canonical name under which the registry finds the room now. Thread-safe. */
    public String name() {
        return name;
    }

    void name(String canonical) {
        this.name = canonical;
    }

    /** True once the registry has let go of the room: it takes no one any more. Thread-safe. */
    public boolean isClosed() {
        return closed;
    }

    void markClosed() {
        closed = true;
    }

    public RoomPolicy policy() {
        return policy;
    }

    // ---- participants

    /** Adds an admitted participant with a fresh resume secret. */
    public Participant<C> admit(C link, String id, String displayName, Role role) {
        if (participants.containsKey(id)) throw new IllegalStateException("participant id in use: " + id);
        Participant<C> p = new Participant<>(id, displayName, link, Secrets.resumeSecret(), admissions++, role);
        participants.put(id, p);
        return p;
    }

    /** Removes a participant and closes its media peer; false if it was not here. */
    public boolean remove(Participant<C> p) {
        if (participants.get(p.id()) != p) return false;
        participants.remove(p.id());
        if (p.peer() != null) p.peer().close();
        if (p.id().equals(activeSpeakerId)) activeSpeakerId = null;
        return true;
    }

    public Participant<C> participant(String id) {
        return id == null ? null : participants.get(id);
    }

    /** Whether {@code p} is still in this room (and not a stale reference to someone who left). */
    public boolean contains(Participant<C> p) {
        return p != null && participants.get(p.id()) == p;
    }

    /** The participant currently holding {@code resumeSecret}, or null. */
    public Participant<C> byResumeSecret(String resumeSecret) {
        if (resumeSecret == null) return null;
        for (Participant<C> p : participants.values()) {
            if (p.resumeSecret().equals(resumeSecret)) return p;
        }
        return null;
    }

    /** Everyone, in admission order; an unmodifiable view. */
    public Collection<Participant<C>> participants() {
        return Collections.unmodifiableCollection(participants.values());
    }

    /** A copy, for loops that remove participants. */
    public List<Participant<C>> participantList() {
        return new ArrayList<>(participants.values());
    }

    public int size() {
        return participants.size();
    }

    public boolean isEmpty() {
        return participants.isEmpty();
    }

    /**
     * Whether {@code avatar} may be {@code owner}'s avatar (null always may): the room's
     * other avatars and this one together stay within {@link RoomGuards#avatarChars()}.
     */
    public boolean avatarFits(Participant<C> owner, String avatar) {
        if (avatar == null) return true;
        long othersChars = 0;
        for (Participant<C> p : participants.values()) {
            if (p != owner && p.avatar() != null) othersChars += p.avatar().length();
        }
        return othersChars + avatar.length() <= policy.guards().avatarChars();
    }

    /**
     * Takes {@code avatar}'s characters from the room's avatar rate, before it is sent to
     * everyone ({@code participant-joined}, {@code avatar}): at most
     * {@link RoomGuards#avatarChars()} at once, refilled at {@link RoomGuards#avatarCharsPerSecond()}
     * (by default a sixteenth of that), so join churn and picture changes cannot swamp a slow reader (each receiver
     * gets at most this much avatar data). False: over the rate, send none. Null is free.
     */
    public boolean trySendAvatar(String avatar, long nowNanos) {
        return avatar == null || avatarChars.tryTake(nowNanos, avatar.length());
    }

    public boolean hasModerator() {
        for (Participant<C> p : participants.values()) if (p.role().isModerator()) return true;
        return false;
    }

    // ---- raised hands and polls

    /**
     * Raises {@code p}'s hand (if down) at {@code nowMs} of the room's clock, made later than
     * every hand raised before, so the order hands went up is the order of their times.
     */
    public void raiseHand(Participant<C> p, long nowMs) {
        if (p.handRaised()) return;
        lastHandMs = Math.max(nowMs, lastHandMs + 1);
        p.raiseHandAt(lastHandMs);
    }

    /** Everyone whose hand is up, in the order the hands went up. */
    public List<Participant<C>> handQueue() {
        List<Participant<C>> out = new ArrayList<>();
        for (Participant<C> p : participants.values()) if (p.handRaised()) out.add(p);
        out.sort(Comparator.comparingLong(Participant::handRaisedAtMs));
        return out;
    }

    /** The meeting's open polls: they go with the room. */
    public PollBook polls() { return polls; }

    // ---- lobby, resume secrets, bans, guesses

    public Lobby<C> lobby() { return lobby; }
    /** Resume secrets of participants who disconnected, with the id and role they had. */
    public ExpiringBook<Absentee> departed() { return departed; }
    /** Resume secrets of kicked participants. */
    public ExpiringBook<Boolean> bans() { return bans; }
    /** Password guesses waiting for their check, each with its connection. */
    public GuessQueue<C> guesses() { return guesses; }

    // ---- settings

    public boolean locked() { return locked; }
    public void locked(boolean locked) { this.locked = locked; }
    public boolean lobbyEnabled() { return lobbyEnabled; }
    public void lobbyEnabled(boolean enabled) { this.lobbyEnabled = enabled; }
    public boolean startAudioMuted() { return startAudioMuted; }
    public boolean startVideoMuted() { return startVideoMuted; }

    public void startMuted(boolean audio, boolean video) {
        this.startAudioMuted = audio;
        this.startVideoMuted = video;
    }

    public boolean e2ee() { return e2ee; }
    public void e2ee(boolean encrypted) { this.e2ee = encrypted; }

    public boolean hasPassword() {
        return password != null;
    }

    /** Sets the password (kept as a salted hash only), or removes it when null. */
    public void password(String newPassword) {
        this.password = newPassword == null ? null : PasswordHash.of(newPassword, policy.passwordIterations());
    }

    /** The current password hash, or null: immutable, so a guess can be checked off the room's executor. */
    public PasswordHash passwordHash() {
        return password;
    }

    // ---- media

    /** Opens the media side once; later calls return the same one. */
    public MediaRoom openMedia(MediaPlane plane, MediaRoomEvents events) {
        if (media == null) media = plane.openRoom(events);
        return media;
    }

    public MediaRoom media() { return media; }

    /** Closes the media side, if open; idempotent. */
    public void closeMedia() {
        if (media != null) media.close();
        media = null;
    }

    public String activeSpeakerId() { return activeSpeakerId; }
    public void activeSpeakerId(String id) { this.activeSpeakerId = id; }

    // ---- breakout rooms: a main room holds their state, a breakout knows its main room

    private Breakouts<C> breakouts;
    private BreakoutOrigin<C> breakoutOf;

    /** This main room's breakout rooms, or null when it has none. */
    public Breakouts<C> breakouts() { return breakouts; }
    public void breakouts(Breakouts<C> b) { this.breakouts = b; }
    /** Where this breakout room comes from, or null for a main room. Set once, by the move that opens it. */
    public BreakoutOrigin<C> breakoutOf() { return breakoutOf; }
    public void breakoutOf(BreakoutOrigin<C> origin) { this.breakoutOf = origin; }

    @Override
    public String toString() {
        return "Room[" + participants.size() + " participants]"; // never the name
    }
}
