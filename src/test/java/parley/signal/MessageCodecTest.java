package parley.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import parley.room.MediaKind;
import parley.room.MediaPeer;
import parley.room.Role;
import parley.room.TrackSource;
import parley.signal.ClientMessage.*;

/** The JSON codec: every client type decodes; every kind of bad input is bad-request; server messages encode as documented. */
class MessageCodecTest {
    private final MessageCodec codec = new MessageCodec();

    private ClientMessage decode(String singleQuoted) throws SignalException {
        return codec.decode(singleQuoted.replace('\'', '"'));
    }

    private SignalException refused(String singleQuoted) {
        SignalException e = assertThrows(SignalException.class, () -> decode(singleQuoted));
        assertEquals(ErrorCode.BAD_REQUEST, e.code());
        return e;
    }

    @Test
    void joinWithEveryField() throws SignalException {
        Join j = (Join) decode("{'type':'join','room':'Velvet-Otter','name':'  Ada  ','password':'pw',"
                + "'resume':null,'hostToken':null,'audioMuted':true,'videoMuted':false,'avatar':null,'future':1}");
        assertEquals(new Join("velvet-otter", "Ada", "pw", null, null, true, false, null, false, false), j);
    }

    @Test
    void joinWithOnlyRequiredFields() throws SignalException {
        assertEquals(new Join("r", "Bo", null, null, null, false, false, null, false, false), decode("{'type':'join','room':'r','name':'Bo'}"));
    }

    @Test
    void everyOtherType() throws SignalException {
        assertEquals(new Chat("hi", null), decode("{'type':'chat','text':'hi','to':null}"));
        assertEquals(new Chat("hi", "p1"), decode("{'type':'chat','text':'hi','to':'p1'}"));
        assertEquals(new Update(null, null, true, false, null), decode("{'type':'update','handRaised':true}"));
        assertEquals(new Update(null, null, null, true, null), decode("{'type':'update','avatar':null}"));
        assertEquals(new Ping(), decode("{'type':'ping'}"));
        assertEquals(new Leave(), decode("{'type':'leave'}"));
        assertEquals(new SetPassword(null), decode("{'type':'set-password','password':null}"));
        assertEquals(new SetLobby(true), decode("{'type':'set-lobby','enabled':true}"));
        assertEquals(new Admit(null, true), decode("{'type':'admit','all':true}"));
        assertEquals(new Deny("p2", false, "sorry"), decode("{'type':'deny','participantId':'p2','message':'sorry'}"));
        assertEquals(new SetRole("p3", Role.MODERATOR), decode("{'type':'set-role','participantId':'p3','role':'moderator'}"));
        assertEquals(new Mute(null, MediaKind.VIDEO), decode("{'type':'mute','participantId':null,'kind':'video'}"));
        assertEquals(new AskUnmute("p4", MediaKind.AUDIO), decode("{'type':'ask-unmute','participantId':'p4','kind':'audio'}"));
        assertEquals(new Kick("p5", null), decode("{'type':'kick','participantId':'p5'}"));
        assertEquals(new SetLock(false), decode("{'type':'set-lock','locked':false}"));
        assertEquals(new SetStartMuted(true, false), decode("{'type':'set-start-muted','audio':true,'video':false}"));
        assertEquals(new EndMeeting(), decode("{'type':'end-meeting'}"));
        assertEquals(new Rotate(true), decode("{'type':'rotate','newPassword':true}"));
        assertEquals(new SetRecording(true), decode("{'type':'record','action':'start'}"));
        assertEquals(new SetRecording(false), decode("{'type':'record','action':'stop'}"));
    }

    @Test
    void offer() throws SignalException {
        Offer o = (Offer) decode("{'type':'offer','sdp':'v=0','send':[{'mid':'0','source':'mic'},{'mid':'1','source':'screen'}],"
                + "'recv':[{'mid':'2','kind':'audio'},{'mid':'3','kind':'video'}]}");
        assertEquals(List.of(new MediaPeer.SendTrack("0", TrackSource.MIC), new MediaPeer.SendTrack("1", TrackSource.SCREEN)), o.send());
        assertEquals(List.of(new MediaPeer.RecvSlot("2", MediaKind.AUDIO), new MediaPeer.RecvSlot("3", MediaKind.VIDEO)), o.recv());
    }

