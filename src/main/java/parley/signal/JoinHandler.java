package parley.signal;

import java.util.List;
import parley.room.Absentee;
import parley.room.LobbyGuest;
import parley.room.MediaRoom;
import parley.room.Participant;
import parley.room.PastNames;
import parley.room.Role;
import parley.room.Room;
import parley.room.RoomRegistry;
import parley.room.Secrets;
import parley.signal.ServerMessage.Joined;
import parley.turn.IceTransportPolicy;
import parley.turn.TurnCredentials;

/**
 * Entering and leaving rooms: the join decision (new room, resume, host token, lock,
 * password, lobby), admission, departures, and closing a room at its last leave.
 * {@link #start} runs on the connection's thread; everything else on the room's executor.
 */
final class JoinHandler {
    /**
     * Why a participant leaves the room; decides what the room remembers of them and the
     * {@code reason} of the {@code participant-left} the others get (none for ENDED:
     * everyone goes).
     */
    enum Departure {
        LEFT("left"), DISCONNECTED("disconnected"), KICKED("kicked"), REPLACED("replaced"), ENDED(null);

        private final String wireName;

        Departure(String wireName) {
            this.wireName = wireName;
        }

        String wireName() {
            return wireName;
        }
    }

    private final SignalContext ctx;
    /** Issues the TURN credential of each {@code joined} (only there: admitted, never in the lobby); null without TURN. */
    private final TurnCredentials turn;

    JoinHandler(SignalContext ctx) {
        this.ctx = ctx;
        this.turn = ctx.config.turn() == null ? null : new TurnCredentials(ctx.config.turn());
    }

    /** A {@code join} arrived on {@code s}. Connection thread. */
    void start(Session s, ClientMessage.Join join) {
        if (!s.beginJoin()) {
            s.error(ErrorCode.ALREADY_JOINED, "this connection has already joined or is joining", join.type());
            return;
        }
        if (join.hostToken() != null && ctx.hostGate.checksTokens()) {
            ctx.hostKeys.check(s, join); // paced like passwords: routes when checked
            return;
        }
        HostGate.Verdict v = ctx.hostGate.check(join.hostToken(), join.room(), ctx.nowMs());
        route(s, new JoinRequest(join, v.mayCreate(), v.holder(), false));
    }

    private void failHostRequired(Session s, JoinRequest r) {
        if (r.keyWrong()) fail(s, ErrorCode.HOST_KEY_WRONG, "this room is not open and the host key is not valid");
        else fail(s, ErrorCode.HOST_REQUIRED, "this room is not open and only a host may open it (send hostToken)");
    }

    /**
     * Finds (or creates) the room and queues the decision there. A name ended for everyone or
     * moved away opens no new room, except for a valid host token. Any thread.
     */
    void route(Session s, JoinRequest r) {
        RoomRegistry.Lookup<Session> found = ctx.registry.find(r.key(), r.mayCreate(), r.tokenHolder(), ctx.nowMs());
        Room<Session> room = found.room();
        if (room == null && found.gone() == PastNames.Reason.ENDED) {
            fail(s, ErrorCode.MEETING_ENDED, "this meeting was ended for everyone; start a new one under a new name");
            return;
        }
        if (room == null && found.gone() == PastNames.Reason.MOVED) {
            fail(s, ErrorCode.LINK_CHANGED, "this meeting moved to a new link; ask its host for the new link");
            return;
        }
        if (room == null) {
            failHostRequired(s, r);
            return;
        }
        s.room(room);
        ctx.onRoom(room, () -> decide(s, room, r));
    }

