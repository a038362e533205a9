package parley.signal;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import parley.room.MediaKind;
import parley.room.MediaPeer;
import parley.room.Role;
import parley.room.RoomName;

/**
 * Every message a client may send, one record per {@code type} (see docs/protocol.md).
 * Each record validates itself; an {@link IllegalArgumentException} from a constructor
 * becomes a {@code bad-request} error. Records that carry private text print none of it.
 */
public sealed interface ClientMessage {
    /** The wire {@code type}. */
    String type();

    /**
     * Enter a room; {@code room} is stored in canonical (lower-case) form. {@code e2ee}: make
     * the room end-to-end encrypted if this join opens it; {@code e2eeCapable}: this client
     * encrypts its media when the room is (it has encoded transforms).
     */
    record Join(String room, String name, String password, String resume, String hostToken,
                boolean audioMuted, boolean videoMuted, String avatar, boolean e2ee, boolean e2eeCapable)
            implements ClientMessage {
        public Join {
            room = RoomName.canonical(room);
            name = Validate.name("name", name);
            if (password != null) Validate.text("password", password, 1, Validate.MAX_PASSWORD);
            if (resume != null) Validate.text("resume", resume, 1, Validate.MAX_ID);
            if (hostToken != null) Validate.text("hostToken", hostToken, 1, Validate.MAX_TOKEN);
            avatar = Validate.avatar(avatar);
        }
        public String type() { return "join"; }
        @Override public String toString() { return "Join[...]"; }
    }

    /** An SDP offer with what each of its mids carries: own tracks, and receive slots. */
    record Offer(String sdp, List<MediaPeer.SendTrack> send, List<MediaPeer.RecvSlot> recv) implements ClientMessage {
        static final int MAX_SEND = 8;
        /** Receive slots per kind (docs/protocol.md: joined.slots). */
        static final int MAX_AUDIO_SLOTS = 3;
        static final int MAX_VIDEO_SLOTS = 32;
        static final int MAX_RECV = MAX_AUDIO_SLOTS + MAX_VIDEO_SLOTS;

        public Offer {
            Validate.text("sdp", sdp, 1, Integer.MAX_VALUE);
            send = List.copyOf(send);
            recv = List.copyOf(recv);
            if (send.size() > MAX_SEND) throw new IllegalArgumentException("send has " + send.size() + " entries (expected: at most " + MAX_SEND + ")");
            long audio = recv.stream().filter(r -> r.kind() == MediaKind.AUDIO).count();
            if (audio > MAX_AUDIO_SLOTS) throw new IllegalArgumentException("recv has " + audio + " audio slots (expected: at most " + MAX_AUDIO_SLOTS + ")");
            if (recv.size() - audio > MAX_VIDEO_SLOTS) throw new IllegalArgumentException("recv has " + (recv.size() - audio) + " video slots (expected: at most " + MAX_VIDEO_SLOTS + ")");
            Set<String> mids = new HashSet<>();
            for (MediaPeer.SendTrack t : send) if (!mids.add(t.mid())) throw duplicateMid();
            for (MediaPeer.RecvSlot t : recv) if (!mids.add(t.mid())) throw duplicateMid();
        }
        private static IllegalArgumentException duplicateMid() {
            return new IllegalArgumentException("a mid appears twice in send and recv (expected: each mid once)");
        }
        public String type() { return "offer"; }
    }

    /** What the client shows: video tracks most important first, with heights; and a speaker view's height. */
    record View(List<MediaPeer.ViewItem> video, int speakerHeight) implements ClientMessage {
        static final int MAX_ITEMS = 64;
        static final int MAX_HEIGHT = 4320;
        /** Heights above this are taken as it: no simulcast layer is taller. */
        static final int HEIGHT_CLAMP = 2160;

        public View {
            if (video.size() > MAX_ITEMS) throw new IllegalArgumentException("video has " + video.size() + " entries (expected: at most " + MAX_ITEMS + ")");
            Set<String> ids = new HashSet<>();
            List<MediaPeer.ViewItem> clamped = new java.util.ArrayList<>(video.size());
            for (MediaPeer.ViewItem i : video) {
                Validate.id("trackId", i.trackId());
                if (!ids.add(i.trackId())) throw new IllegalArgumentException("video names a trackId twice (expected: each track once)");
                clamped.add(new MediaPeer.ViewItem(i.trackId(), Math.min(i.height(), HEIGHT_CLAMP)));
            }
            video = List.copyOf(clamped);
            speakerHeight = Math.min(speakerHeight, HEIGHT_CLAMP);
        }
        public String type() { return "view"; }
    }