    @Test
    void offerWithAsManySlotsAsJoinedAllows() throws SignalException {
        Offer o = (Offer) decode(offerWithSlots(3, 32));
        assertEquals(35, o.recv().size());
        assertEquals(3, o.recv().stream().filter(r -> r.kind() == MediaKind.AUDIO).count());
        assertEquals(List.of(), ((Offer) decode(offerWithSlots(0, 0))).recv());
    }

    @Test
    void offerWithMoreSlotsThanJoinedAllowsIsRefused() {
        assertRefusedWith(offerWithSlots(4, 0), "recv has 4 audio slots (expected: at most 3)");
        assertRefusedWith(offerWithSlots(0, 33), "recv has 33 video slots (expected: at most 32)");
        assertRefusedWith(offerWithSlots(4, 31), "recv has 4 audio slots"); // 35 in all, but too many of one kind
        assertRefusedWith(offerWithSlots(2, 33), "recv has 33 video slots");
        assertRefusedWith(offerWithSlots(3, 33), "field 'recv' has 36 elements (expected: at most 35)");
        assertEquals("offer", refused(offerWithSlots(4, 0)).ref());
    }

    private void assertRefusedWith(String singleQuoted, String expected) {
        String message = refused(singleQuoted).getMessage();
        assertTrue(message.contains(expected), "'" + message + "' should contain '" + expected + "'");
    }

    /** An offer with {@code audio} audio slots, then {@code video} video slots, on mids 0, 1, ... */
    private static String offerWithSlots(int audio, int video) {
        StringBuilder recv = new StringBuilder();
        for (int i = 0; i < audio + video; i++) {
            if (i > 0) recv.append(',');
            recv.append("{'mid':'").append(i).append("','kind':'").append(i < audio ? "audio" : "video").append("'}");
        }
        return "{'type':'offer','sdp':'v=0','send':[],'recv':[" + recv + "]}";
    }

    @Test
    void view() throws SignalException {
        View v = (View) decode("{'type':'view','video':[{'trackId':'t9a','height':720},{'trackId':'t3c','height':0}],"
                + "'speakerHeight':360}");
        assertEquals(List.of(new MediaPeer.ViewItem("t9a", 720), new MediaPeer.ViewItem("t3c", 0)), v.video());
        assertEquals(360, v.speakerHeight());
    }

    @Test
    void viewSpeakerHeightIsOptionalAndAnEmptyViewIsAView() throws SignalException {
        assertEquals(new View(List.of(new MediaPeer.ViewItem("t1", 180)), 0),
                decode("{'type':'view','video':[{'trackId':'t1','height':180}]}"));
        assertEquals(new View(List.of(), 0), decode("{'type':'view','video':[]}"));
        assertEquals(new View(List.of(), 2160), decode("{'type':'view','video':[],'speakerHeight':4320}"));
    }

    @Test
    void viewHeightsAboveWhatAnyLayerHasAreTakenAs2160() throws SignalException {
        View v = (View) decode("{'type':'view','video':[{'trackId':'t1','height':3000},{'trackId':'t2','height':4320},"
                + "{'trackId':'t3','height':2160},{'trackId':'t4','height':2159}],'speakerHeight':3000}");
        assertEquals(List.of(2160, 2160, 2160, 2159), v.video().stream().map(MediaPeer.ViewItem::height).toList());
        assertEquals(2160, v.speakerHeight());
    }

    @Test
    void viewWith64EntriesIsTheLimit() throws SignalException {
        assertEquals(64, ((View) decode(viewWith(64))).video().size());
        SignalException e = refused(viewWith(65));
        assertTrue(e.getMessage().contains("65 elements (expected: at most 64)"), e.getMessage());
        assertEquals("view", e.ref());
    }