    private void decide(Session s, Room<Session> room, JoinRequest r) {
        if (s.isClosed()) return;
        if (room.isClosed() || !room.name().equals(r.key())) { // ended or rotated meanwhile: ask the registry again
            route(s, r);
            return;
        }
        ClientMessage.Join join = r.join();
        if (room.isEmpty() && room.breakouts() == null) { // with breakouts open, an empty main room is not new
            if (!r.mayCreate()) failHostRequired(s, r);
            else if (ctx.config.e2eeMode().encrypts(join.e2ee()) && !join.e2eeCapable()) failUnencryptable(s);
            else {
                room.e2ee(ctx.config.e2eeMode().encrypts(join.e2ee()));
                admit(room, guest(s, join), Role.HOST);
            }
            return;
        }
        if (room.e2ee() && !join.e2eeCapable()) { // before the lobby too: nobody sends it media
            failUnencryptable(s);
            return;
        }
        long nowMs = ctx.nowMs();
        if (room.bans().get(join.resume(), nowMs) != null) {
            fail(s, ErrorCode.KICKED, "you were removed from this room a short while ago");
            return;
        }
        Absentee resumed = resume(room, join.resume(), nowMs);
        if (resumed != null) {
            Role role = resumed.role().isModerator() ? resumed.role() : defaultRole();
            admit(room, guest(s, join), role, resumed.participantId());
        }
        else if (r.tokenHolder()) admit(room, guest(s, join), Role.MODERATOR);
        else if (room.locked()) fail(s, ErrorCode.ROOM_LOCKED, "the room is locked: no one can join now");
        else if (room.size() >= room.policy().maxParticipants()) fail(s, ErrorCode.ROOM_FULL, "the room is full");
        else if (room.hasPassword() && join.password() != null) ctx.passwords.check(s, room, r);
        else if (room.lobbyEnabled()) ctx.lobby.knock(s, room, join);
        else if (room.hasPassword()) fail(s, ErrorCode.PASSWORD_REQUIRED, "the room has a password");
        else admit(room, guest(s, join), defaultRole());
    }

    /**
     * Who {@code secret} brings back (their old id and role), or null: a participant still
     * connected with it is replaced (their old connection closes), one who disconnected
     * recently is restored. Single use.
     */
    private Absentee resume(Room<Session> room, String secret, long nowMs) {
        Participant<Session> old = room.byResumeSecret(secret);
        if (old != null) {
            old.link().terminate(null, "replaced");
            remove(room, old, Departure.REPLACED);
            return new Absentee(old.id(), old.role());
        }
        return room.departed().take(secret, nowMs);
    }

    Role defaultRole() {
        return ctx.config.allModerators() ? Role.MODERATOR : Role.PARTICIPANT;
    }

    static LobbyGuest<Session> guest(Session s, ClientMessage.Join j) {
        return new LobbyGuest<>(Secrets.participantId(), j.name(), s, j.audioMuted(), j.videoMuted(), j.avatar(),
                j.e2eeCapable(), s.origin());
    }

    /** Lets {@code who} in with {@code role}, as someone new. */
    void admit(Room<Session> room, LobbyGuest<Session> who, Role role) {
        admit(room, who, role, null);
    }

    /**
     * Lets {@code who} in with {@code role}: media peer, {@code joined} to them,
     * {@code participant-joined} to the rest. {@code replaces}: the participant id a resume
     * brings back, or null.
     */
    private void admit(Room<Session> room, LobbyGuest<Session> who, Role role, String replaces) {
        Session s = who.link();
        Participant<Session> p = room.admit(s, who.id(), who.name(), role);
        if (!s.enterRoom(room, p)) { // the connection closed meanwhile
            room.remove(p);
            s.detach();
            return;
        }
        if (replaces != null) room.polls().replaceVoter(replaces, p.id()); // one vote per person, reconnected or not
        p.e2eeCapable(who.e2eeCapable());
        p.audioMuted(who.audioMuted() || room.startAudioMuted());
        p.videoMuted(who.videoMuted() || room.startVideoMuted());
        // No room for it, or the room has sent too many avatars lately (join churn): joined without.
        p.avatar(room.avatarFits(p, who.avatar()) && room.trySendAvatar(who.avatar(), ctx.nowNanos()) ? who.avatar() : null);
        int total = ctx.participants.incrementAndGet();
        if (role == Role.HOST) SignalContext.log.info("room opened (rooms={}, participants={})", ctx.registry.size(), total);
        MediaRoom media = room.openMedia(ctx.mediaPlane, ctx.media.events(room));
        p.peer(media.addPeer(p.id()));
        s.send(new Joined(Views.of(p), Views.of(room), Views.others(room, p), Views.tracksFor(room, p),
                new ServerMessage.Slots(ClientMessage.Offer.MAX_AUDIO_SLOTS, ClientMessage.Offer.MAX_VIDEO_SLOTS),
                p.role().isModerator() ? Views.lobby(room) : List.of(), p.resumeSecret(),
                turn == null ? List.of() : List.of(turn.issue(ctx.nowMs())),
                (turn == null ? IceTransportPolicy.ALL : turn.config().policy()).wireName(),
                ctx.recording.view(room), ctx.captions.view(room), ctx.polls.views(room, p),
                ctx.stream.view(room, p), ctx.localRecording.view(room)));
        ctx.fanout.others(room, p, new ServerMessage.ParticipantJoined(Views.of(p), replaces));
        ctx.dialIn.joined(room, p);
        ctx.breakouts.changed(room, p, false);
    }