    /** A chat message to everyone ({@code to} null) or to one participant. */
    record Chat(String text, String to) implements ClientMessage {
        public Chat {
            Validate.text("text", text, 1, Validate.MAX_CHAT);
            if (to != null) Validate.id("to", to);
        }
        public String type() { return "chat"; }
        @Override public String toString() { return "Chat[...]"; }
    }

    /** A change of one's own state; null fields (and avatar when {@code avatarGiven} is false) stay as they are. */
    record Update(Boolean audioMuted, Boolean videoMuted, Boolean handRaised, boolean avatarGiven, String avatar)
            implements ClientMessage {
        public Update {
            if (audioMuted == null && videoMuted == null && handRaised == null && !avatarGiven) {
                throw new IllegalArgumentException("update changes nothing (expected: audioMuted, videoMuted, handRaised or avatar)");
            }
            avatar = Validate.avatar(avatar);
        }
        public String type() { return "update"; }
        @Override public String toString() { return "Update[...]"; }
    }

    /**
     * Opaque end-to-end key messages (docs/e2ee.md), each to one participant; the server
     * relays each payload as it is and can read none of them.
     */
    record E2ee(List<Sealed> messages) implements ClientMessage {
        /** Base64 characters of one payload: a public key and a wrapped sender key need about 300. */
        static final int MAX_PAYLOAD = 1024;
        /** One per other participant of the largest room. */
        static final int MAX_MESSAGES = 200;

        public E2ee {
            messages = List.copyOf(messages);
            if (messages.isEmpty()) throw new IllegalArgumentException("messages is empty (expected: 1 to " + MAX_MESSAGES + ")");
            if (messages.size() > MAX_MESSAGES) throw new IllegalArgumentException("messages has " + messages.size() + " entries (expected: at most " + MAX_MESSAGES + ")");
            Set<String> to = new HashSet<>();
            for (Sealed m : messages) if (!to.add(m.to())) throw new IllegalArgumentException("messages names a participant twice (expected: each once)");
        }
        public String type() { return "e2ee"; }
        @Override public String toString() { return "E2ee[" + messages.size() + "]"; }
    }

    /** One opaque payload (standard base64, 1 to {@link E2ee#MAX_PAYLOAD} characters) for participant {@code to}. */
    record Sealed(String to, String payload) {
        public Sealed {
            Validate.id("to", to);
            Validate.base64("payload", payload, E2ee.MAX_PAYLOAD);
        }
    }

    /** Moderators: turn end-to-end encryption on for the room ({@code enabled} false is refused when on). */
    record SetE2ee(boolean enabled) implements ClientMessage {
        public String type() { return "set-e2ee"; }
    }

    record Ping() implements ClientMessage {
        public String type() { return "ping"; }
    }

    record Leave() implements ClientMessage {
        public String type() { return "leave"; }
    }

    /** Set, change ({@code password} non-null) or remove (null) the room password. */
    record SetPassword(String password) implements ClientMessage {
        public SetPassword {
            if (password != null) Validate.text("password", password, 1, Validate.MAX_PASSWORD);
        }
        public String type() { return "set-password"; }
        @Override public String toString() { return "SetPassword[***]"; }
    }

    record SetLobby(boolean enabled) implements ClientMessage {
        public String type() { return "set-lobby"; }
    }

    /** Admit one lobby guest, or all of them. */
    record Admit(String participantId, boolean all) implements ClientMessage {
        public Admit {
            checkOneOrAll(participantId, all);
        }
        public String type() { return "admit"; }
    }

    /** Turn away one lobby guest, or all of them, with an optional message shown to them. */
    record Deny(String participantId, boolean all, String message) implements ClientMessage {
        public Deny {
            checkOneOrAll(participantId, all);
            Validate.optionalText("message", message, Validate.MAX_NOTE);
        }
        public String type() { return "deny"; }
        @Override public String toString() { return "Deny[" + (all ? "all" : participantId) + "]"; }
    }

    /** Grant ({@link Role#MODERATOR}) or take back ({@link Role#PARTICIPANT}) the moderator role. */
    record SetRole(String participantId, Role role) implements ClientMessage {
        public SetRole {
            Validate.id("participantId", participantId);
            if (role == Role.HOST) throw new IllegalArgumentException("role 'host' (expected: moderator or participant)");
        }
        public String type() { return "set-role"; }
    }

