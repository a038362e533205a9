package parley.signal;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.List;
import parley.turn.IceServer;

/**
 * Every message the server sends, one record per {@code type} (see docs/protocol.md).
 * {@link MessageCodec} writes a record as a JSON object with {@code "type"} first and one
 * field per component, nulls included.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
public sealed interface ServerMessage {

    /** A participant as everyone sees them. {@code role} is "host", "moderator" or "participant". */
    record ParticipantView(String id, String name, String role, boolean audioMuted, boolean videoMuted,
                           boolean handRaised, String avatar, Long handRaisedAt) {}

    /**
     * A participant's state without the avatar, for {@code participant-updated}: an avatar
     * is sent once, in {@code joined}/{@code participant-joined}, and again only in
     * {@link AvatarChanged} when it changes.
     */
    record ParticipantState(String id, String name, String role, boolean audioMuted, boolean videoMuted,
                            boolean handRaised, Long handRaisedAt) {}

    /** The room's settings as everyone sees them; never the password. */
    record RoomView(String name, boolean locked, boolean lobby, boolean hasPassword,
                    boolean startAudioMuted, boolean startVideoMuted, boolean e2ee) {}

    /** A published track: {@code kind} "audio" or "video", {@code source} "mic", "camera" or "screen". */
    record TrackView(String trackId, String participantId, String kind, String source) {}

    /** A guest waiting in the lobby. */
    record LobbyEntry(String id, String name) {}

    /** {@code iceServers}: a fresh TURN credential when the server has a coturn, else empty; {@code iceTransportPolicy} "all" or "relay". */
    @JsonTypeName("joined")
    record Joined(ParticipantView you, RoomView room, List<ParticipantView> participants, List<TrackView> tracks,
                  Slots slots, List<LobbyEntry> lobby, String resume, List<IceServer> iceServers,
                  String iceTransportPolicy, RecordingView recording, CaptionsView captions,
                  List<PollView> polls, StreamView stream, List<String> localRecordings) implements ServerMessage {}

    /**
     * A live stream in progress: who started it and when (ms since 1970); {@code state} ("starting",
     * "live", "reconnecting") only for moderators, null for others.
     */
    record StreamView(String by, long since, String state) {}

    /** The meeting's live stream started ({@code active}, with who and since when) or stopped (with who stopped it, if anyone). */
    @JsonTypeName("stream")
    record Stream(boolean active, String by, Long since) implements ServerMessage {}

    /** To moderators: how the live stream goes ("starting", "live", "reconnecting"). */
    @JsonTypeName("stream-state")
    record StreamState(String state) implements ServerMessage {}

    /** {@code participantId} started ({@code active}) or stopped recording the meeting in their browser. */
    @JsonTypeName("local-recording")
    record LocalRecording(String participantId, boolean active) implements ServerMessage {}

    /**
     * Live captions: {@code who} may turn them on ("moderators" or "anyone"; null: this server has
     * none), whether they are {@code on}, and who turned them on ({@code by}, null when off).
     */
    record CaptionsView(String who, boolean on, String by) {}

    /** The meeting's captions were turned on or off by {@code by}, or went off by themselves ({@code by} null). */
    @JsonTypeName("captions")
    record Captions(boolean on, String by) implements ServerMessage {}

    /** What {@code participantId} says: the line so far, or ({@code final}) the line as it ended. */
    @JsonTypeName("caption")
    record Caption(String participantId, String text, @JsonProperty("final") boolean isFinal) implements ServerMessage {
        @Override public String toString() { return "Caption[" + participantId + ", ...]"; }
    }

    /** A server recording in progress: who started it ({@code by}, a participant id) and when ({@code since}, ms since 1970). */
    record RecordingView(String by, long since) {}

    /**
     * The meeting's server recording started ({@code active}, with who and since when) or stopped
     * ({@code by}: who stopped it, null when it stopped by itself; {@code since} null).
     */
    @JsonTypeName("recording")
    record Recording(boolean active, String by, Long since) implements ServerMessage {}

    /** To whoever started a recording: it is stored as {@code file} (on the server, or uploaded). */
    @JsonTypeName("recording-saved")
    record RecordingSaved(String file, boolean uploaded) implements ServerMessage {}

    /** How many receive slots of each kind an offer may have. */
    record Slots(int audio, int video) {}

    /** One of a participant's own tracks, in a per-participant {@link Tracks}. */
    record OwnTrackView(String trackId, String kind, String source) {}

    /** What one receive slot carries (the last three null while nothing). */
    record SlotView(String mid, String kind, String participantId, String trackId, String source) {}

    @JsonTypeName("forwarding")
    record Forwarding(List<SlotView> slots) implements ServerMessage {}

    @JsonTypeName("send-layers")
    record SendLayers(String mid, List<String> active) implements ServerMessage {}

    @JsonTypeName("lobby-waiting")
    record LobbyWaiting() implements ServerMessage {}

    @JsonTypeName("denied")
    record Denied(String message) implements ServerMessage {}

    @JsonTypeName("error")
    record ErrorReply(String code, String message, String ref) implements ServerMessage {}

    @JsonTypeName("pong")
    record Pong() implements ServerMessage {}

    @JsonTypeName("answer")
    record Answer(String sdp) implements ServerMessage {}

    /** One participant's complete list of published tracks. */
    @JsonTypeName("tracks")
    record Tracks(String participantId, List<OwnTrackView> tracks) implements ServerMessage {}

    /**
     * Someone came in; {@code replaces} is the participant id they had before a resume (the
     * same person back on a new connection), else null.
     */
    @JsonTypeName("participant-joined")
    record ParticipantJoined(ParticipantView participant, String replaces) implements ServerMessage {}

    /** Someone went; {@code reason} is "left", "disconnected", "kicked" or "replaced". */
    @JsonTypeName("participant-left")
    record ParticipantLeft(String participantId, String reason) implements ServerMessage {}

    @JsonTypeName("participant-updated")
    record ParticipantUpdated(ParticipantState participant) implements ServerMessage {}

    /** {@code participantId}'s new avatar (null: removed). */
    @JsonTypeName("avatar")
    record AvatarChanged(String participantId, String avatar) implements ServerMessage {}

    @JsonTypeName("chat")
    record Chat(String from, String name, String to, String text, long ts,
                @JsonProperty("private") boolean isPrivate) implements ServerMessage {}

    /** An opaque end-to-end key message from participant {@code from}, relayed as it was sent. */
    @JsonTypeName("e2ee")
    record E2ee(String from, String payload) implements ServerMessage {}

    @JsonTypeName("active-speaker")
    record ActiveSpeaker(String participantId) implements ServerMessage {}

    @JsonTypeName("room-updated")
    record RoomUpdated(RoomView room) implements ServerMessage {}

    @JsonTypeName("lobby")
    record Lobby(List<LobbyEntry> waiting) implements ServerMessage {}

    @JsonTypeName("muted")
    record Muted(String kind, String by) implements ServerMessage {}

    @JsonTypeName("unmute-requested")
    record UnmuteRequested(String kind, String by) implements ServerMessage {}

    @JsonTypeName("role")
    record RoleChanged(String role) implements ServerMessage {}

    @JsonTypeName("kicked")
    record Kicked(String reason) implements ServerMessage {}

    /** {@code by}: the moderator who ended the meeting; null for lobby guests and when the room ended by itself. */
    @JsonTypeName("ended")
    record Ended(String by) implements ServerMessage {}

    /** The room now has the name {@code room}; {@code password} only to the moderator who asked for a new one. */
    /** To moderators: the dial-in numbers, this room's PIN and whether phone callers may join. */
    @JsonTypeName("dial-in")
    record DialInView(java.util.List<String> numbers, String pin, boolean enabled, java.util.List<String> phoneCallers) implements ServerMessage {}

    @JsonTypeName("moved")
    record Moved(String room, String password) implements ServerMessage {}

    // ---- reactions, raised hands, polls (docs/protocol.md, "Reactions, hands and polls")

    /** {@code participantId} reacted with {@code emoji}. */
    @JsonTypeName("reaction")
    record Reaction(String participantId, String emoji) implements ServerMessage {}

    /** To the person whose raised hand moderator {@code by} lowered. */
    @JsonTypeName("hand-lowered")
    record HandLowered(String by) implements ServerMessage {}

    /** One option of a poll: its text, its votes, and who voted for it (null in an anonymous poll). */
    record PollOption(String text, int count, List<PollVoter> voters) {}

    /** A voter of a poll that is not anonymous: their id and their name when they voted. */
    record PollVoter(String participantId, String name) {}

    /**
     * An open poll as one participant sees it: {@code yourVote} is the option they chose, or
     * null; {@code createdBy} the moderator who asked.
     */
    record PollView(String id, String question, boolean anonymous, String createdBy, List<PollOption> options,
                    Integer yourVote) {
        @Override public String toString() { return "PollView[" + id + "]"; }
    }

    /** A new poll (to everyone). */
    @JsonTypeName("poll")
    record PollOpened(PollView poll) implements ServerMessage {}

    /**
     * Someone voted: the new {@code counts}; {@code voter} (with {@code option}) only when the
     * poll is not anonymous; {@code yours}: the option, in the voter's own copy only.
     */
    @JsonTypeName("poll-vote")
    record PollVoted(String pollId, List<Integer> counts, PollVoter voter, Integer option, Integer yours)
            implements ServerMessage {}

    /** A moderator ({@code by}) closed the poll; {@code counts} are its final result. */
    @JsonTypeName("poll-closed")
    record PollClosed(String pollId, String by, List<Integer> counts) implements ServerMessage {}

    // ---- breakout rooms (BreakoutHandler, docs/protocol.md "Breakout rooms")

    /** A breakout room as clients name it. */
    record BreakoutView(String id, String name) {}

    /** Someone of the meeting and where they are: {@code breakout} an id, or null for the main room. */
    record BreakoutPerson(String id, String name, String breakout) {}

    /**
     * The meeting's breakout rooms, to everyone in the main room and in the breakouts at each
     * change; {@code rooms} empty: there are none (any more). {@code closesInMs}: a closing
     * countdown, else null.
     */
    @JsonTypeName("breakouts")
    record Breakouts(List<BreakoutView> rooms, boolean choose, Long closesInMs, List<BreakoutPerson> people)
            implements ServerMessage {}

    /** Go there now: {@code breakout} null is the main room; {@code token} is for one {@code join-move}. */
    @JsonTypeName("breakout-move")
    record BreakoutMove(String token, BreakoutView breakout) implements ServerMessage {
        @Override public String toString() { return "BreakoutMove[...]"; }
    }
}