    private void failUnencryptable(Session s) {
        fail(s, ErrorCode.E2EE_UNSUPPORTED, "this meeting is end-to-end encrypted and this client cannot encrypt "
                + "(expected: e2eeCapable true, from a browser with encoded transforms)");
    }

    /** Refuses a join: the connection may send {@code join} again. Any thread. */
    void fail(Session s, ErrorCode code, String message) {
        s.detach();
        if (s.endJoin()) s.error(code, message, "join");
    }

    /** The connection left ({@code explicit}: sent leave) or closed. */
    void disconnect(Session s, Room<Session> room, boolean explicit) {
        Participant<Session> p = s.participant();
        if (room.contains(p)) {
            remove(room, p, explicit ? Departure.LEFT : Departure.DISCONNECTED);
        } else if (room.lobby().removeByLink(s) != null) {
            ctx.fanout.lobbyChanged(room);
        }
        s.detach();
    }

    /** Takes {@code p} out of the room and tells everyone; remembers their secret for a resume or a ban. */
    void remove(Room<Session> room, Participant<Session> p, Departure why) {
        if (!room.remove(p)) return;
        ctx.participants.decrementAndGet();
        ctx.breakouts.changed(room, p, true);
        if (p.link().participant() == p) p.link().detach();
        long nowMs = ctx.nowMs();
        switch (why) {
            case DISCONNECTED -> room.departed().put(p.resumeSecret(), new Absentee(p.id(), p.role()),
                    nowMs + room.policy().resumeTtlMs());
            case KICKED -> room.bans().put(p.resumeSecret(), Boolean.TRUE, nowMs + room.policy().banMs());
            default -> { }
        }
        if (why == Departure.ENDED) return; // everyone goes: no news to send
        ctx.localRecording.left(room, p);
        ctx.fanout.all(room, new ServerMessage.ParticipantLeft(p.id(), why.wireName())); // their tracks go with them
        // A replaced moderator is back in this same task with their role: nobody to promote.
        boolean moderatorGone = p.role().isModerator() && why != Departure.REPLACED;
        if (moderatorGone && !room.hasModerator() && !room.isEmpty()) promoteEarliest(room);
    }

    /** Someone must be able to admit guests and moderate: the longest present participant becomes moderator. */
    private void promoteEarliest(Room<Session> room) {
        Participant<Session> next = room.participants().iterator().next();
        next.role(Role.MODERATOR);
        next.link().send(new ServerMessage.RoleChanged(Role.MODERATOR.wireName()));
        next.link().send(new ServerMessage.Lobby(Views.lobby(room)));
        ctx.fanout.participantUpdated(room, next);
    }

    /** After every room task: a room without participants ends, and the registry forgets it. */
    void closeIfEmpty(Room<Session> room) {
        if (room.isClosed() || !room.isEmpty() || BreakoutHandler.keepsAlive(room)) return;
        for (LobbyGuest<Session> g : room.lobby().removeAll()) g.link().terminate(new ServerMessage.Ended(null), "ended");
        ctx.recording.roomClosed(room);
        ctx.captions.roomClosed(room);
        ctx.stream.roomClosed(room);
        ctx.localRecording.roomClosed(room);
        ctx.dialIn.roomClosed(room);
        room.closeMedia();
        ctx.registry.remove(room);
        SignalContext.log.info("room closed (rooms={}, participants={})", ctx.registry.size(), ctx.participants.get());
    }
}