    /** Mute one participant ({@code participantId}) or everyone but the sender (null). */
    record Mute(String participantId, MediaKind kind) implements ClientMessage {
        public Mute {
            if (participantId != null) Validate.id("participantId", participantId);
        }
        public String type() { return "mute"; }
    }

    record AskUnmute(String participantId, MediaKind kind) implements ClientMessage {
        public AskUnmute {
            Validate.id("participantId", participantId);
        }
        public String type() { return "ask-unmute"; }
    }

    /** Remove a participant, with an optional reason shown to them. */
    record Kick(String participantId, String reason) implements ClientMessage {
        public Kick {
            Validate.id("participantId", participantId);
            Validate.optionalText("reason", reason, Validate.MAX_NOTE);
        }
        public String type() { return "kick"; }
        @Override public String toString() { return "Kick[" + participantId + "]"; }
    }

    record SetLock(boolean locked) implements ClientMessage {
        public String type() { return "set-lock"; }
    }

    record SetStartMuted(boolean audio, boolean video) implements ClientMessage {
        public String type() { return "set-start-muted"; }
    }

    record EndMeeting() implements ClientMessage {
        public String type() { return "end-meeting"; }
    }

    /** Move the room to a new random name, and to a new random password if asked. */
    record Rotate(boolean newPassword) implements ClientMessage {
        public String type() { return "rotate"; }
    }

    /** Moderators: turn phone dial-in to this room on or off. */
    record SetDialIn(boolean enabled) implements ClientMessage {
        public String type() { return "set-dial-in"; }
    }

    /** Moderators: give a phone caller a name ("Phone caller 1" → "Grandma"). */
    record Rename(String participantId, String name) implements ClientMessage {
        public Rename {
            Validate.id("participantId", participantId);
            name = Validate.name("name", name);
        }
        public String type() { return "rename"; }
        @Override public String toString() { return "Rename[" + participantId + "]"; }
    }

    /** Moderators: start ({@code start} true) or stop the server recording of the meeting. */
    record SetRecording(boolean start) implements ClientMessage {
        public String type() { return "record"; }
    }

    /** Turn the meeting's live captions on or off (moderators, or anyone with --captions-by anyone). */
    record SetCaptions(boolean on) implements ClientMessage {
        public String type() { return "set-captions"; }
    }

    // ---- reactions, raised hands, polls (docs/protocol.md, "Reactions, hands and polls")

    /** A reaction of the sender's, one of {@link ReactionSet#EMOJI}. */
    record React(String emoji) implements ClientMessage {
        public React {
            ReactionSet.check(emoji);
        }
        public String type() { return "react"; }
    }

    /** Moderators: lower {@code participantId}'s raised hand. */
    record LowerHand(String participantId) implements ClientMessage {
        public LowerHand {
            Validate.id("participantId", participantId);
        }
        public String type() { return "lower-hand"; }
    }

    /** Moderators: ask everyone {@code question}, with 2 to 10 distinct options. */
    record CreatePoll(String question, List<String> options, boolean anonymous) implements ClientMessage {
        static final int MAX_QUESTION = 300;
        static final int MAX_OPTION = 100;
        static final int MIN_OPTIONS = 2;
        static final int MAX_OPTIONS = 10;

        public CreatePoll {
            question = Validate.text("question", question.strip(), 1, MAX_QUESTION);
            if (options.size() < MIN_OPTIONS || options.size() > MAX_OPTIONS) {
                throw new IllegalArgumentException("options has " + options.size() + " entries (expected: "
                        + MIN_OPTIONS + " to " + MAX_OPTIONS + ")");
            }
            List<String> clean = new java.util.ArrayList<>(options.size());
            for (int i = 0; i < options.size(); i++) {
                String o = Validate.text("options[" + i + "]", options.get(i).strip(), 1, MAX_OPTION);
                if (clean.contains(o)) throw new IllegalArgumentException("options[" + i + "] repeats an earlier option (expected: each option once)");
                clean.add(o);
            }
            options = List.copyOf(clean);
        }
        public String type() { return "create-poll"; }
        @Override public String toString() { return "CreatePoll[" + options.size() + " options]"; }
    }

