package parley.signal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import parley.room.MediaKind;
import parley.room.MediaPeer;
import parley.room.Role;
import parley.room.TrackSource;
import parley.signal.ClientMessage.*;

/**
 * JSON to {@link ClientMessage} and {@link ServerMessage} to JSON, with Jackson.
 * Decoding is strict: duplicate keys, trailing data, a root that is not an object, an
 * unknown type and a field of the wrong JSON type are all {@code bad-request}.
 * Thread-safe (Jackson's mapper is, once configured).
 */
public final class MessageCodec {
    /** How deep a client's JSON may nest: our messages need 3 levels. */
    static final int MAX_DEPTH = 8;

    @FunctionalInterface
    private interface Decoder {
        ClientMessage decode(JsonFields f) throws SignalException;
    }

    private static final Map<String, Decoder> DECODERS = Map.ofEntries(
            Map.entry("join", f -> new Join(f.string("room"), f.string("name"), f.optString("password"),
                    f.optString("resume"), f.optString("hostToken"), f.optBool("audioMuted"),
                    f.optBool("videoMuted"), f.optString("avatar"), f.optBool("e2ee"), f.optBool("e2eeCapable"))),
            Map.entry("offer", MessageCodec::offer),
            Map.entry("view", MessageCodec::view),
            Map.entry("chat", f -> new Chat(f.string("text"), f.optString("to"))),
            Map.entry("update", f -> new Update(f.maybeBool("audioMuted"), f.maybeBool("videoMuted"),
                    f.maybeBool("handRaised"), f.has("avatar"), f.optString("avatar"))),
            Map.entry("e2ee", MessageCodec::e2ee),
            Map.entry("set-e2ee", f -> new SetE2ee(f.bool("enabled"))),
            Map.entry("ping", f -> new Ping()),
            Map.entry("leave", f -> new Leave()),
            Map.entry("set-password", f -> new SetPassword(f.optString("password"))),
            Map.entry("set-lobby", f -> new SetLobby(f.bool("enabled"))),
            Map.entry("admit", f -> new Admit(f.optString("participantId"), f.optBool("all"))),
            Map.entry("deny", f -> new Deny(f.optString("participantId"), f.optBool("all"), f.optString("message"))),
            Map.entry("set-role", f -> new SetRole(f.string("participantId"), role(f.string("role")))),
            Map.entry("mute", f -> new Mute(f.optString("participantId"), MediaKind.fromWire(f.string("kind")))),
            Map.entry("ask-unmute", f -> new AskUnmute(f.string("participantId"), MediaKind.fromWire(f.string("kind")))),
            Map.entry("kick", f -> new Kick(f.string("participantId"), f.optString("reason"))),
            Map.entry("set-lock", f -> new SetLock(f.bool("locked"))),
            Map.entry("set-start-muted", f -> new SetStartMuted(f.bool("audio"), f.bool("video"))),
            Map.entry("end-meeting", f -> new EndMeeting()),
            Map.entry("rotate", f -> new Rotate(f.optBool("newPassword"))),
            Map.entry("record", MessageCodec::record),
            Map.entry("set-captions", f -> new SetCaptions(f.bool("on"))),
            Map.entry("set-dial-in", f -> new SetDialIn(f.bool("enabled"))),
            Map.entry("react", f -> new React(f.string("emoji"))),
            Map.entry("lower-hand", f -> new LowerHand(f.string("participantId"))),
            Map.entry("create-poll", f -> new CreatePoll(f.string("question"),
                    f.strings("options", CreatePoll.MAX_OPTIONS), f.optBool("anonymous"))),
            Map.entry("vote", f -> new Vote(f.string("pollId"), f.integer("option", 0, CreatePoll.MAX_OPTIONS - 1))),
            Map.entry("close-poll", f -> new ClosePoll(f.string("pollId"))),
            Map.entry("rename", f -> new Rename(f.string("participantId"), f.string("name"))),
            Map.entry("stream", f -> startOrStop(f) ? new SetStream(true, f.string("url"), f.optString("key")) : new SetStream(false, null, null)),
            Map.entry("local-recording", f -> new SetLocalRecording(startOrStop(f))),
            // breakout rooms
            Map.entry("join-move", f -> new JoinMove(f.string("token"), f.string("name"), f.optBool("audioMuted"),
                    f.optBool("videoMuted"), f.optString("avatar"), f.optBool("e2eeCapable"))),
            Map.entry("breakouts-open", MessageCodec::openBreakouts),
            Map.entry("breakout-assign", f -> new AssignBreakout(f.string("participantId"), f.optString("breakout"))),
            Map.entry("breakout-choose", f -> new ChooseBreakout(f.optString("breakout"))),
            Map.entry("breakouts-close", f -> new CloseBreakouts(
                    f.optInteger("delaySeconds", 0, CloseBreakouts.MAX_DELAY_SECONDS, 0))));