    /** A view of {@code n} distinct tracks at 180 pixels. */
    private static String viewWith(int n) {
        StringBuilder video = new StringBuilder();
        for (int i = 0; i < n; i++) video.append(i > 0 ? "," : "").append("{'trackId':'t").append(i).append("','height':180}");
        return "{'type':'view','video':[" + video + "]}";
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            # case                  | message (single quotes)                                   | error text contains
            not JSON                | {'type':                                                   | not valid JSON
            empty frame             | ""                                                         | expected: a JSON object
            array root              | [1,2]                                                      | message is array (expected: a JSON object)
            string root             | 'join'                                                     | message is string
            trailing data           | {'type':'ping'} {'type':'ping'}                            | not valid JSON
            duplicate key           | {'type':'ping','type':'leave'}                             | Duplicate field 'type'
            duplicate inner key     | {'type':'join','room':'r','name':'a','name':'b'}           | Duplicate field 'name'
            no type                 | {'room':'r'}                                               | field 'type' is missing (expected: string)
            type is a number        | {'type':7}                                                 | field 'type' is number (expected: string)
            unknown type            | {'type':'teleport'}                                        | unknown type
            number for string       | {'type':'join','room':5,'name':'a'}                        | field 'room' is number (expected: string)
            string for boolean      | {'type':'set-lock','locked':'true'}                        | field 'locked' is string (expected: boolean)
            null for boolean        | {'type':'set-lock','locked':null}                          | field 'locked' is null (expected: boolean)
            missing boolean         | {'type':'set-lobby'}                                       | field 'enabled' is missing
            object for string       | {'type':'chat','text':{'a':1}}                             | field 'text' is object (expected: string)
            bad room name           | {'type':'join','room':'a b','name':'a'}                    | room name has a character U+0020
            long room name          | {'type':'join','room':'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa','name':'a'} | room name of 65 characters
            blank name              | {'type':'join','room':'r','name':'   '}                    | name of 0 characters after trimming
            control in name         | {'type':'join','room':'r','name':'a\\u0007b'}              | name contains U+0007
            bidi override in name   | {'type':'join','room':'r','name':'a\\u202Eb'}              | name contains U+202E
            lone high surrogate     | {'type':'join','room':'r','name':'a\\ud800'}              | field 'name' has a lone UTF-16 surrogate at index 1
            lone low surrogate      | {'type':'chat','text':'\\udc00hi'}                        | field 'text' has a lone UTF-16 surrogate at index 0
            swapped pair            | {'type':'chat','text':'\\udc00\\ud800'}                  | lone UTF-16 surrogate at index 0
            empty chat              | {'type':'chat','text':''}                                  | text of 0 characters
            blank chat              | {'type':'chat','text':'  '}                                | text is blank
            bad avatar              | {'type':'update','avatar':'http://x/y.png'}                | avatar is not a data URL
            svg avatar              | {'type':'update','avatar':'data:image/svg+xml;base64,AAAA'} | avatar is not a data URL
            avatar not base64       | {'type':'update','avatar':'data:image/png;base64,<b>'}     | non-base64 character
            update without change   | {'type':'update'}                                          | update changes nothing
            host role               | {'type':'set-role','participantId':'p','role':'host'}      | role 'host' (expected: moderator or participant)
            bad kind                | {'type':'mute','participantId':'p','kind':'smell'}         | kind 'smell' (expected: audio or video)
            admit both              | {'type':'admit','participantId':'p','all':true}            | exactly one of them
            admit neither           | {'type':'admit'}                                           | exactly one of them
            bad source              | {'type':'offer','sdp':'v=0','send':[{'mid':'0','source':'tv'}],'recv':[]} | track source 'tv'
            send not array          | {'type':'offer','sdp':'v=0','send':{},'recv':[]}           | field 'send' is object (expected: array)
            duplicate mid           | {'type':'offer','sdp':'v=0','send':[{'mid':'0','source':'mic'}],'recv':[{'mid':'0','kind':'audio'}]} | each mid once
            duplicate recv mid      | {'type':'offer','sdp':'v=0','send':[],'recv':[{'mid':'1','kind':'audio'},{'mid':'1','kind':'video'}]} | each mid once
            data slot               | {'type':'offer','sdp':'v=0','send':[],'recv':[{'mid':'1','kind':'data'}]} | kind 'data' (expected: audio or video)
            slot without kind       | {'type':'offer','sdp':'v=0','send':[],'recv':[{'mid':'1'}]} | field 'kind' is missing
            old recv with trackId   | {'type':'offer','sdp':'v=0','send':[],'recv':[{'mid':'1','trackId':'t9'}]} | field 'kind' is missing
            kind not a string       | {'type':'offer','sdp':'v=0','send':[],'recv':[{'mid':'1','kind':1}]} | field 'kind' is number (expected: string)
            recv not array          | {'type':'offer','sdp':'v=0','send':[],'recv':{}}           | field 'recv' is object (expected: array)
            view without video      | {'type':'view'}                                            | field 'video' is missing
            view video not array    | {'type':'view','video':{}}                                 | field 'video' is object (expected: array)
            view entry not object   | {'type':'view','video':['t1']}                             | field 'video[0]' is string (expected: object)
            duplicate trackId       | {'type':'view','video':[{'trackId':'t1','height':180},{'trackId':'t1','height':720}]} | names a trackId twice
            empty trackId           | {'type':'view','video':[{'trackId':'','height':180}]}     | empty trackId
            long trackId            | {'type':'view','video':[{'trackId':'ttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttt','height':180}]} | trackId of 65 characters
            missing trackId         | {'type':'view','video':[{'height':180}]}                   | field 'trackId' is missing
            missing height          | {'type':'view','video':[{'trackId':'t1'}]}                 | field 'height' is missing
            negative height         | {'type':'view','video':[{'trackId':'t1','height':-1}]}     | field 'height' is -1 (expected: 0 to 4320)
            height over 4320        | {'type':'view','video':[{'trackId':'t1','height':4321}]}   | field 'height' is 4321 (expected: 0 to 4320)
            fractional height       | {'type':'view','video':[{'trackId':'t1','height':1.5}]}    | field 'height' is number (expected: integer)
            height as string        | {'type':'view','video':[{'trackId':'t1','height':'5'}]}    | field 'height' is string (expected: integer)
            null height             | {'type':'view','video':[{'trackId':'t1','height':null}]}   | field 'height' is null (expected: integer)
            huge height             | {'type':'view','video':[{'trackId':'t1','height':99999999999}]} | (expected: 0 to 4320)
            negative speakerHeight  | {'type':'view','video':[],'speakerHeight':-1}              | field 'speakerHeight' is -1 (expected: 0 to 4320)
            speakerHeight over 4320 | {'type':'view','video':[],'speakerHeight':4321}            | field 'speakerHeight' is 4321
            null speakerHeight      | {'type':'view','video':[],'speakerHeight':null}            | field 'speakerHeight' is null (expected: integer)
            NaN                     | {'type':'ping','x':NaN}                                    | not valid JSON
            comment                 | {'type':'ping'/*x*/}                                       | not valid JSON
            """)
    void badInput(String name, String message, String expected) {
        SignalException e = refused(message);
        assertTrue(e.getMessage().contains(expected), "'" + e.getMessage() + "' should contain '" + expected + "'");
    }

    @Test
    void refusalsNameTheTypeOnlyWhenKnown() {
        assertEquals("set-lock", refused("{'type':'set-lock','locked':1}").ref());
        assertNull(refused("{'type':'nope'}").ref());
        assertNull(refused("[]").ref());
    }

    @Test
    void deepNestingIsRefused() {
        String deep = "{\"type\":\"ping\",\"x\":" + "[".repeat(50) + "]".repeat(50) + "}";
        assertEquals(ErrorCode.BAD_REQUEST, assertThrows(SignalException.class, () -> codec.decode(deep)).code());
    }

    @Test
    void privateFieldsStayOutOfToString() throws SignalException {
        String printed = decode("{'type':'join','room':'secret-room','name':'Ada','password':'hunter2'}").toString()
                + decode("{'type':'chat','text':'my secret'}") + decode("{'type':'set-password','password':'hunter2'}");
        for (String secret : List.of("secret-room", "Ada", "hunter2", "my secret")) {
            assertTrue(!printed.contains(secret), printed);
        }
    }

    /** Random and truncated frames: only SignalException may come out, never another exception. */
    @Test
    void fuzzNeverThrowsAnythingElse() {
        Random random = new Random(42);
        List<String> seeds = List.of(
                "{\"type\":\"join\",\"room\":\"r\",\"name\":\"Ada\",\"avatar\":\"data:image/png;base64,AAAA\"}",
                "{\"type\":\"offer\",\"sdp\":\"v=0\",\"send\":[{\"mid\":\"0\",\"source\":\"mic\"}],\"recv\":[{\"mid\":\"1\",\"kind\":\"video\"}]}",
                "{\"type\":\"view\",\"video\":[{\"trackId\":\"t1\",\"height\":720}],\"speakerHeight\":180}",
                "{\"type\":\"deny\",\"participantId\":\"p\",\"message\":\"no\"}",
                "{\"type\":\"update\",\"audioMuted\":true,\"handRaised\":false}");
        String alphabet = "{}[]\":,0123456789.-+eEtruefalsnl\\ abc\u00e9\ud83d\ude00";
        for (int i = 0; i < 20_000; i++) {
            String seed = seeds.get(random.nextInt(seeds.size()));
            StringBuilder sb = new StringBuilder(seed.substring(0, random.nextInt(seed.length() + 1)));
            int mutations = random.nextInt(4);
            for (int m = 0; m < mutations && sb.length() > 0; m++) {
                sb.setCharAt(random.nextInt(sb.length()), alphabet.charAt(random.nextInt(alphabet.length())));
            }
            try {
                codec.decode(sb.toString());
            } catch (SignalException expected) {
                // fine: the client gets an error
            }
        }
    }

    @Test
    void serverMessagesHaveTheirTypeFirstAndNullsWritten() {
        assertEquals("{\"type\":\"chat\",\"from\":\"p1\",\"name\":\"Ada\",\"to\":null,\"text\":\"hi\",\"ts\":5,\"private\":false}",
                codec.encode(new ServerMessage.Chat("p1", "Ada", null, "hi", 5, false)));
        assertEquals("{\"type\":\"error\",\"code\":\"forbidden\",\"message\":\"no\",\"ref\":\"kick\"}",
                codec.encode(new ServerMessage.ErrorReply("forbidden", "no", "kick")));
        assertEquals("{\"type\":\"lobby-waiting\"}", codec.encode(new ServerMessage.LobbyWaiting()));
        assertEquals("{\"type\":\"moved\",\"room\":\"abc\",\"password\":null}", codec.encode(new ServerMessage.Moved("abc", null)));
        assertEquals("{\"type\":\"role\",\"role\":\"moderator\"}", codec.encode(new ServerMessage.RoleChanged("moderator")));
    }

    @Test
    void mediaMessagesEncodeAsDocumented() {
        assertEquals("{\"type\":\"tracks\",\"participantId\":\"p7\",\"tracks\":[{\"trackId\":\"t9\",\"kind\":\"video\",\"source\":\"camera\"}]}",
                codec.encode(new ServerMessage.Tracks("p7", List.of(new ServerMessage.OwnTrackView("t9", "video", "camera")))));
        assertEquals("{\"type\":\"forwarding\",\"slots\":["
                        + "{\"mid\":\"2\",\"kind\":\"audio\",\"participantId\":\"p7\",\"trackId\":\"t1\",\"source\":\"mic\"},"
                        + "{\"mid\":\"6\",\"kind\":\"video\",\"participantId\":null,\"trackId\":null,\"source\":null}]}",
                codec.encode(new ServerMessage.Forwarding(List.of(new ServerMessage.SlotView("2", "audio", "p7", "t1", "mic"),
                        new ServerMessage.SlotView("6", "video", null, null, null)))));
        assertEquals("{\"type\":\"send-layers\",\"mid\":\"1\",\"active\":[\"q\",\"h\"]}",
                codec.encode(new ServerMessage.SendLayers("1", List.of("q", "h"))));
        assertEquals("{\"type\":\"send-layers\",\"mid\":\"1\",\"active\":[]}",
                codec.encode(new ServerMessage.SendLayers("1", List.of())));
    }

    @Test
    void everyServerTypeHasAWireName() {
        for (Class<?> c : ServerMessage.class.getPermittedSubclasses()) {
            assertTrue(c.isAnnotationPresent(com.fasterxml.jackson.annotation.JsonTypeName.class), c + " has a wire type");
        }
    }
}