    /** One vote, for option {@code option} (0-based) of the open poll {@code pollId}. */
    record Vote(String pollId, int option) implements ClientMessage {
        public Vote {
            Validate.id("pollId", pollId);
        }
        public String type() { return "vote"; }
    }

    /** Moderators: close the open poll {@code pollId}. */
    record ClosePoll(String pollId) implements ClientMessage {
        public ClosePoll {
            Validate.id("pollId", pollId);
        }
        public String type() { return "close-poll"; }
    }

    /**
     * Moderators: start ({@code start}) a live stream to {@code url} with stream {@code key} (may be
     * empty; neither is ever logged or shown to anyone), or stop it.
     */
    record SetStream(boolean start, String url, String key) implements ClientMessage {
        public static final int MAX_URL = 1_000;
        public static final int MAX_KEY = 500;

        public SetStream {
            if (start) {
                Validate.text("url", url, 1, MAX_URL);
                key = Validate.optionalText("key", key, MAX_KEY);
                if (key == null) key = "";
            }
        }
        public String type() { return "stream"; }
        @Override public String toString() { return "SetStream[" + (start ? "start, ***" : "stop") + "]"; }
    }

    /** Anyone: this participant started ({@code on}) or stopped recording the meeting in their browser. */
    record SetLocalRecording(boolean on) implements ClientMessage {
        public String type() { return "local-recording"; }
    }

    // ---- breakout rooms (BreakoutHandler, docs/protocol.md "Breakout rooms")

    /** Enter the room a {@code breakout-move} sent us to, on a new connection, with its one-time token. */
    record JoinMove(String token, String name, boolean audioMuted, boolean videoMuted, String avatar, boolean e2eeCapable)
            implements ClientMessage {
        public JoinMove {
            Validate.text("token", token, 1, Validate.MAX_ID);
            name = Validate.name("name", name);
            avatar = Validate.avatar(avatar);
        }
        public String type() { return "join-move"; }
        @Override public String toString() { return "JoinMove[...]"; }
    }

    /** Moderators: open breakout rooms with these names (null or blank: "Room n"); {@code choose}: people may pick. */
    record OpenBreakouts(List<String> names, boolean choose) implements ClientMessage {
        public OpenBreakouts {
            if (names.isEmpty() || names.size() > parley.room.Breakouts.MAX_ROOMS) {
                throw new IllegalArgumentException("rooms has " + names.size() + " entries (expected: 1 to "
                        + parley.room.Breakouts.MAX_ROOMS + ")");
            }
            List<String> clean = new java.util.ArrayList<>(names.size());
            for (String n : names) clean.add(n == null || n.isBlank() ? null : Validate.name("rooms[].name", n));
            names = java.util.Collections.unmodifiableList(clean);
        }
        public String type() { return "breakouts-open"; }
        @Override public String toString() { return "OpenBreakouts[" + names.size() + "]"; }
    }

    /** Moderators: send a participant to a breakout now ({@code breakout} null: back to the main room). */
    record AssignBreakout(String participantId, String breakout) implements ClientMessage {
        public AssignBreakout {
            Validate.id("participantId", participantId);
            if (breakout != null) Validate.id("breakout", breakout);
        }
        public String type() { return "breakout-assign"; }
    }

    /** Go to a breakout oneself ({@code breakout} null: the main room): moderators, or anyone when choosing is allowed. */
    record ChooseBreakout(String breakout) implements ClientMessage {
        public ChooseBreakout {
            if (breakout != null) Validate.id("breakout", breakout);
        }
        public String type() { return "breakout-choose"; }
    }

    /** Moderators: bring everyone back, now or after {@code delaySeconds}. */
    record CloseBreakouts(int delaySeconds) implements ClientMessage {
        public static final int MAX_DELAY_SECONDS = 600;
        public CloseBreakouts {
            if (delaySeconds < 0 || delaySeconds > MAX_DELAY_SECONDS) {
                throw new IllegalArgumentException("delaySeconds " + delaySeconds + " (expected: 0 to " + MAX_DELAY_SECONDS + ")");
            }
        }
        public String type() { return "breakouts-close"; }
    }

    private static void checkOneOrAll(String participantId, boolean all) {
        if (all == (participantId != null)) {
            throw new IllegalArgumentException("give participantId or all: true (expected: exactly one of them)");
        }
        if (participantId != null) Validate.id("participantId", participantId);
    }
}