    private final ObjectMapper mapper;

    public MessageCodec() {
        // No buffer recycling: a recycled buffer keeps the last text it parsed or wrote (a
        // chat line, a name, a room) in memory long after the meeting ended.
        JsonFactory factory = JsonFactory.builder().recyclerPool(JsonRecyclerPools.nonRecyclingPool()).build();
        this.mapper = JsonMapper.builder(factory)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_DEPTH).maxNumberLength(32).build());
    }

    /** Parses and validates one client frame. */
    public ClientMessage decode(String json) throws SignalException {
        JsonNode root;
        try {
            root = mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new SignalException(ErrorCode.BAD_REQUEST, "not valid JSON: " + e.getOriginalMessage(), null);
        }
        if (root == null || !root.isObject()) {
            throw new SignalException(ErrorCode.BAD_REQUEST,
                    "message is " + JsonFields.kind(root) + " (expected: a JSON object)", null);
        }
        String type = new JsonFields(root, null).string("type");
        Decoder d = DECODERS.get(type);
        if (d == null) throw new SignalException(ErrorCode.BAD_REQUEST, "unknown type (see docs/protocol.md)", null);
        try {
            return d.decode(new JsonFields(root, type));
        } catch (IllegalArgumentException e) {
            throw new SignalException(ErrorCode.BAD_REQUEST, e.getMessage(), type);
        }
    }

    /** Writes one server message; the result is one text frame. */
    public String encode(ServerMessage message) {
        try {
            return mapper.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + message.getClass().getSimpleName(), e);
        }
    }

    private static Offer offer(JsonFields f) throws SignalException {
        List<MediaPeer.SendTrack> send = new ArrayList<>();
        for (JsonFields t : f.objects("send", Offer.MAX_SEND)) {
            send.add(new MediaPeer.SendTrack(t.string("mid"), TrackSource.fromWire(t.string("source"))));
        }
        List<MediaPeer.RecvSlot> recv = new ArrayList<>();
        for (JsonFields t : f.objects("recv", Offer.MAX_RECV)) {
            recv.add(new MediaPeer.RecvSlot(t.string("mid"), MediaKind.fromWire(t.string("kind"))));
        }
        return new Offer(f.string("sdp"), send, recv);
    }

    private static E2ee e2ee(JsonFields f) throws SignalException {
        List<Sealed> messages = new ArrayList<>();
        for (JsonFields m : f.objects("messages", E2ee.MAX_MESSAGES)) messages.add(new Sealed(m.string("to"), m.string("payload")));
        return new E2ee(messages);
    }

    private static View view(JsonFields f) throws SignalException {
        List<MediaPeer.ViewItem> video = new ArrayList<>();
        for (JsonFields t : f.objects("video", View.MAX_ITEMS)) {
            video.add(new MediaPeer.ViewItem(t.string("trackId"), t.integer("height", 0, View.MAX_HEIGHT)));
        }
        return new View(video, f.optInteger("speakerHeight", 0, View.MAX_HEIGHT, 0));
    }

    private static OpenBreakouts openBreakouts(JsonFields f) throws SignalException {
        List<String> names = new ArrayList<>();
        for (JsonFields r : f.objects("rooms", parley.room.Breakouts.MAX_ROOMS)) names.add(r.optString("name"));
        return new OpenBreakouts(names, f.optBool("choose"));
    }

    private static SetRecording record(JsonFields f) throws SignalException {
        return new SetRecording(startOrStop(f));
    }

    /** The field {@code action}: "start" (true) or "stop". */
    private static boolean startOrStop(JsonFields f) throws SignalException {
        return switch (f.string("action")) {
            case "start" -> true;
            case "stop" -> false;
            default -> throw f.bad("field 'action' is not start or stop (expected: start or stop)");
        };
    }

    private static Role role(String wire) {
        return switch (wire) {
            case "moderator" -> Role.MODERATOR;
            case "participant" -> Role.PARTICIPANT;
            default -> throw new IllegalArgumentException("role '" + wire + "' (expected: moderator or participant)");
        };
    }
}
